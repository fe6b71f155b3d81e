import { expect, test } from "@playwright/test";
import { idEdges, idSegments, variantsOf, withSegment } from "../access/bad-inputs";
import { resolveForm, resolvePlaceholders } from "../access/fixtures";
import { httpRequest, leaksInternals } from "../access/http";
import { routes } from "../access/index";
import { whoList, type Who } from "../access/types";
import { Sessions, SOURCE, writeFigures } from "../access/walk";

// Every form action of the access matrix, fed with bad input by the first role allowed to use
// it (staff and admin first). Answers must be < 500 and show no internals. Generic over the
// matrix: another capability's actions are covered as soon as their rows exist.
const preference: Who[] = ["admin", "staff", "member", "department", "bank", "mediator", "seeker", "anonymous"];

const targets = routes.flatMap((row) =>
  (row.actions ?? [])
    .filter((a) => !a.endsSession)
    .map((action) => ({
      row,
      action,
      // A form open to everyone (login) is tried without an account, as the public would.
      who: whoList.every((w) => action.expect[w] === "ok") ? ("anonymous" as Who) : preference.find((w) => action.expect[w] === "ok"),
    }))
    .filter((t): t is typeof t & { who: Who } => t.who !== undefined && whoList.includes(t.who)),
);

// Each form, and each submission, comes from its own loopback address: failed logins throttle
// only that address, and a throttled address would hide what the later inputs do.
targets.forEach(({ row, action, who }, index) => {
  const source = `127.0.1.${index + 1}`;
  const sourceOf = (v: number) => `127.${10 + index}.${Math.floor(v / 250)}.${(v % 250) + 1}`;
  const name = `${row.path}${action.intent ? ` intent=${action.intent}` : ""}`;
  test(`bad input to ${name} as ${who}`, async ({ baseURL }, testInfo) => {
    test.skip(Boolean(action.skipBadInput), action.skipBadInput);
    test.setTimeout(300_000);
    const base = baseURL!;
    const sessions = new Sessions(base, source);
    const ctx = sessions.fixtureContext();
    const path = await resolvePlaceholders(row.path, ctx);
    const baseForm = await resolveForm(action.validForm ?? action.form, ctx);
    const cookie = await sessions.cookie(who);
    const failures: string[] = [];
    const statuses: Record<string, number> = {};
    let fivexx = 0;
    const variants = variantsOf(baseForm, action.intent);
    for (const [v, variant] of variants.entries()) {
      const res = await httpRequest(base, { path, form: variant.form, cookie, localAddress: sourceOf(v) });
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      if (res.status >= 500) {
        fivexx++;
        failures.push(`${variant.label}: ${res.status}`);
      }
      const leak = leaksInternals(res.body);
      if (leak) failures.push(`${variant.label}: body shows internals: ${leak}`);
    }
    writeFigures(testInfo.project.outputDir, `bad-input-${name.replace(/[^a-z0-9]+/gi, "_")}`, {
      form: name,
      as: who,
      tried: variants.length,
      statuses,
      fivexx,
      failures: failures.length,
    });
    expect(failures, failures.join("\n")).toEqual([]);
  });
});

// Query strings are input too: every page the matrix lists, opened by an allowed role with
// bad filter and page values.
const badQueries = [
  "q",
  "page",
  "sort",
  "dir",
  "status",
  "role",
  "from",
  "to",
  "actor",
  "entityId",
  "lng",
  "visit",
  "posting",
  "enterprise",
  "fair",
  "department",
  "association",
  "year",
  "day",
];
// Each value goes into every parameter at once; the URL stays under Node's 16 KB header limit.
const queryValuesTried = [
  "\u0000",
  "长".repeat(120),
  "x".repeat(1000),
  "' OR 1=1 --",
  "<script>alert(1)</script>",
  "-1",
  "0",
  "99999999999999999999",
  "1e309",
  "2026-02-30",
  "2027-02-30",
  "2147483648",
  "-2147483649",
  "1.5",
  "%",
];
test("bad query strings on every page", async ({ baseURL }, testInfo) => {
  test.setTimeout(300_000);
  const base = baseURL!;
  const sessions = new Sessions(base, SOURCE.badInput);
  const ctx = sessions.fixtureContext();
  const failures: string[] = [];
  let tried = 0;
  let fivexx = 0;
  for (const row of routes) {
    if (!row.get) continue;
    const who = preference.find((w) => row.get![w] === "ok");
    if (!who) continue;
    const path = await resolvePlaceholders(row.path, ctx);
    for (const value of queryValuesTried) {
      const params = new URLSearchParams(badQueries.map((k) => [k, value]));
      const res = await httpRequest(base, {
        path: `${path}${path.includes("?") ? "&" : "?"}${params}`,
        cookie: await sessions.cookie(who),
        localAddress: SOURCE.badInput,
      });
      tried++;
      if (res.status >= 500) {
        fivexx++;
        failures.push(`GET ${row.path} as ${who} with ${JSON.stringify(value.slice(0, 20))}: ${res.status}`);
      }
      const leak = leaksInternals(res.body);
      if (leak) failures.push(`GET ${row.path}: body shows internals: ${leak}`);
    }
  }
  writeFigures(testInfo.project.outputDir, "bad-query", { tried, fivexx, failures: failures.length });
  expect(failures, failures.join("\n")).toEqual([]);
});

// Ids in URLs: every route with an id segment, each segment replaced by each edge of the id
// family (0, -1, the int32 limits and one past them, huge, fractional, non-numeric). An id that
// cannot exist answers like one that does not: 404 for an allowed role and for the public on
// public pages (sign-in for the public elsewhere); POSTs too; never a 500. Text ids (a user's
// id, "me") only must not give a 500.
test("bad ids on every id route", async ({ baseURL }, testInfo) => {
  test.setTimeout(300_000);
  const base = baseURL!;
  const sessions = new Sessions(base, SOURCE.badInput);
  const ctx = sessions.fixtureContext();
  const failures: string[] = [];
  let tried = 0;
  for (const row of routes) {
    const segments = idSegments(row.file, []);
    if (segments.length === 0) continue;
    const intSegments = new Set(idSegments(row.file).map((s) => s.index));
    const path = await resolvePlaceholders(row.path, ctx);
    const getter = row.get ? preference.find((w) => row.get![w] === "ok") : undefined;
    const action = row.actions?.find((a) => !a.endsSession);
    const poster = action ? preference.find((w) => action.expect[w] === "ok") : undefined;
    for (const { index } of segments) {
      for (const edge of idEdges) {
        const url = withSegment(path, index, edge);
        const strict = intSegments.has(index);
        const check = (what: string, status: number, expected: number[]) => {
          tried++;
          if (status >= 500 || (strict && !expected.includes(status))) failures.push(`${what} ${url}: ${status}`);
        };
        if (getter) {
          const res = await httpRequest(base, { path: url, cookie: await sessions.cookie(getter), localAddress: SOURCE.badInput });
          check(`GET as ${getter}`, res.status, [404]);
          const leak = leaksInternals(res.body);
          if (leak) failures.push(`GET ${url}: body shows internals: ${leak}`);
          const anon = await httpRequest(base, { path: url, localAddress: SOURCE.badInput });
          check("GET as anonymous", anon.status, row.get!.anonymous === "ok" ? [404] : [302, 303, 404]);
        }
        if (action && poster) {
          const form = { ...(await resolveForm(action.validForm ?? action.form ?? {}, ctx)), ...(action.intent ? { intent: action.intent } : {}) };
          const res = await httpRequest(base, { path: url, form, cookie: await sessions.cookie(poster), localAddress: SOURCE.badInput });
          check(`POST ${action.intent ?? ""} as ${poster}`, res.status, [400, 404]);
        }
      }
    }
  }
  writeFigures(testInfo.project.outputDir, "bad-ids", { tried, failures: failures.length });
  expect(tried).toBeGreaterThan(100);
  expect(failures, failures.join("\n")).toEqual([]);
});
