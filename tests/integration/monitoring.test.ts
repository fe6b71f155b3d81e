import { and, count, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client.server";
import { auditEvents, emailOutbox, notifications, users } from "../../db/schema/accounts";
import { enterpriseUsers, enterprises } from "../../db/schema/members";
import {
  buildingTenancies,
  buildings,
  enterpriseTaxMonths,
  gateways,
  meterDays,
  meterMonths,
  meterReadings,
  meters,
  passageAlarms,
  passages,
} from "../../db/schema/monitoring";
import { tickets, visits } from "../../db/schema/tickets";
import { generateCreditCode } from "../../app/modules/members/credit-code";
import { parseReadingsBatch } from "../../app/modules/monitoring/batch";
import { authenticateGateway, createGateway, revokeGateway } from "../../app/modules/monitoring/gateways.server";
import { ingestReadings } from "../../app/modules/monitoring/ingest.server";
import { importMonitoringCsv } from "../../app/modules/monitoring/imports.server";
import { confirmCleared, getAlarm, passageEvent, reportCleared } from "../../app/modules/monitoring/buildings.server";
import { firmSeries, monitoringSnapshot, mySeries, openFromFlag, setThresholds } from "../../app/modules/monitoring/monitoring.server";
import { defaultThresholds } from "../../app/modules/monitoring/constants";
import { stageBytes } from "../../app/lib/uploads.server";
import { simultaneously } from "../support/concurrency";
import { actorOf } from "../support/actors";

const now = new Date("2026-12-04T10:00:00+08:00");
const staff = actorOf("staff", { userId: "mon-staff", displayName: "监测员" });
let own: number, other: number;
let member: ReturnType<typeof actorOf>, otherMember: ReturnType<typeof actorOf>;
const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9]);

async function counts() {
  const db = await getDb();
  const [raw] = await db.select({ n: count(), kwh: sql<number>`coalesce(sum(kwh), 0)::float8` }).from(meterReadings);
  const [days] = await db.select({ kwh: sql<number>`coalesce(sum(kwh), 0)::float8`, n: sql<number>`coalesce(sum(readings), 0)::int` }).from(meterDays);
  const [months] = await db.select({ kwh: sql<number>`coalesce(sum(kwh), 0)::float8`, n: sql<number>`coalesce(sum(readings), 0)::int` }).from(meterMonths);
  return { raw: raw.n, rawKwh: Number(raw.kwh), dayKwh: Number(days.kwh), dayN: Number(days.n), monthKwh: Number(months.kwh), monthN: Number(months.n) };
}

/** n quarter-hour readings from startIso; the kWh follows the time, so overlapping batches agree. */
function batch(meter: string, startIso: string, n: number) {
  const start = Date.parse(startIso);
  return {
    readings: Array.from({ length: n }, (_, i) => ({
      meter,
      time: new Date(start + i * 15 * 60_000).toISOString(),
      kwh: 10 + (Math.round((start + i * 15 * 60_000) / 900_000) % 7),
    })),
  };
}

async function ingest(body: unknown) {
  const parsed = parseReadingsBatch(body, now);
  if (!parsed.ok) return { ok: false as const, status: parsed.status, problems: parsed.problems };
  return ingestReadings(1, parsed.readings);
}

beforeAll(async () => {
  const db = await getDb();
  await db.insert(users).values([
    { id: "mon-staff", email: "mon-staff@test.local", passwordHash: "x", displayName: "监测员", role: "staff" },
    { id: "mon-member", email: "mon-member@test.local", passwordHash: "x", displayName: "林经理", role: "member" },
    { id: "mon-other", email: "mon-other@test.local", passwordHash: "x", displayName: "王经理", role: "member" },
  ]);
  const rows = await db
    .insert(enterprises)
    .values(
      [0, 1, 2].map((i) => ({
        name: `测试鞋业${i}`,
        creditCode: generateCreditCode(9000 + i),
        legalRep: "张三",
        address: "云江路1号",
        village: i === 2 ? "仙降村" : "云江村",
        segment: "finished_shoes" as const,
        contactPerson: "李四",
        phone: "13800000000",
      })),
    )
    .returning({ id: enterprises.id });
  [own, other] = [rows[0].id, rows[1].id];
  await db.insert(enterpriseUsers).values([
    { enterpriseId: own, userId: "mon-member", isOwner: true },
    { enterpriseId: other, userId: "mon-other", isOwner: true },
  ]);
  member = actorOf("member", { userId: "mon-member", enterpriseIds: [own] });
  otherMember = actorOf("member", { userId: "mon-other", enterpriseIds: [other] });
  await db.insert(meters).values([
    { code: "T-OWN", enterpriseId: own, installedOn: "2024-01-01" },
    { code: "T-OTHER", enterpriseId: other, installedOn: "2024-01-01" },
    { code: "T-RACE", enterpriseId: rows[2].id, installedOn: "2024-01-01" },
  ]);
  await db.insert(gateways).values({ name: "test", scopes: ["readings", "passages"], tokenHash: "test-hash-1", tokenHint: "yjg_test" });
  const [b] = await db
    .insert(buildings)
    .values({ code: "B-T1", name: "测试厂房", village: "云江村", address: "云江路9号", floors: 3, landlord: "村集体" })
    .returning();
  await db.insert(buildingTenancies).values([
    { buildingId: b.id, floor: 2, enterpriseId: own, areaM2: 800, startedOn: "2025-01-01" },
    { buildingId: b.id, floor: 3, enterpriseId: other, areaM2: 800, startedOn: "2025-01-01" },
  ]);
  await db.insert(passages).values([
    { buildingId: b.id, floor: 2, code: "P1", name: "东侧安全通道" },
    { buildingId: b.id, floor: 3, code: "P1", name: "西侧安全通道" },
  ]);
});

describe("gateway ingest", () => {
  it("stores the same batch once: the second time everything is a duplicate, and the rollups equal the raw rows", async () => {
    const body = batch("T-OWN", "2026-11-01T00:00:00+08:00", 96);
    const first = await ingest(body);
    expect(first).toMatchObject({ ok: true, accepted: 96, duplicated: 0, refused: [] });
    const after1 = await counts();
    const second = await ingest(body);
    expect(second).toMatchObject({ ok: true, accepted: 0, duplicated: 96, refused: [] });
    const after2 = await counts();
    expect(after2).toEqual(after1);
    expect(after2.dayKwh).toBeCloseTo(after2.rawKwh, 6);
    expect(after2.monthKwh).toBeCloseTo(after2.rawKwh, 6);
    expect(after2.dayN).toBe(after2.raw);
  });

  it("refuses a reading that contradicts a stored one and keeps the first value", async () => {
    const db = await getDb();
    const r = await ingest({
      readings: [
        { meter: "T-OWN", time: "2026-11-01T00:00:00+08:00", kwh: 999 },
        { meter: "T-OWN", time: "2026-11-05T00:00:00+08:00", kwh: 1 },
      ],
    });
    expect(r).toMatchObject({ ok: true, accepted: 1, duplicated: 0 });
    if (!r.ok) return;
    expect(r.refused).toHaveLength(1);
    expect(r.refused[0]).toMatchObject({ index: 0, meter: "T-OWN" });
    const [row] = await db
      .select()
      .from(meterReadings)
      .where(and(eq(meterReadings.meterId, 1), eq(meterReadings.readAt, new Date("2026-11-01T00:00:00+08:00"))));
    expect(row.kwh).toBe(batch("T-OWN", "2026-11-01T00:00:00+08:00", 1).readings[0].kwh);
  });

  it("refuses bad JSON shapes, unknown meters, future times, negative values and oversize batches whole, changing nothing", async () => {
    const before = await counts();
    expect(await ingest("not an object")).toMatchObject({ ok: false, status: 400 });
    expect(await ingest({ readings: [] })).toMatchObject({ ok: false, status: 422 });
    expect(
      await ingest({
        readings: [
          { meter: "T-OWN", time: "2026-11-20T00:00:00+08:00", kwh: 1 },
          { meter: "NOPE", time: "2026-11-20T00:00:00+08:00", kwh: 1 },
        ],
      }),
    ).toMatchObject({
      ok: false,
      status: 422,
      problems: [{ index: 1, field: "meter" }],
    });
    expect(await ingest({ readings: [{ meter: "T-OWN", time: "2026-12-05T10:00:00+08:00", kwh: 1 }] })).toMatchObject({
      ok: false,
      status: 422,
      problems: [{ field: "time", reason: "time is in the future" }],
    });
    expect(await ingest({ readings: [{ meter: "T-OWN", time: "2026-11-20T00:00:00+08:00", kwh: -1 }] })).toMatchObject({
      ok: false,
      status: 422,
      problems: [{ field: "kwh" }],
    });
    expect(await ingest({ readings: [{ meter: "T-OWN", time: "2026-11-20 00:00", kwh: 1 }] })).toMatchObject({
      ok: false,
      status: 422,
      problems: [{ field: "time" }],
    });
    expect(await ingest(batch("T-OWN", "2026-10-01T00:00:00+08:00", 5001))).toMatchObject({ ok: false, status: 413 });
    expect(await counts()).toEqual(before);
  });

  it("concurrent overlapping batches store every reading once and keep the rollups exact", async () => {
    const before = await counts();
    // Eight batches of 200 readings, each overlapping its neighbours by half.
    const r = await simultaneously(
      8,
      (i) =>
        ingest(batch("T-RACE", new Date(Date.parse("2026-10-01T00:00:00+08:00") + i * 100 * 15 * 60_000).toISOString(), 200)) as Promise<{
          ok: boolean;
          accepted?: number;
          duplicated?: number;
        }>,
    );
    expect(r.thrown).toEqual([]);
    expect(r.ok).toBe(8);
    const accepted = r.results.reduce((s, x) => s + (x.accepted ?? 0), 0);
    const duplicated = r.results.reduce((s, x) => s + (x.duplicated ?? 0), 0);
    expect(accepted).toBe(900);
    expect(duplicated).toBe(700);
    const after = await counts();
    expect(after.raw - before.raw).toBe(900);
    expect(after.dayKwh).toBeCloseTo(after.rawKwh, 6);
    expect(after.monthKwh).toBeCloseTo(after.rawKwh, 6);
    expect(after.monthN).toBe(after.raw);
  });
});

describe("gateway tokens", () => {
  const req = (token: string | null, cookie?: string) =>
    new Request("http://localhost/api/monitoring/readings", {
      method: "POST",
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(cookie ? { cookie } : {}) },
    });

  it("keeps only the token's hash, answers per scope, and refuses a revoked token", async () => {
    const db = await getDb();
    const made = await createGateway(staff, { name: "电表采集器 A", scopes: ["readings"] });
    expect(made.token).toMatch(/^yjg_/);
    const [row] = await db.select().from(gateways).where(eq(gateways.id, made.gateway.id));
    expect(row.tokenHash).not.toContain(made.token);
    expect(JSON.stringify(row)).not.toContain(made.token);
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.action, "gateway.create"));
    expect(JSON.stringify(audit)).not.toContain(made.token);

    expect(await authenticateGateway(req(made.token), "readings")).toMatchObject({ ok: true, gateway: { id: made.gateway.id } });
    expect(await authenticateGateway(req(made.token), "passages")).toMatchObject({ ok: false, status: 403 });
    expect(await authenticateGateway(req(`${made.token.slice(0, -2)}xx`), "readings")).toMatchObject({ ok: false, status: 401 });
    // A browser session is no way in: only the bearer token counts.
    expect(await authenticateGateway(req(null, "yj_session=abc"), "readings")).toMatchObject({ ok: false, status: 401 });

    expect(await revokeGateway(staff, made.gateway.id)).toMatchObject({ ok: true });
    expect(await authenticateGateway(req(made.token), "readings")).toMatchObject({ ok: false, status: 401 });
    expect(await revokeGateway(staff, made.gateway.id)).toMatchObject({ ok: false });
  });
});

describe("CSV imports (all-or-nothing)", () => {
  it("writes nothing when one row is bad, reports the lines, and writes all of a clean file", async () => {
    const before = await counts();
    const bad = "meter,time,kwh\nT-OTHER,2026-11-02 08:00,5\nT-OTHER,2026-11-02 08:15,-3\nNOPE,2026-11-02 08:30,1\n";
    const r1 = await importMonitoringCsv(staff, "readings", bad, now);
    expect(r1).toMatchObject({ ok: false, problems: [{ line: 3, column: "kwh", message: "monitoring:import.negative" }] });
    const r2 = await importMonitoringCsv(staff, "readings", "meter,time,kwh\nT-OTHER,2026-11-02 08:00,5\nNOPE,2026-11-02 08:30,1\n", now);
    expect(r2).toMatchObject({ ok: false, problems: [{ line: 3, column: "meter", message: "monitoring:import.unknownMeter" }] });
    expect(await counts()).toEqual(before);

    const good = "meter,time,kwh\nT-OTHER,2026-11-02 08:00,5\nT-OTHER,2026-11-02 08:15,6\n";
    expect(await importMonitoringCsv(staff, "readings", good, now)).toMatchObject({ ok: true, written: 2, duplicated: 0 });
    expect(await importMonitoringCsv(staff, "readings", good, now)).toMatchObject({ ok: true, written: 0, duplicated: 2 });
    // A contradicting row fails the whole file: the new row beside it is not written either.
    const clash = "meter,time,kwh\nT-OTHER,2026-11-02 08:30,7\nT-OTHER,2026-11-02 08:15,60\n";
    expect(await importMonitoringCsv(staff, "readings", clash, now)).toMatchObject({ ok: false, problems: [{ line: 3, column: "kwh" }] });
    expect((await counts()).raw).toBe(before.raw + 2);
  });

  it("imports tax by credit code, all or nothing", async () => {
    const db = await getDb();
    const [e] = await db.select().from(enterprises).where(eq(enterprises.id, own));
    const bad = `credit_code,month,tax_yuan\n${e.creditCode},2026-10,1200.50\n${generateCreditCode(99999)},2026-10,10\n`;
    expect(await importMonitoringCsv(staff, "tax", bad, now)).toMatchObject({
      ok: false,
      problems: [{ line: 3, message: "monitoring:import.unknownEnterprise" }],
    });
    expect((await db.select({ n: count() }).from(enterpriseTaxMonths))[0].n).toBe(0);
    expect(await importMonitoringCsv(staff, "tax", `credit_code,month,tax_yuan\n${e.creditCode},2026-10,1200.50\n`, now)).toMatchObject({
      ok: true,
      written: 1,
    });
    const [row] = await db.select().from(enterpriseTaxMonths);
    expect(row).toMatchObject({ enterpriseId: own, month: "2026-10-01", taxFen: 120050 });
    expect(await importMonitoringCsv(staff, "tax", `credit_code,month,tax_yuan\n${e.creditCode},2027-01,1\n`, now)).toMatchObject({
      ok: false,
      problems: [{ column: "month", message: "monitoring:import.future" }],
    });
  });
});

describe("passage alarms", () => {
  it("opens with a notice to the tenant, is not closed by the tenant's photo, and closes on staff confirmation", async () => {
    const db = await getDb();
    const event = { building: "B-T1", floor: 2, passage: "P1", at: new Date("2026-12-03T09:00:00+08:00"), status: "blocked" as const, photo: jpeg };
    const raised = await passageEvent(1, event);
    expect(raised).toMatchObject({ ok: true, outcome: "raised" });
    if (!raised.ok) return;
    expect(await passageEvent(1, event)).toMatchObject({ ok: true, outcome: "duplicate", alarmId: raised.alarmId });
    expect(await passageEvent(1, { ...event, at: new Date("2026-12-03T09:05:00+08:00") })).toMatchObject({
      ok: true,
      outcome: "already_open",
      alarmId: raised.alarmId,
    });
    const id = raised.alarmId!;
    const notices = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, "mon-member"), eq(notifications.messageKey, "monitoring:notify.violation")));
    expect(notices).toHaveLength(1);
    expect(notices[0].link).toBe(`/monitoring/alarms/${id}`);
    expect((await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, "mon-member@test.local"))).length).toBeGreaterThan(0);
    expect(await db.select().from(notifications).where(eq(notifications.userId, "mon-other"))).toHaveLength(0);

    // Another tenant does not see it; the tenant does, with the camera photo.
    expect(await getAlarm(otherMember, id)).toBeNull();
    const seen = await getAlarm(member, id);
    expect(seen?.camera).toHaveLength(1);

    const photo = await stageBytes("cleared.jpg", jpeg, { allowed: ["jpeg"] });
    expect(await reportCleared(otherMember, id, [photo])).toMatchObject({ ok: false, error: "notFound" });
    expect(await reportCleared(member, id, [photo])).toMatchObject({ ok: true });
    // The tenant cannot close it: neither its photo nor the staff command in its name.
    expect(await confirmCleared(member, id, null)).toMatchObject({ ok: false });
    const [still] = await db.select().from(passageAlarms).where(eq(passageAlarms.id, id));
    expect(still.status).toBe("open");
    expect(still.tenantReportedAt).not.toBeNull();
    // Nor by writing the row directly without saying who confirmed it.
    await expect(db.execute(sql`update passage_alarms set status = 'cleared', cleared_at = now() where id = ${id}`)).rejects.toThrow();

    expect(await confirmCleared(staff, id, "现场核实已清理")).toMatchObject({
      ok: true,
      alarm: { status: "cleared", clearedBy: "staff", clearedByUser: "mon-staff" },
    });
    expect(await confirmCleared(staff, id, null)).toMatchObject({ ok: false, error: "monitoring:errors.alarmClosed" });
  });

  it("closes on the gateway's all-clear", async () => {
    const event = { building: "B-T1", floor: 3, passage: "P1", at: new Date("2026-12-03T10:00:00+08:00"), status: "blocked" as const, photo: null };
    const raised = await passageEvent(1, event);
    expect(raised).toMatchObject({ ok: true, outcome: "raised" });
    expect(await passageEvent(1, { ...event, status: "clear", at: new Date("2026-12-03T12:00:00+08:00") })).toMatchObject({ ok: true, outcome: "cleared" });
    expect(await passageEvent(1, { ...event, status: "clear", at: new Date("2026-12-03T12:05:00+08:00") })).toMatchObject({
      ok: true,
      outcome: "nothing_open",
    });
    expect(await passageEvent(1, { ...event, passage: "P9" })).toMatchObject({ ok: false, status: 404 });
  });
});

describe("series, flags and the member's own view", () => {
  it("a member sees only its own enterprise's series", async () => {
    expect(await firmSeries(member, other, now)).toBeNull();
    expect((await firmSeries(member, own, now))?.firm.id).toBe(own);
    const mine = await mySeries(member, now);
    expect(mine.map((s) => s.firm.id)).toEqual([own]);
    expect(await mySeries(staff, now)).toEqual([]);
  });

  it("raises a no-use flag with its figures and turns it into a visit or a problem", async () => {
    await setThresholds(staff, { ...defaultThresholds, idleDays: 20 });
    const snap = await monitoringSnapshot(now);
    const firm = snap.firms.find((f) => f.id === own)!;
    // Last use 2026-11-05: 29 days before 2026-12-04.
    expect(firm.flags.find((f) => f.kind === "idle")).toMatchObject({ figures: { lastUseDay: "2026-11-05", days: 29, thresholdDays: 20 } });
    const visit = await openFromFlag(staff, own, "idle", "visit", now);
    expect(visit).toMatchObject({ ok: true });
    const db = await getDb();
    const [v] = await db.select().from(visits).where(eq(visits.enterpriseId, own));
    expect(v.notes).toContain("29");
    const ticket = await openFromFlag(staff, own, "idle", "ticket", now);
    expect(ticket).toMatchObject({ ok: true });
    const [t] = await db.select().from(tickets).where(eq(tickets.enterpriseId, own));
    expect(t.source).toBe("visit");
    expect(await openFromFlag(member, own, "idle", "visit", now)).toMatchObject({ ok: false });
    expect(await openFromFlag(staff, own, "headcount_collapse", "visit", now)).toMatchObject({ ok: false, error: "monitoring:errors.flagGone" });
    await setThresholds(staff, { ...defaultThresholds, idleDays: 40 });
    expect((await monitoringSnapshot(now)).firms.find((f) => f.id === own)!.flags.some((f) => f.kind === "idle")).toBe(false);
  });
});
