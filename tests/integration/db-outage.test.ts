// A real PostgreSQL server stops while the portal runs (production mode, `npm start`'s flags):
// pages answer 503 with the friendly page in the visitor's language and a Retry-After, within a
// few seconds, showing nothing internal; when the server is back, pages answer 200 again by themselves.
// Needs the production build and PostgreSQL's binaries; runs in the PostgreSQL pass of the suite.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { haveBuild, havePostgres, OwnPostgres, Portal, waitFor } from "../support/portal-process";

const run = Boolean(process.env.TEST_DATABASE_URL) && haveBuild() && havePostgres();
const pg = new OwnPostgres();
const portal = new Portal();

// What must never reach a visitor: SQL, parameters, stack frames, paths, driver codes.
const INTERNAL = [
  /select\s+["a-z*]/i,
  /insert\s+into/i,
  /"[a-z_]+"\."[a-z_]+"/,
  /failed query/i,
  /params:/i,
  /\bat\s+\S+\s+\(/,
  /node_modules/,
  /\/work\//,
  /\.js:\d+/,
  /ECONNREFUSED/,
  /CONNECTION_/,
  /postgres/i,
  /stack/i,
];

describe.skipIf(!run)("database outage (real PostgreSQL stopped mid-run)", () => {
  beforeAll(async () => {
    const url = pg.start();
    await portal.start({ DATABASE_URL: url });
  }, 150_000);
  afterAll(async () => {
    await portal.stop();
    pg.stop();
  });

  it("answers 503 with the friendly page and no detail, then recovers by itself", async () => {
    expect(portal.output).not.toMatch(/development/i);
    for (const p of ["/fairs", "/directory", "/fairs?lng=en"]) expect((await portal.get(p)).status, p).toBe(200);

    pg.halt();
    const zh = await portal.get("/fairs");
    expect(zh.status).toBe(503);
    expect(zh.headers.get("retry-after")).toBe("5");
    expect(zh.headers.get("cache-control")).toBe("no-store");
    expect(zh.ms).toBeLessThan(8_000); // 3 s connect timeout, 0.5 s reconnect delay, rendering on a busy machine
    expect(zh.body).toContain("平台暂时无法使用");
    const en = await portal.get("/directory?lng=en");
    expect(en.status).toBe(503);
    expect(en.body).toContain("The portal is briefly unavailable");
    // A client-side navigation (single fetch) too.
    const data = await portal.get("/fairs.data?lng=en");
    expect(data.status).toBe(503);
    expect(data.headers.get("retry-after")).toBe("5");
    for (const page of [zh, en, data]) for (const pattern of INTERNAL) expect(page.body, String(pattern)).not.toMatch(pattern);
    expect((await portal.get("/healthz")).status).toBe(503);
    // A form sent during the outage: 503 too, not a 500.
    const post = await portal.get("/login", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: portal.url("") },
      body: "email=a%40b.cn&password=whatever-long",
    });
    expect(post.status).toBe(503);
    for (const pattern of INTERNAL) expect(post.body, String(pattern)).not.toMatch(pattern);

    pg.resume();
    expect(await waitFor(async () => (await portal.get("/fairs")).status === 200, 20_000)).toBe(true);
    expect((await portal.get("/directory?lng=en")).status).toBe(200);
    expect((await portal.get("/healthz")).status).toBe(200);
    expect(portal.exited).toBeNull();
    expect(portal.output).toContain("Database unavailable");
    expect(portal.output).toContain("Database back after");
  }, 150_000);
});
