import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import en from "../../app/locales/en/common.json" with { type: "json" };
import zh from "../../app/locales/zh-CN/common.json" with { type: "json" };
import { pageTitle, siteTitle, titleMeta } from "../../app/lib/page-title";

const routesDir = path.resolve(import.meta.dirname, "../../app/routes");
const root = (lng: string) => [{ id: "root", data: { lng } }];

describe("page titles", () => {
  it("are in the page's language only, followed by the portal's name", () => {
    expect(pageTitle(root("zh-CN"), "members")).toEqual([{ title: "会员管理 · 云江注塑鞋研究中心" }]);
    expect(pageTitle(root("en"), "members")).toEqual([{ title: `Members · ${en.layout.brand}` }]);
    expect(pageTitle(root("en"), "fair", { fair: "Spring fair" })).toEqual([{ title: `Spring fair · Job fair · ${en.layout.brand}` }]);
  });

  it("fall back to Chinese when the root's data is missing (an error page)", () => {
    const meta = titleMeta("tickets");
    expect(meta({ matches: [], data: undefined, params: {}, location: {} } as never)).toEqual([{ title: `诉求 · ${zh.layout.brand}` }]);
    expect(siteTitle([])).toEqual([{ title: `${zh.layout.brand} · ${zh.layout.brandSub}` }]);
  });

  it("every page names a title key that exists in both languages, and no title is a literal", () => {
    const used: string[] = [];
    for (const file of readdirSync(routesDir).filter((f) => f.endsWith(".tsx"))) {
      const source = readFileSync(path.join(routesDir, file), "utf8");
      expect(source, file).not.toMatch(/title:\s*["`]/);
      for (const m of source.matchAll(/(?:titleMeta\(|pageTitle\(matches, )"(\w+)"/g)) used.push(m[1]);
    }
    expect(used.length).toBeGreaterThan(40);
    for (const key of used) {
      expect(zh.titles, key).toHaveProperty(key);
      expect(en.titles, key).toHaveProperty(key);
    }
  });
});
