import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client.server";
import { claimRun, finishRun, periodOf } from "../../app/lib/job-runs.server";

describe("scheduled runs: one server per job and period", () => {
  it("gives a period to the first claimant only, whoever asks after", async () => {
    const slot = periodOf(Date.now(), 60_000);
    const answers = await Promise.all(["a:1", "b:2", "c:3", "d:4"].map((owner) => claimRun("test clocks", slot, 60_000, owner)));
    expect(answers.filter(Boolean)).toHaveLength(1);
    // The next period is free again.
    expect(await claimRun("test clocks", slot + 1, 60_000, "b:2")).toBe(true);
    // Another job's period is its own.
    expect(await claimRun("other job", slot, 60_000, "b:2")).toBe(true);
  });

  it("hands a run whose server died to another after the lease, never a finished one", async () => {
    const db = await getDb();
    const slot = periodOf(Date.now(), 3_600_000);
    expect(await claimRun("sweep", slot, 600_000, "dead:1")).toBe(true);
    expect(await claimRun("sweep", slot, 600_000, "alive:2")).toBe(false);
    // Eleven minutes later, still unfinished: the lease has passed.
    await db.execute(sql`update scheduled_runs set claimed_at = now() - interval '11 minutes' where job = 'sweep'`);
    expect(await claimRun("sweep", slot, 600_000, "alive:2")).toBe(true);
    expect(await claimRun("sweep", slot, 600_000, "third:3")).toBe(false);

    await finishRun("sweep", slot, "alive:2");
    await db.execute(sql`update scheduled_runs set claimed_at = now() - interval '11 minutes' where job = 'sweep'`);
    expect(await claimRun("sweep", slot, 600_000, "third:3")).toBe(false);
  });

  it("a server that lost its run to another does not mark it finished", async () => {
    const db = await getDb();
    const slot = periodOf(Date.now(), 86_400_000);
    await claimRun("daily", slot, 600_000, "first:1");
    await db.execute(sql`update scheduled_runs set claimed_at = now() - interval '11 minutes' where job = 'daily'`);
    await claimRun("daily", slot, 600_000, "second:2");
    await finishRun("daily", slot, "first:1");
    const rows = await db.execute(sql`select claimed_by, finished_at from scheduled_runs where job = 'daily'`);
    const [row] = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as { claimed_by: string; finished_at: unknown }[];
    expect(row).toMatchObject({ claimed_by: "second:2", finished_at: null });
  });
});
