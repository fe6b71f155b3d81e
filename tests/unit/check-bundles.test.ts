import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const script = path.resolve(import.meta.dirname, "../../scripts/check-bundles.mjs");

function metafileWith(inputs: string[], pageScripts: string[] = ["app/browser/checkin-scanner.ts", "app/modules/fairs/qr-decode.ts"]) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "yj-bundles-"));
  const remix = path.join(dir, "metafile.js.json");
  writeFileSync(
    remix,
    JSON.stringify({
      outputs: {
        "public/build/routes/jobs._index-X.js": { inputs: Object.fromEntries(inputs.map((i) => [i, { bytesInOutput: 1 }])), imports: [] },
        "public/build/entry.client-Y.js": { inputs: { "app/entry.client.tsx": { bytesInOutput: 1 } }, imports: [] },
      },
    }),
  );
  // The page scripts' own metafile (scripts/build-page-scripts.mjs), as esbuild writes it.
  const scripts = path.join(dir, "page-scripts-metafile.json");
  writeFileSync(
    scripts,
    JSON.stringify({
      outputs: { "public/page-scripts/checkin-scanner-Z.js": { inputs: Object.fromEntries(pageScripts.map((i) => [i, { bytesInOutput: 1 }])), imports: [] } },
    }),
  );
  return [remix, scripts];
}

function check(inputs: string[], pageScripts?: string[]): { code: number; output: string } {
  try {
    return { code: 0, output: execFileSync(process.execPath, [script, ...metafileWith(inputs, pageScripts)], { encoding: "utf8", stdio: "pipe" }) };
  } catch (error) {
    const e = error as { status: number; stderr: string };
    return { code: e.status, output: e.stderr };
  }
}

describe("the bundle check", () => {
  it("passes browser code", () => {
    expect(check(["app/routes/jobs._index.tsx", "app/modules/jobs/constants.ts", "node_modules/react/index.js"]).code).toBe(0);
  });
  it("fails on drizzle, postgres, db/ and .server modules", () => {
    for (const input of [
      "node_modules/drizzle-orm/pg-core/table.js",
      "node_modules/postgres/src/index.js",
      "db/schema/members.ts",
      "app/lib/auth.server.ts",
      "app/.server/x.ts",
    ]) {
      const r = check(["app/routes/jobs._index.tsx", input]);
      expect(r.code, input).toBe(1);
      expect(r.output).toContain(input);
    }
  });
  it("reads the page scripts' metafile too (decision 036's browser modules)", () => {
    const r = check(["app/routes/jobs._index.tsx"], ["app/browser/checkin-scanner.ts", "app/modules/fairs/check-in.server.ts"]);
    expect(r.code).toBe(1);
    expect(r.output).toContain("public/page-scripts/checkin-scanner-Z.js");
    expect(r.output).toContain("app/modules/fairs/check-in.server.ts");
  });
});
