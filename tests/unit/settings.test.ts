import { describe, expect, it } from "vitest";
import { readSettings } from "../../app/lib/env.server";

describe("settings", () => {
  it("have working defaults", () => {
    const s = readSettings({});
    expect(s.PORT).toBe(3000);
    expect(s.DATA_DIR).toBe("./data");
    expect(s.DATABASE_URL).toBeUndefined();
  });
  it("name the bad setting", () => {
    expect(() => readSettings({ PORT: "abc" })).toThrow(/PORT/);
    expect(() => readSettings({ PORT: "70000" })).toThrow(/PORT/);
    expect(() => readSettings({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL/);
    expect(() => readSettings({ SEED_DEMO: "maybe" })).toThrow(/SEED_DEMO/);
  });
  it("require SESSION_SECRET in production only", () => {
    expect(() => readSettings({ NODE_ENV: "production" })).toThrow(/SESSION_SECRET/);
    expect(readSettings({ NODE_ENV: "production", SESSION_SECRET: "a-long-enough-secret" }).NODE_ENV).toBe("production");
  });
  it("treat an empty value as unset", () => {
    expect(readSettings({ DATABASE_URL: "" }).DATABASE_URL).toBeUndefined();
  });
});
