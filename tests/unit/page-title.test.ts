import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import en from "../../app/locales/en/common.json" with { type: "json" };
import zh from "../../app/locales/zh-CN/common.json" with { type: "json" };
import { pageTitle, recordTitle, recordTitleMeta, siteTitle, titleMeta } from "../../app/lib/page-title";

const routesDir = path.resolve(import.meta.dirname, "../../app/routes");
const root = (lng: string) => [{ id: "root", data: { lng } }];

describe("page titles", () => {
  it("are in the page's language only, followed by the portal's name", () => {
    expect(pageTitle(root("zh-CN"), "members")).toEqual([{ title: "会员管理 · 云江注塑鞋研究中心" }]);
    expect(pageTitle(root("en"), "members")).toEqual([{ title: `Members · ${en.layout.brand}` }]);
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
      for (const m of source.matchAll(/(?:titleMeta(?:<[^>]*>)?\(|pageTitle\(matches, )"(\w+)"/g)) used.push(m[1]);
    }
    expect(used.length).toBeGreaterThan(40);
    for (const key of used) {
      expect(zh.titles, key).toHaveProperty(key);
      expect(en.titles, key).toHaveProperty(key);
    }
  });

  it("name the page, the record's number and its name on a record page, in the page's language only", () => {
    expect(recordTitle(root("zh-CN"), "ticketsId", { id: 69, name: "鞋底原料供应紧张" })).toEqual([
      { title: "诉求 #69 · 鞋底原料供应紧张 · 云江注塑鞋研究中心" },
    ]);
    expect(recordTitle(root("en"), "ticketsId", { id: 69, name: "Sole material short" })).toEqual([
      { title: `${en.titles.ticketsId} #69 · Sole material short · ${en.layout.brand}` },
    ]);
    expect(recordTitle(root("en"), "membersId", { name: "Yunjiang Shoes" })).toEqual([
      { title: `${en.titles.membersId} · Yunjiang Shoes · ${en.layout.brand}` },
    ]);
    // No record (a 404): the page's name alone; a blank name is left out.
    expect(recordTitle(root("zh-CN"), "fairsId", null)).toEqual([{ title: `${zh.titles.fairsId} · ${zh.layout.brand}` }]);
    expect(recordTitle(root("zh-CN"), "fairsId", { name: "  " })).toEqual([{ title: `${zh.titles.fairsId} · ${zh.layout.brand}` }]);
    const meta = recordTitleMeta<() => { fair: { title: string; titleEn: string } }>("fairsId", (d, lng) => ({
      name: lng === "en" ? d.fair.titleEn : d.fair.title,
    }));
    const args = (lng: string) => ({ matches: root(lng), data: { fair: { title: "春季招聘会", titleEn: "Spring fair" } }, params: {}, location: {} }) as never;
    expect(meta(args("en"))).toEqual([{ title: `${en.titles.fairsId} · Spring fair · ${en.layout.brand}` }]);
    expect(meta(args("zh-CN"))).toEqual([{ title: `${zh.titles.fairsId} · 春季招聘会 · ${zh.layout.brand}` }]);
  });

  it("every record page (a route with an id) names its record", () => {
    const records = readdirSync(routesDir).filter((f) => /\$id(\._index)?\.tsx$/.test(f) && !f.includes("_."));
    expect(records.length).toBeGreaterThan(15);
    for (const file of records) {
      const source = readFileSync(path.join(routesDir, file), "utf8");
      if (file === "jobs.manage.$id.edit.tsx") continue; // an edit form: named by pageTitle("jobEdit", { title })
      expect(source, file).toMatch(/recordTitleMeta<typeof loader>\("\w+", /);
    }
  });
});
