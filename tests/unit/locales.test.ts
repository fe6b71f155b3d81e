import { describe, expect, it } from "vitest";
import { resources } from "../../app/locales/index.server";
import { createI18n } from "../../app/lib/i18n";

function keysOf(value: unknown, prefix = ""): string[] {
  if (value === null || typeof value !== "object") return [prefix];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => keysOf(v, prefix ? `${prefix}.${k}` : k));
}

describe("locales", () => {
  it("have the same namespaces", () => {
    expect(Object.keys(resources.en).sort()).toEqual(Object.keys(resources["zh-CN"]).sort());
  });
  for (const ns of Object.keys(resources["zh-CN"]) as (keyof (typeof resources)["zh-CN"])[]) {
    it(`zh-CN and en have the same keys in ${ns}`, () => {
      // English has a singular form ("_one") where Chinese has one form for every count.
      expect(
        keysOf(resources.en[ns])
          .filter((k) => !k.endsWith("_one"))
          .sort(),
      ).toEqual(keysOf(resources["zh-CN"][ns]).sort());
    });
    it(`no empty strings in ${ns}`, () => {
      for (const lng of ["zh-CN", "en"] as const) {
        const flat = JSON.stringify(resources[lng][ns]);
        expect(flat).not.toMatch(/:""/);
      }
    });
  }
  it("English counts agree with their noun: every '{{count}} things' has a singular form", () => {
    const missing: string[] = [];
    for (const [ns, texts] of Object.entries(resources.en)) {
      const keys = new Set(keysOf(texts));
      for (const key of keys) {
        const text = key.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], texts);
        if (key.endsWith("_one") || typeof text !== "string") continue;
        if (/\{\{count\}\} (?:[a-z-]+ )?[a-z]+s\b/.test(text) && !keys.has(`${key}_one`)) missing.push(`${ns}:${key}`);
      }
    }
    expect(missing).toEqual([]);
    const { t } = createI18n("en");
    expect(t("jobs:list.headcount", { count: 1 })).toBe("1 opening");
    expect(t("jobs:list.headcount", { count: 3 })).toBe("3 openings");
    expect(createI18n("zh-CN").t("jobs:list.headcount", { count: 1 })).toBe("招 1 人");
  });
});
