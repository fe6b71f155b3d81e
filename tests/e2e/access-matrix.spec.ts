import { expect, test } from "@playwright/test";
import { resolveForm, resolvePlaceholders } from "../access/fixtures";
import { httpRequest, leaksInternals, outcomeOf, type Outcome } from "../access/http";
import { probes, routes } from "../access/index";
import { whoList, type Expectation, type Who } from "../access/types";
import { Sessions, SOURCE, writeFigures } from "../access/walk";

// The access matrix walked against the running app: every route x every role, GET and every
// action (a POST form with its intent and the app's Origin), then the object-level probes.
// Each role is one test; the figures go to test-results/security/ for `npm run security:figures`.

function matches(expected: Expectation, got: Outcome, isAction: boolean): boolean {
  if (got === "5xx") return false;
  if (expected === "ok") {
    // An action that is allowed may still refuse the walker's placeholder form (400/409/429...)
    // or redirect after success; it must not be refused by the gate, missing, or a crash.
    if (isAction) return !(got === "login" || got === 401 || got === 403 || got === 404 || got === 405);
    return got === "ok";
  }
  return expected === got;
}

for (const who of whoList) {
  test(`access matrix as ${who}`, async ({ baseURL }, testInfo) => {
    test.setTimeout(180_000);
    const base = baseURL!;
    const sessions = new Sessions(base, SOURCE.walker);
    const ctx = sessions.fixtureContext();
    const failures: string[] = [];
    let cells = 0;
    let fivexx = 0;
    for (const row of routes) {
      const path = await resolvePlaceholders(row.path, ctx);
      if (row.get) {
        const res = await httpRequest(base, { path, cookie: await sessions.cookie(who), localAddress: SOURCE.walker });
        const got = outcomeOf(res, base);
        cells++;
        if (got === "5xx") fivexx++;
        if (!matches(row.get[who], got, false)) failures.push(`GET ${row.path} as ${who}: expected ${row.get[who]}, got ${got} (${res.status})`);
        const leak = leaksInternals(res.body);
        if (leak) failures.push(`GET ${row.path} as ${who}: body shows internals: ${leak}`);
      }
      for (const action of row.actions ?? []) {
        const form = await resolveForm(action.form, ctx);
        if (action.intent) form.intent = action.intent;
        const cookie = action.endsSession ? await sessions.fresh(who) : await sessions.cookie(who);
        const res = await httpRequest(base, { path, form, cookie, localAddress: SOURCE.walker });
        const got = outcomeOf(res, base);
        cells++;
        if (got === "5xx") fivexx++;
        const label = `POST ${row.path}${action.intent ? ` intent=${action.intent}` : ""} as ${who}`;
        if (!matches(action.expect[who], got, true)) failures.push(`${label}: expected ${action.expect[who]}, got ${got} (${res.status})`);
        const leak = leaksInternals(res.body);
        if (leak) failures.push(`${label}: body shows internals: ${leak}`);
      }
    }
    writeFigures(testInfo.project.outputDir, `access-${who}`, { role: who, routes: routes.length, cells, failures: failures.length, fivexx });
    expect(failures, failures.join("\n")).toEqual([]);
  });
}

test("object-level probes: the wrong owner gets 404 and none of the record", async ({ baseURL }, testInfo) => {
  test.setTimeout(180_000);
  const base = baseURL!;
  const sessions = new Sessions(base, SOURCE.walker);
  const ctx = sessions.fixtureContext();
  const failures: string[] = [];
  let fivexx = 0;
  for (const probe of probes) {
    const path = await resolvePlaceholders(probe.path, ctx);
    const method = probe.method ?? (probe.form ? "POST" : "GET");
    const form = method === "POST" ? await resolveForm(probe.form ?? {}, ctx) : undefined;
    const res = await httpRequest(base, { method, path, form, cookie: await sessions.cookie(probe.as as Who), localAddress: SOURCE.walker });
    if (res.status >= 500) fivexx++;
    if (res.status !== 404) failures.push(`${probe.description} (${method} ${probe.path} as ${probe.as}): expected 404, got ${res.status}`);
    for (const secret of probe.mustNotContain ?? []) {
      if (res.body.includes(secret)) failures.push(`${probe.description}: the answer contains "${secret}"`);
    }
  }
  writeFigures(testInfo.project.outputDir, "probes", { probes: probes.length, failures: failures.length, fivexx });
  expect(failures, failures.join("\n")).toEqual([]);
});
