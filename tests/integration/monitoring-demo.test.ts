import { count, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client.server";
import { enterprises } from "../../db/schema/members";
import { buildings, meterDays, meterReadings, meters, passageAlarms } from "../../db/schema/monitoring";
import { seedDemo } from "../../db/seed/demo.server";
import { monitoringSnapshot } from "../../app/modules/monitoring/monitoring.server";
import { flagKinds } from "../../app/modules/monitoring/constants";
import { fixtures } from "../access/fixtures";

let seconds = 0;
const rowsOf = (r: unknown) => (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as Record<string, number>[];
beforeAll(async () => {
  const db = await getDb();
  const t0 = performance.now();
  await db.transaction((tx) => seedDemo(tx));
  seconds = (performance.now() - t0) / 1000;
  console.log(`demo data seeded in ${seconds.toFixed(1)} s`);
}, 300_000);

describe("monitoring demo data", () => {
  it("has 500+ shoe enterprises with meters, a year of daily readings and the one-meter exceptions", async () => {
    const db = await getDb();
    const [e] = await db.select({ n: count() }).from(enterprises);
    expect(e.n).toBeGreaterThanOrEqual(572);
    const [metered] = rowsOf(await db.execute(sql`select count(distinct enterprise_id)::int as n from meters`));
    expect(Number(metered.n)).toBeGreaterThan(500);
    const [raw] = await db.select({ n: count(), kwh: sql<number>`sum(kwh)::float8` }).from(meterReadings);
    const [days] = await db
      .select({ n: count(), kwh: sql<number>`sum(kwh)::float8` })
      .from(meterDays)
      .where(sql`day >= (select min((read_at at time zone 'Asia/Shanghai')::date) from meter_readings)`);
    const [year] = rowsOf(await db.execute(sql`select count(distinct month)::int as months, count(distinct meter_id)::int as meters from meter_months`));
    expect(Number(year.months)).toBeGreaterThanOrEqual(13);
    expect(Number(year.meters)).toBeGreaterThan(500);
    const [daily] = await db.select({ n: count() }).from(meterDays);
    expect(daily.n).toBeGreaterThan(500 * 40);
    expect(raw.n).toBeGreaterThan(500 * 7);
    expect(Number(days.kwh)).toBeCloseTo(Number(raw.kwh), 0);
    const [unbound] = await db
      .select({ n: count() })
      .from(meters)
      .where(sql`${meters.enterpriseId} is null`);
    expect(unbound.n).toBeGreaterThan(0);
  });

  it("shows the Spring Festival dip and raises every kind of flag", async () => {
    const snap = await monitoringSnapshot();
    for (const kind of flagKinds) expect(snap.flagCounts[kind], kind).toBeGreaterThan(0);
    expect(snap.prosperity.growing).toBeGreaterThan(0);
    expect(snap.prosperity.shrinking).toBeGreaterThan(0);
    const totals = snap.months.map((_, i) => snap.kwhBySegment.reduce((s, r) => s + r.kwh[i], 0));
    const feb = snap.months.findIndex((m) => m.endsWith("-02-01"));
    if (feb > 0 && totals[feb - 1] > 0 && totals[feb] > 0) expect(totals[feb]).toBeLessThan(totals[feb - 1] * 0.75);
    // The member demo enterprise is healthy: the e2e flag journey uses another firm.
    expect(snap.firms.find((f) => f.id === 1)?.flags).toEqual([]);
  });

  it("has the 43 buildings and 100+ alarms, most cleared, and the alarms the access matrix names", async () => {
    const db = await getDb();
    expect((await db.select({ n: count() }).from(buildings))[0].n).toBe(43);
    const alarms = await db.select().from(passageAlarms);
    expect(alarms.length).toBeGreaterThanOrEqual(100);
    expect(alarms.filter((a) => a.status === "cleared").length).toBeGreaterThan(alarms.length * 0.8);
    const [one] = await db
      .select()
      .from(passageAlarms)
      .where(eq(passageAlarms.id, Number(fixtures.alarmOfMember)));
    expect(one).toMatchObject({ status: "open", enterpriseId: Number(fixtures.memberEnterprise) });
    expect(one.cameraFileId).not.toBeNull();
    const [two] = await db
      .select()
      .from(passageAlarms)
      .where(eq(passageAlarms.id, Number(fixtures.alarmOfOther)));
    expect(two.enterpriseId).not.toBe(Number(fixtures.memberEnterprise));
  });

  it("seeds in a few seconds", () => {
    // The whole demo data (every area), on a quiet two-core machine; generous for a busy one.
    expect(seconds).toBeLessThan(120);
  });
});
