import { describe, expect, it } from "vitest";
import { resources } from "../../app/locales/index.server";

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
      expect(keysOf(resources.en[ns]).sort()).toEqual(keysOf(resources["zh-CN"][ns]).sort());
    });
    it(`no empty strings in ${ns}`, () => {
      for (const lng of ["zh-CN", "en"] as const) {
        const flat = JSON.stringify(resources[lng][ns]);
        expect(flat).not.toMatch(/:""/);
      }
    });
  }
});
