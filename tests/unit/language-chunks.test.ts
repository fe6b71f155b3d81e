import { describe, expect, it } from "vitest";
import { languageChunkUrls } from "../../app/lib/language-chunks.server";

describe("the language chunks the HTML preloads", () => {
  it("are the browser outputs whose entry point is a language's index, by URL", () => {
    const metafile = {
      outputs: {
        "public/build/_shared/zh-CN-AB12CD34.js": { entryPoint: "app/locales/zh-CN/index.ts" },
        "public/build/_shared/en-EF56GH78.js": { entryPoint: "app/locales/en/index.ts" },
        "public/build/_shared/chunk-XYZ.js": {},
        "public/build/routes/jobs._index-123.js": { entryPoint: "app/routes/jobs._index.tsx" },
        "public/build/_shared/common-1.js": { entryPoint: "app/locales/en/common.json" },
      },
    };
    expect(languageChunkUrls(metafile)).toEqual({ "zh-CN": "/build/_shared/zh-CN-AB12CD34.js", en: "/build/_shared/en-EF56GH78.js" });
  });

  it("are none when the build has no language chunk", () => {
    expect(languageChunkUrls({ outputs: { "public/build/entry.client-1.js": { entryPoint: "app/entry.client.tsx" } } })).toEqual({});
  });
});
