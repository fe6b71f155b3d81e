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

  // Every route confirms a change through the shared flash: no success alert of its own, no ?saved=-style
  // parameter, no success field of its action's answer shown in place. Walks all of app/routes, so a route
  // added or changed later is held to it too.
  const routes = sources(path.join(app, "routes")).map((full) => path.relative(path.join(app, "routes"), full));

  const doneWords = "saved|done|applied|created|updated|deleted|removed|added|sent|changed|success";
  // Each finding is named, so a failure says which way the route confirms on its own.
  function ownConfirmations(source: string): string[] {
    const found: string[] = [];
    // tone="success", or an expression that can give "success" (tone={ok ? "success" : "warn"}).
    if (/<Alert\b[^>]*\btone=(?:"success"|\{[^}]*["']success["'][^}]*\})/.test(source)) found.push("success Alert");
    if (new RegExp(`[?&](${doneWords})=`).test(source)) found.push("?saved=-style parameter");
    if (new RegExp(`\\.(get|has)\\(\\s*["'](${doneWords})["']`).test(source)) found.push("reads a ?saved=-style parameter");
    // The action's answer, and the names the component gives it or its parts.
    const answers = new Set<string>();
    for (const m of source.matchAll(/\b(?:const|let)\s+(\w+)\s*=\s*useActionData\b/g)) answers.add(m[1]);
    for (const name of [...answers])
      for (const m of source.matchAll(new RegExp(`\\b(?:const|let)\\s+(\\w+)\\s*=\\s*${name}\\??\\.\\w+`, "g"))) answers.add(m[1]);
    for (const name of answers) if (new RegExp(`\\b${name}\\??\\.(ok|${doneWords})\\b`).test(source)) found.push(`shows ${name}'s success field`);
    return found;
  }

  // Deliberate answers on the same page, each for a reason the flash cannot serve; and record states that
  // happen to be green. A route listed here that no longer shows one fails too, so the list stays true.
  const inPlace: Record<string, string> = {
    "admin.gateways.tsx": "the new gateway's token is shown once, on the answer itself, and never stored readable: it must not travel in a cookie",
    "forgot-password.tsx": "one answer for every address (sent, unknown, throttled), in place of the form: no account is revealed",
    "elections.$id.bulletin.tsx": "the receipt search is a GET lookup that changes nothing: found is its result, not a confirmation",
    "fairs.$id.check-in.tsx":
      "the desk's result (checked in, already in, other fair...) stays beside the scanner for the next visitor, announced in its own region",
    "members.applications.$id.tsx": "the application's state (approved, with a link to the enterprise), shown on every visit, not after a change",
    "monitoring.meters.tsx": '"every enterprise has one meter" is the state of the data, not a change just made',
    "assemblies.$id.tsx": "the quorum (met or not) is the assembly's state, green or amber on every visit",
  };

  it("walks every route", () => {
    expect(routes.length).toBeGreaterThan(50);
    for (const route of Object.keys(inPlace)) expect(routes, route).toContain(route);
  });
  it.each(routes.filter((r) => !(r in inPlace)))("%s confirms through the shared flash only", (route) => {
    expect(ownConfirmations(read(route))).toEqual([]);
  });
  it.each(Object.keys(inPlace))("%s still answers in place (else take it off the list)", (route) => {
    expect(ownConfirmations(read(route)).length, inPlace[route]).toBeGreaterThan(0);
  });
  // flashB's twelve routes moved from their own alerts to the flash: each still answers with it.
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
    "notifications.tsx",
    "my.enterprises.$id.tsx",
  ];
  it.each(converted)("%s answers a change with redirectWithFlash", (route) => {
    expect(read(route)).toMatch(/redirectWithFlash\(/);
  });
});
