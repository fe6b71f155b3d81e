import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Issue 18: success messages are the shared flash (app/lib/flash.server.ts), a translation key carried
// to the next page. A key that exists in neither language would show the raw key to the user.
const app = path.resolve(import.meta.dirname, "../../app");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === "locales" ? [] : sources(full);
    return /\.tsx?$/.test(name) ? [full] : [];
  });
}

function lookup(lng: string, ns: string, key: string): unknown {
  const texts = JSON.parse(readFileSync(path.join(app, "locales", lng, `${ns}.json`), "utf8")) as Record<string, unknown>;
  return key.split(".").reduce<unknown>((o, k) => (o && typeof o === "object" ? (o as Record<string, unknown>)[k] : undefined), texts);
}

const read = (route: string) => readFileSync(path.join(app, "routes", route), "utf8");

describe("flash messages", () => {
  it("every literal flash key in the app exists, as text, in both languages", () => {
    const keys = new Set<string>();
    for (const file of sources(app)) {
      // Code only: a doc comment's example is not a message anyone sees.
      const code = readFileSync(file, "utf8")
        .split("\n")
        .filter((line) => !/^\s*(\*|\/\/|\/\*)/.test(line))
        .join("\n");
      for (const m of code.matchAll(/["'`]([a-z][A-Za-z0-9]*):(flash\.[A-Za-z0-9_.]+)["'`]/g)) keys.add(`${m[1]}:${m[2]}`);
    }
    expect(keys.size).toBeGreaterThan(20);
    for (const full of keys) {
      const [ns, key] = full.split(":");
      for (const lng of ["zh-CN", "en"]) expect(typeof lookup(lng, ns, key), `${lng} ${full}`).toBe("string");
    }
  });

  // The members' own, public, jobs, fairs, governance and labour pages moved to the shared message:
  // none of them confirms a change with an alert of its own or a ?saved=-style parameter any more.
  const converted = [
    "elections.$id.ballot.tsx",
    "fairs.$id._index.tsx",
    "fairs.$id.booths.tsx",
    "jobs.$id.tsx",
    "jobs.manage.$id.edit.tsx",
    "jobs.profile.tsx",
    "join.tsx",
    "register.tsx",
    "labour-exchange.$id.tsx",
    "my._index.tsx",
    "my.enterprises.$id.tsx",
    "notifications.tsx",
  ];
  it.each(converted)("%s confirms through the shared flash only", (route) => {
    const source = read(route);
    expect(source).not.toMatch(/<Alert tone="success">/);
    expect(source).not.toMatch(/[?&](saved|applied|done)=/);
    expect(source).not.toMatch(/searchParams\.get\("(saved|applied|done)"\)|params\.get\("(saved|applied|done)"\)/);
  });
  it.each(converted.filter((r) => r !== "my._index.tsx"))("%s answers a change with redirectWithFlash", (route) => {
    expect(read(route)).toMatch(/redirectWithFlash\(/);
  });
});
