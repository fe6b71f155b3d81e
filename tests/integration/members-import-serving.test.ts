// The built portal keeps answering while a staff member imports 2,000 members: /healthz within 1 s
// all along, and the import all-or-nothing (a bad last row: nothing written, the line named).
// Needs the production build (`npx remix build`; CI builds before the tests). The portal runs on
// an embedded database of its own (the single-connection case) or, in the PostgreSQL pass, on the
// test's database.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client.server";
import { DEMO_PASSWORD, seedDemo } from "../../db/seed/demo.server";
import { generateCreditCode } from "../../app/modules/members/credit-code";
import { IMPORT_COLUMNS } from "../../app/modules/members/csv-import";
import { haveBuild, Portal } from "../support/portal-process";

const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
const ROWS = 2000;
const portal = new Portal();
const dataDir = mkdtempSync(path.join(tmpdir(), "yj-import-serving-"));
let cookie = "";

function csvOf(first: number, badLastRow: boolean): string {
  const lines = Array.from({ length: ROWS }, (_, i) => {
    const v: Record<string, string> = {
      name: `瑞安市在线导入${first + i}鞋业有限公司`,
      credit_code: generateCreditCode(first + i),
      legal_rep: "陈导入",
      address: "瑞安市导入路",
      village: "云江村",
      segment: "uppers",
      above_size: "否",
      annual_output_wan: "300",
      employees: "12",
      export_share_pct: "0",
      contact_person: "陈导入",
      phone: "13900003333",
      email: "",
      association_code: "yunjiang",
      membership_type: "member",
    };
    if (badLastRow && i === ROWS - 1) v.credit_code = "91330381MA000000X0";
    return IMPORT_COLUMNS.map((c) => v[c]).join(",");
  });
  return [IMPORT_COLUMNS.join(","), ...lines].join("\n");
}

/** Posts the file as the page's form does, while /healthz is asked every 50 ms; the slowest answer and how many. */
async function importWhileServing(csv: string) {
  let importing = true;
  const healthz: { status: number; ms: number }[] = [];
  const prober = (async () => {
    while (importing) {
      const r = await portal.get("/healthz");
      healthz.push({ status: r.status, ms: r.ms });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  const form = new FormData();
  form.set("file", new Blob([csv], { type: "text/csv" }), "members.csv");
  const started = performance.now();
  const res = await fetch(portal.url("/members/import?lng=en"), {
    method: "POST",
    body: form,
    redirect: "manual",
    headers: { Cookie: cookie, Origin: portal.url("") },
    signal: AbortSignal.timeout(120_000),
  });
  const body = await res.text();
  const took = performance.now() - started;
  importing = false;
  await prober;
  // A stored file redirects with its success message (a flash cookie for the next page).
  const flash = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  return { status: res.status, location: res.headers.get("location"), flash, body, took, healthz, slowest: Math.max(...healthz.map((h) => h.ms)) };
}

describe.skipIf(!haveBuild())("a 2,000-row import on the running portal", () => {
  beforeAll(async () => {
    if (onPostgres) {
      const db = await getDb();
      await db.transaction((tx) => seedDemo(tx));
      await portal.start({ DATABASE_URL: process.env.DATABASE_URL!, YJ_SUPERVISOR: "0" });
    } else {
      await portal.start({ DATA_DIR: dataDir, SEED_DEMO: "yes", YJ_SUPERVISOR: "0" });
    }
    const login = await fetch(portal.url("/login"), {
      method: "POST",
      redirect: "manual",
      headers: { Origin: portal.url(""), "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: "staff@demo.test", password: DEMO_PASSWORD, next: "" }),
    });
    expect(login.status).toBe(302);
    cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
  }, 240_000);
  afterAll(async () => {
    await portal.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("/healthz answers within 1 s all along; a bad last row imports nothing, then the good file imports every row", async () => {
    const bad = await importWhileServing(csvOf(4_100_000, true));
    expect(bad.status, bad.body.slice(0, 500)).toBe(400);
    expect(bad.body).toContain("1 problem found");
    expect(bad.body).toContain(`Line ${ROWS + 1}`);

    const good = await importWhileServing(csvOf(4_100_000, false));
    expect(good.status, `${good.body.slice(0, 500)}\n${portal.output.slice(-2000)}`).toBe(302);
    expect(good.location).toBe("/members/import");
    // All-or-nothing: had the bad file written its first 1,999 rows, these would be duplicates now.
    const confirmed = await portal.get("/members/import?lng=en", { headers: { Cookie: `${cookie}; ${good.flash}` } });
    expect(confirmed.body).toContain(`${ROWS} enterprises imported.`);
    console.log(
      `portal import of ${ROWS} rows: ${Math.round(good.took)} ms, ${good.healthz.length} /healthz meanwhile, the slowest ${Math.round(good.slowest)} ms ` +
        `(rejected file: ${Math.round(bad.took)} ms, slowest /healthz ${Math.round(bad.slowest)} ms)`,
    );
    for (const run of [bad, good]) {
      expect(run.healthz.length).toBeGreaterThan(0);
      expect(run.healthz.every((h) => h.status === 200)).toBe(true);
      expect(run.slowest).toBeLessThan(1000);
    }
    // The list shows them (their search text and memberships were written).
    const list = await portal.get(`/members?q=${encodeURIComponent(`在线导入${4_100_000 + ROWS - 1}`)}`, { headers: { Cookie: cookie } });
    expect(list.status).toBe(200);
    expect(list.body).toContain(generateCreditCode(4_100_000 + ROWS - 1));
  }, 240_000);
});
