/**
 * Monitoring demo data: the district's 572 shoe enterprises with their meters (a few one-meter
 * exceptions), daily readings from 13 months before the last complete month to yesterday with
 * real seasonality (the Spring Festival dip, quieter Sundays), a few firms in trouble that raise
 * each flag, monthly tax and headcount, land and premises; the 43 rented factory buildings with
 * tenants, filings, deposits and passages; 120 passage alarms, most cleared.
 *
 * Bulk SQL (generate_series, unnest) keeps it to a few seconds on PGlite: the rollups are filled
 * from the raw rows in the same transaction, so they equal the readings exactly.
 */
import { sql } from "drizzle-orm";
import type { Executor } from "../client.server";
import { enterprises, type Segment } from "../schema/members";
import { buildingTenancies, buildings, passages } from "../schema/monitoring";
import { shanghaiToday } from "../../app/lib/format";
import { stageBytes } from "../../app/lib/uploads.server";
import { recordUploads } from "../../app/lib/uploads.server";
import { notify } from "../../app/modules/notifications/notifications.server";
import { alarmPhotoKinds, CAMERA_FILE_OWNER } from "../../app/modules/monitoring/buildings.server";
import { monthsBefore, referenceMonth } from "../../app/modules/monitoring/rules";
import { mulberry32, village } from "./demo-names";

type EnterpriseSeed = typeof enterprises.$inferInsert;

/** The district's shoe enterprises (source: 572); the members' demo data has fewer. */
export const DISTRICT_SHOE_ENTERPRISES = 572;
export const DEMO_BUILDINGS = 43;
export const DEMO_ALARMS = 120;
/** Days of daily rollup rows in the demo data (the year is in the monthly rollup). */
export const DAILY_DAYS = 45;

/** Spring Festival (the first day of the lunar year). */
const SPRING_FESTIVAL = ["2024-02-10", "2025-01-29", "2026-02-17", "2027-02-06", "2028-01-26", "2029-02-13", "2030-02-03", "2031-01-23", "2032-02-11"];

const DAY = 86_400_000;
const dayMs = (d: string) => Date.parse(`${d}T00:00:00Z`);
const dayStr = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The share of a normal day's electricity: workers go home for about four weeks around the festival. */
export function seasonFactor(day: string): number {
  const t = dayMs(day);
  let f = 1;
  for (const sf of SPRING_FESTIVAL) {
    const offset = (t - dayMs(sf)) / DAY;
    if (offset >= -12 && offset <= 16) f = Math.min(f, 0.15);
    else if (offset > -20 && offset < -12) f = Math.min(f, 1 - ((offset + 20) / 8) * 0.85);
    else if (offset > 16 && offset < 26) f = Math.min(f, 0.15 + ((offset - 16) / 10) * 0.85);
  }
  const month = Number(day.slice(5, 7));
  if (month === 7 || month === 8) f *= 1.06; // cooling in the summer
  if (new Date(t).getUTCDay() === 0) f *= 0.8; // a quieter Sunday
  return Math.round(f * 1000) / 1000;
}

/** Trouble kinds by the enterprise's position: each flag is raised by a handful of firms. */
function troubleOf(k: number): 0 | 1 | 2 | 3 | 4 {
  if (k < 12) return 0; // the first centre members (the demo member's among them) are healthy
  if (k % 71 === 13) return 1; // sharp drop
  if (k % 89 === 17) return 2; // no use in the last weeks
  if (k % 67 === 29) return 3; // electricity up, tax down
  if (k % 73 === 31) return 4; // headcount collapsing
  return 0;
}

export async function seedMonitoring(db: Executor, makeEnterprise: (i: number, aboveSize: boolean) => EnterpriseSeed, now = new Date()): Promise<void> {
  const today = shanghaiToday(now);
  const month = referenceMonth(today);
  const readingsFrom = monthsBefore(month, 12);
  const figuresFrom = monthsBefore(month, 15);
  const yesterday = dayStr(dayMs(today) - DAY);

  // The rest of the district's shoe enterprises (not members): all of them have meters.
  const existing = await db
    .select({ id: enterprises.id, employees: enterprises.employees, aboveSize: enterprises.aboveSize, segment: enterprises.segment })
    .from(enterprises)
    .orderBy(enterprises.id);
  const extra = Array.from({ length: Math.max(0, DISTRICT_SHOE_ENTERPRISES - existing.length) }, (_, j) => makeEnterprise(existing.length + j, j % 25 === 0));
  for (let i = 0; i < extra.length; i += 100) {
    existing.push(
      ...(await db
        .insert(enterprises)
        .values(extra.slice(i, i + 100))
        .returning({ id: enterprises.id, employees: enterprises.employees, aboveSize: enterprises.aboveSize, segment: enterprises.segment })),
    );
  }
  const firms = existing as { id: number; employees: number | null; aboveSize: boolean; segment: Segment }[];

  // Meters: one per enterprise, except the last three (none), two with a second meter, two bound to no one.
  const meterRows: { code: string; enterpriseId: number | null; installedOn: string }[] = [];
  firms.forEach((f, k) => {
    if (k >= firms.length - 3) return;
    meterRows.push({ code: `M${String(k + 1).padStart(5, "0")}`, enterpriseId: f.id, installedOn: "2023-06-30" });
    if (k === 40 || k === 90) meterRows.push({ code: `M${String(k + 1).padStart(5, "0")}B`, enterpriseId: f.id, installedOn: "2024-03-01" });
  });
  meterRows.push({ code: "M90001", enterpriseId: null, installedOn: "2025-05-12" }, { code: "M90002", enterpriseId: null, installedOn: "2025-09-01" });
  await db.execute(sql`insert into meters (code, enterprise_id, installed_on)
    select * from unnest(${sql.raw(`'{${meterRows.map((m) => m.code).join(",")}}'::text[]`)}, ${sql.raw(`'{${meterRows.map((m) => m.enterpriseId ?? "NULL").join(",")}}'::int[]`)}, ${sql.raw(`'{${meterRows.map((m) => m.installedOn).join(",")}}'::date[]`)})`);

  // Per-enterprise parameters: daily base kWh, yearly growth, trouble kind.
  const params = firms.map((f, k) => {
    const r = mulberry32(7000 + k);
    const base = Math.round((f.aboveSize ? 2500 + r() * 4000 : 150 + r() * 900) * 10) / 10;
    const trouble = troubleOf(k);
    const growth = trouble === 3 ? 0.3 : Math.round((r() * 0.4 - 0.2) * 1000) / 1000;
    return { id: f.id, k, base, growth, trouble, employees: Math.max(6, f.employees || 20), taxPerKwh: 0.8 + r() * 1.6 };
  });
  // The parameters ride along in each statement (no temporary table: a pool may change connection).
  const seedFirms = sql`(select * from unnest(${arr(
    params.map((p) => p.id),
    "int",
  )}, ${arr(
    params.map((p) => p.base),
    "float8",
  )}, ${arr(
    params.map((p) => p.growth),
    "float8",
  )}, ${arr(
    params.map((p) => p.trouble),
    "int",
  )}, ${arr(
    params.map((p) => p.employees),
    "int",
  )}, ${arr(
    params.map((p) => Math.round(p.taxPerKwh * 1000) / 1000),
    "float8",
  )})
      as u(enterprise_id, base, growth, trouble, employees, tax_per_kwh))`;
  const days: string[] = [];
  for (let t = dayMs(readingsFrom); t <= dayMs(yesterday); t += DAY) days.push(dayStr(t));

  // A year of daily electricity from one model (computed here: the embedded database evaluates
  // row expressions far more slowly): base × season × growth over time × trouble × noise. The
  // monthly rollup gets the year; the daily rollup keeps the last DAILY_DAYS days (the firm pages'
  // daily chart), the raw table the last week (one reading per meter and day, stamped 23:45
  // Shanghai). Writing 200,000+ daily rows would cost the embedded database most of a minute at
  // every e2e start.
  const meterList = rowsOf<{ id: number; code: string; enterprise_id: number }>(
    await db.execute(sql`select id, code, enterprise_id from meters where enterprise_id is not null order by id`),
  );
  const paramOf = new Map(params.map((p) => [p.id, p]));
  const seasons = days.map(seasonFactor);
  const start = dayMs(readingsFrom);
  const dailyFrom = dayStr(dayMs(today) - DAILY_DAYS * DAY);
  const monthRows = new Map<string, { meterId: number; month: string; kwh: number; n: number }>();
  const dayRows: { meterId: number; day: string; kwh: number }[] = [];
  for (const m of meterList) {
    const p = paramOf.get(Number(m.enterprise_id))!;
    const second = m.code.endsWith("B") ? 0.2 : 1;
    days.forEach((day, i) => {
      if (p.trouble === 2 && day > dayStr(dayMs(today) - 30 * DAY)) return;
      const years = (dayMs(day) - start) / (365 * DAY);
      const noise = 0.9 + ((Number(m.id) * 7919 + Math.round((dayMs(day) - dayMs("2020-01-01")) / DAY) * 104729) % 1000) / 5000;
      const kwh = Math.round(p.base * seasons[i] * (1 + p.growth * years) * (p.trouble === 1 && day >= month ? 0.35 : 1) * noise * second * 10) / 10;
      const key = `${m.id}|${day.slice(0, 7)}`;
      const row = monthRows.get(key);
      if (row) {
        row.kwh += kwh;
        row.n++;
      } else monthRows.set(key, { meterId: Number(m.id), month: `${day.slice(0, 7)}-01`, kwh, n: 1 });
      if (day > dailyFrom) dayRows.push({ meterId: Number(m.id), day, kwh });
    });
  }
  const months = [...monthRows.values()];
  for (let i = 0; i < months.length; i += 5000) {
    const c = months.slice(i, i + 5000);
    await db.execute(sql`insert into meter_months (meter_id, month, kwh, readings)
      select * from unnest(${arr(
        c.map((r) => r.meterId),
        "int",
      )}, ${arr(
        c.map((r) => r.month),
        "date",
      )}, ${arr(
        c.map((r) => Math.round(r.kwh * 10) / 10),
        "float8",
      )}, ${arr(
        c.map((r) => r.n),
        "int",
      )})`);
  }
  for (let i = 0; i < dayRows.length; i += 5000) {
    const c = dayRows.slice(i, i + 5000);
    await db.execute(sql`insert into meter_days (meter_id, day, kwh, readings)
      select u.m, u.d, u.k, 1 from unnest(${arr(
        c.map((r) => r.meterId),
        "int",
      )}, ${arr(
        c.map((r) => r.day),
        "date",
      )}, ${arr(
        c.map((r) => r.kwh),
        "float8",
      )}) as u(m, d, k)`);
  }
  await db.execute(sql`insert into meter_readings (meter_id, read_at, kwh)
    select meter_id, (day + time '23:45') at time zone 'Asia/Shanghai', kwh from meter_days where day > (${today}::date - 8) order by meter_id, day`);

  // Monthly tax (fen) and insured employees, through the last complete month.
  await db.execute(sql`insert into enterprise_tax_months (enterprise_id, month, tax_fen)
    select f.enterprise_id, mo::date,
      round(f.base * 30 * f.tax_per_kwh * 100 * (1 + f.growth * ((mo::date - ${figuresFrom}::date) / 365.0))
        * case when f.trouble = 3 and mo::date > (${month}::date - interval '3 months') then 0.55 else 1 end
        * (0.9 + ((f.enterprise_id * 31 + extract(month from mo)::int * 17) % 20) / 100.0))::bigint
    from ${seedFirms} f cross join generate_series(${figuresFrom}::date, ${month}::date, interval '1 month') mo`);
  await db.execute(sql`insert into enterprise_headcount_months (enterprise_id, month, employees)
    select f.enterprise_id, mo::date,
      greatest(1, round(f.employees * (1 + f.growth * 0.5 * ((mo::date - ${figuresFrom}::date) / 365.0))
        * case when f.trouble = 4 and mo::date > (${month}::date - interval '3 months') then 0.45 else 1 end
        * case when extract(month from mo) = 2 then 0.92 else 1 end)::int)
    from ${seedFirms} f cross join generate_series(${figuresFrom}::date, ${month}::date, interval '1 month') mo`);
  await db.execute(sql`insert into enterprise_premises (enterprise_id, land_m2, floor_m2)
    select enterprise_id, case when base > 2000 then round(8000 + base)::int else 0 end, round(base * 4 + 300)::int from ${seedFirms} f`);

  await seedBuildings(
    db,
    firms.map((f) => f.id),
    now,
  );
}

async function seedBuildings(db: Executor, enterpriseIds: number[], now: Date): Promise<void> {
  const r = mulberry32(4343);
  const landlords = ["村股份经济合作社", "村集体", "物业管理有限公司", "实业有限公司"];
  const rows = Array.from({ length: DEMO_BUILDINGS }, (_, i) => {
    const filing = i % 20 === 7 ? "expired" : i % 15 === 11 ? "pending" : "filed";
    const deposit = (5 + Math.floor(r() * 16)) * 1_000_000; // 50,000-200,000 yuan
    const v = village(i * 3 + 1);
    return {
      code: `XJ-${String(i + 1).padStart(2, "0")}`,
      name: `${v}${i + 1}号标准厂房`,
      village: v,
      address: `仙降街道${v}工业区${i + 1}幢`,
      floors: 3 + (i % 4),
      landlord: `${v}${landlords[i % landlords.length]}`,
      filingStatus: filing as "filed" | "pending" | "expired",
      filingNo: filing === "pending" ? null : `RA-ZL-2024-${String(301 + i).padStart(4, "0")}`,
      filedOn: filing === "pending" ? null : `2024-${String(1 + (i % 12)).padStart(2, "0")}-15`,
      depositFen: deposit,
      depositPaidOn: filing === "pending" ? null : `2024-${String(1 + (i % 12)).padStart(2, "0")}-20`,
      depositRefundedOn: filing === "expired" ? "2026-06-30" : null,
    };
  });
  const inserted = await db.insert(buildings).values(rows).returning({ id: buildings.id, floors: buildings.floors });
  // Tenants: the member demo enterprise rents floor 2 of building 1; the others are spread over the floors.
  const tenancies: (typeof buildingTenancies.$inferInsert)[] = [];
  const passageRows: (typeof passages.$inferInsert)[] = [];
  let next = 1;
  inserted.forEach((b, bi) => {
    for (let floor = 1; floor <= b.floors; floor++) {
      const enterpriseId = bi === 0 && floor === 2 ? enterpriseIds[0] : enterpriseIds[(12 + next++ * 7) % enterpriseIds.length];
      tenancies.push({
        buildingId: b.id,
        floor,
        enterpriseId,
        areaM2: 600 + Math.floor(r() * 1400),
        startedOn: `202${3 + (floor % 3)}-0${1 + (floor % 9)}-01`,
      });
      if ((bi + floor) % 5 === 0)
        tenancies.push({
          buildingId: b.id,
          floor,
          enterpriseId: enterpriseIds[(next++ * 13) % enterpriseIds.length],
          areaM2: 300 + Math.floor(r() * 400),
          startedOn: "2025-03-01",
        });
      passageRows.push({ buildingId: b.id, floor, code: "P1", name: "东侧安全通道" }, { buildingId: b.id, floor, code: "P2", name: "西侧安全通道" });
    }
  });
  await db.insert(buildingTenancies).values(tenancies);
  const passageIds = await db.insert(passages).values(passageRows).returning({ id: passages.id, buildingId: passages.buildingId, floor: passages.floor });
  const tenantOf = new Map<string, number>();
  for (const t of tenancies) if (!tenantOf.has(`${t.buildingId}|${t.floor}`)) tenantOf.set(`${t.buildingId}|${t.floor}`, t.enterpriseId);

  // Alarms over the last year. Alarm 1: open, on the member enterprise's floor (with a camera
  // photo); alarm 2: another tenant's, cleared. Repeat offenders: a few passages are blocked again and again.
  const alarms: {
    passageId: number;
    buildingId: number;
    floor: number;
    enterpriseId: number | null;
    raisedAt: Date;
    status: "open" | "cleared";
    clearedAt: Date | null;
    clearedBy: "staff" | "gateway" | null;
    clearedByUser: string | null;
  }[] = [];
  const openPassages = new Set<number>();
  const memberPassage = passageIds.find((p) => p.buildingId === inserted[0].id && p.floor === 2)!;
  for (let i = 0; i < DEMO_ALARMS; i++) {
    const p = i === 0 ? memberPassage : i % 4 === 0 ? passageIds[((i * 3) % 12) + 10] : passageIds[Math.floor(r() * passageIds.length)];
    const open = i === 0 || (i % 11 === 5 && !openPassages.has(p.id) && p.buildingId !== memberPassage.buildingId);
    const raisedAt = new Date(now.getTime() - (i === 0 ? 2 * 3600_000 : (1 + ((i * 2.9) % 360)) * DAY + Math.floor(r() * 36_000_000)));
    const hours = 1 + Math.floor(r() * r() * 72);
    if (open) openPassages.add(p.id);
    alarms.push({
      passageId: p.id,
      buildingId: p.buildingId,
      floor: p.floor,
      enterpriseId: tenantOf.get(`${p.buildingId}|${p.floor}`) ?? null,
      raisedAt,
      status: open ? "open" : "cleared",
      clearedAt: open ? null : new Date(raisedAt.getTime() + hours * 3600_000),
      clearedBy: open ? null : i % 5 < 3 ? "gateway" : "staff",
      clearedByUser: open || i % 5 < 3 ? null : "demo-staff",
    });
  }
  const ids = rowsOf<{ id: number }>(
    await db.execute(sql`insert into passage_alarms (passage_id, building_id, floor, enterprise_id, notice_no, raised_at, status, cleared_at, cleared_by, cleared_by_user)
      select u.p, u.b, u.f, u.e, 'TMP-' || u.i, u.r, u.s, u.c, u.by, u.usr
      from unnest(${arr(
        alarms.map((a) => a.passageId),
        "int",
      )}, ${arr(
        alarms.map((a) => a.buildingId),
        "int",
      )}, ${arr(
        alarms.map((a) => a.floor),
        "int",
      )}, ${arr(
        alarms.map((a) => a.enterpriseId ?? "NULL"),
        "int",
      )},
        ${arr(
          alarms.map((_, i) => i),
          "int",
        )}, ${arr(
          alarms.map((a) => `"${a.raisedAt.toISOString()}"`),
          "timestamptz",
        )}, ${arr(
          alarms.map((a) => a.status),
          "text",
        )},
        ${arr(
          alarms.map((a) => (a.clearedAt ? `"${a.clearedAt.toISOString()}"` : "NULL")),
          "timestamptz",
        )}, ${arr(
          alarms.map((a) => a.clearedBy ?? "NULL"),
          "text",
        )}, ${arr(
          alarms.map((a) => a.clearedByUser ?? "NULL"),
          "text",
        )})
        with ordinality as u(p, b, f, e, i, r, s, c, by, usr, o)
      order by u.o
      returning id`),
  );
  await db.execute(
    sql`update passage_alarms set notice_no = 'WZ-' || to_char(raised_at at time zone 'Asia/Shanghai', 'YYYY') || '-' || lpad(id::text, 5, '0')`,
  );
  // The first alarm's camera photo and the tenant's violation notice (in the portal and the outbox).
  const first = ids[0].id;
  const photo = await stageBytes("passage-XJ-01-2-P1.jpg", DEMO_JPEG, { allowed: alarmPhotoKinds });
  const [file] = await recordUploads(db, [photo], { ownerKind: CAMERA_FILE_OWNER, ownerId: first, actor: null, at: alarms[0].raisedAt });
  await db.execute(sql`update passage_alarms set camera_file_id = ${file.id}::uuid where id = ${first}`);
  const users = rowsOf<{ user_id: string }>(await db.execute(sql`select user_id from enterprise_users where enterprise_id = ${enterpriseIds[0]}`));
  const [notice] = rowsOf<{ notice_no: string }>(await db.execute(sql`select notice_no from passage_alarms where id = ${first}`));
  await notify(
    db,
    users.map((u) => ({
      userId: u.user_id,
      messageKey: "monitoring:notify.violation",
      params: { notice: notice.notice_no, building: rows[0].name, floor: 2, passage: "东侧安全通道" },
      link: `/monitoring/alarms/${first}`,
    })),
  );
}

function arr(xs: (number | string)[], type: string) {
  return sql.raw(`'{${xs.map((x) => (typeof x === "string" && x !== "NULL" && !x.startsWith('"') ? `"${x}"` : x)).join(",")}}'::${type}[]`);
}

function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : ((result as { rows: T[] }).rows ?? [])) as T[];
}

/** A tiny valid JPEG (8×8 grey), the demo camera photo. */
const DEMO_JPEG = new Uint8Array(
  Buffer.from(
    "/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAAIAAgBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQAAAAE//9k=",
    "base64",
  ),
);
