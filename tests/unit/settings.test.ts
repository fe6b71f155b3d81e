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
  it("run several web processes only on PostgreSQL (the embedded database belongs to one process)", () => {
    expect(readSettings({}).WEB_CONCURRENCY).toBe(1);
    expect(() => readSettings({ WEB_CONCURRENCY: "2" })).toThrow(/WEB_CONCURRENCY: above 1 needs DATABASE_URL/);
    expect(() => readSettings({ WEB_CONCURRENCY: "0", DATABASE_URL: "postgres://db/portal" })).toThrow(/WEB_CONCURRENCY/);
    expect(readSettings({ WEB_CONCURRENCY: "2", DATABASE_URL: "postgres://db/portal" }).WEB_CONCURRENCY).toBe(2);
  });
  it("keep the in-process caches unless CACHES=off", () => {
    expect(readSettings({}).CACHES).toBe("on");
    expect(readSettings({ CACHES: "off" }).CACHES).toBe("off");
    expect(() => readSettings({ CACHES: "no" })).toThrow(/CACHES: must be "on" or "off"/);
  });

  it("treat an empty value as unset", () => {
    expect(readSettings({ DATABASE_URL: "" }).DATABASE_URL).toBeUndefined();
  });
});
