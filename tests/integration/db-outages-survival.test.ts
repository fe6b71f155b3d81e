// Ten outages of a real PostgreSQL server while requests keep coming and the background jobs run:
// the portal answers 503 during each outage and 200 after it, and never exits (the driver guard,
// patches/postgres+3.4.9.patch, and the supervising process that would replace a dying worker).
// Needs the production build and PostgreSQL's binaries; runs in the PostgreSQL pass of the suite.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { haveBuild, havePostgres, OwnPostgres, Portal, waitFor } from "../support/portal-process";

const run = Boolean(process.env.TEST_DATABASE_URL) && haveBuild() && havePostgres();
const pg = new OwnPostgres();
const portal = new Portal();
const PATHS = ["/fairs", "/directory", "/healthz", "/fairs?lng=en", "/jobs?q=outage"];

describe.skipIf(!run)("ten database outages", () => {
  beforeAll(async () => {
    await portal.start({ DATABASE_URL: pg.start() });
  }, 150_000);
  afterAll(async () => {
    await portal.stop();
    pg.stop();
  });

  it("503 during each, 200 after each, and the portal never exits", async () => {
    const seen = new Map<number, number>();
    let stop = false;
    // Four clients sending requests back to back all along.
    const load = Promise.all(
      Array.from({ length: 4 }, async (_, c) => {
        for (let i = c; !stop; i++) {
          const r = await portal.get(PATHS[i % PATHS.length]);
          seen.set(r.status, (seen.get(r.status) ?? 0) + 1);
        }
      }),
    );
    const primary = portal.process!.pid;
    try {
      for (let outage = 1; outage <= 10; outage++) {
        pg.halt();
        // During the outage: the pages answer 503, quickly.
        const during = await portal.get("/fairs");
        expect(during.status, `outage ${outage}: ${during.body}\n${portal.output.slice(-3000)}`).toBe(503);
        // 3 s connect timeout, 0.5 s reconnect delay, and the page rendered on a busy 2-core machine.
        expect(during.ms, `outage ${outage}`).toBeLessThan(8_000);
        await new Promise((r) => setTimeout(r, 300));
        pg.resume();
        expect(await waitFor(async () => (await portal.get("/fairs")).status === 200, 20_000), `recovery ${outage}`).toBe(true);
        expect(portal.exited, `after outage ${outage}`).toBeNull();
      }
    } finally {
      stop = true;
      await load;
    }
    expect(portal.process!.pid).toBe(primary);
    expect(portal.exited).toBeNull();
    // Only 200 and 503 were ever answered, and every request was answered (0 = no answer).
    expect([...seen.keys()].sort()).toEqual([200, 503]);
    expect(portal.output).not.toMatch(/uncaught|TypeError/i);
    // The background jobs' process is alive and still answering after the last outage.
    expect((await portal.get("/healthz")).status).toBe(200);
    console.log(
      `ten outages: answers ${JSON.stringify(Object.fromEntries(seen))}; worker restarts: ${(portal.output.match(/Web process \d+ ended/g) ?? []).length}`,
    );
  }, 300_000);
});
