import type { RenderedChart } from "../../components/chart";
/**
 * Industry monitoring: the activity index, prosperity and risk flags per enterprise, segment and
 * village, computed from the monthly rollups (never from the raw readings), the thresholds, one
 * firm's series, the one-meter-per-enterprise exceptions, and turning a flag into a visit or a
 * problem through the tickets module.
 */
import { and, asc, count, eq, isNull, sql } from "drizzle-orm";
import { getDb, type Executor } from "../../../db/client.server";
import { enterprises, segments, type Segment } from "../../../db/schema/members";
import { meters, monitoringSettings } from "../../../db/schema/monitoring";
import { appendAudit } from "../../lib/audit.server";
import { shanghaiToday } from "../../lib/format";
import { translator, type Language } from "../../lib/i18n";
import { actsForEnterprise, isStaff, type Actor } from "../../lib/permissions";
import { submitTicket } from "../tickets/tickets.server";
import { recordVisit } from "../tickets/visits.server";
import { defaultThresholds, thresholdBounds, type ActivityClass, type FlagKind, type Thresholds } from "./constants";
import { monitoringChanged, snapshotCache } from "./cache.server";
import {
  activityIndex,
  classify,
  flagsOf,
  monthsBefore,
  normaliseThresholds,
  prosperityShares,
  referenceMonth,
  type Activity,
  type Flag,
  type Prosperity,
} from "./rules";
import { NOT_FOUND } from "../../lib/command.server";

type SignedIn = NonNullable<Actor>;

export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : ((result as { rows: T[] }).rows ?? [])) as T[];
}

// ---------------------------------------------------------------------------------------------
// Thresholds

export async function getThresholds(db?: Executor): Promise<Thresholds> {
  const x = db ?? (await getDb());
  const [row] = await x.select({ thresholds: monitoringSettings.thresholds }).from(monitoringSettings).where(eq(monitoringSettings.id, 1));
  return normaliseThresholds(row?.thresholds, defaultThresholds, thresholdBounds);
}

export async function setThresholds(actor: SignedIn, input: Thresholds, now = new Date()) {
  const db = await getDb();
  const result = await db.transaction(async (tx) => {
    const before = await getThresholds(tx);
    const thresholds = normaliseThresholds(input, defaultThresholds, thresholdBounds);
    await tx
      .insert(monitoringSettings)
      .values({ id: 1, thresholds, updatedBy: actor.userId, updatedAt: now })
      .onConflictDoUpdate({ target: monitoringSettings.id, set: { thresholds, updatedBy: actor.userId, updatedAt: now } });
    await appendAudit(tx, { actor, action: "monitoring.thresholds", entityType: "monitoring_settings", entityId: 1, before, after: thresholds });
    return { ok: true as const, thresholds };
  });
  monitoringChanged();
  return result;
}

// ---------------------------------------------------------------------------------------------
// Facts per enterprise

type Monthly = Map<string, number>;
type Facts = { kwh: Monthly; taxFen: Monthly; headcount: Monthly; lastUseDay: string | null; meteredSince: string | null };

function blankFacts(): Facts {
  return { kwh: new Map(), taxFen: new Map(), headcount: new Map(), lastUseDay: null, meteredSince: null };
}

/** The overview's queries (the bench prints their plans): monthly rollups, tax, headcount, last use, first meter. */
export function factQueries(from: string, today: string, only?: number[]) {
  const onlyIds = only ? sql.raw(`(${only.map((n) => Math.trunc(n)).join(",") || "0"})`) : null;
  const filter = (col: string) => (onlyIds ? sql`and ${sql.raw(col)} in ${onlyIds}` : sql``);
  return {
    kwh: sql`select m.enterprise_id as e, mm.month::text as month, sum(mm.kwh)::float8 as v
      from meter_months mm join meters m on m.id = mm.meter_id
      where m.enterprise_id is not null and mm.month >= ${from}::date ${filter("m.enterprise_id")}
      group by 1, 2`,
    tax: sql`select enterprise_id as e, month::text as month, tax_fen::float8 as v from enterprise_tax_months where month >= ${from}::date ${filter("enterprise_id")}`,
    heads: sql`select enterprise_id as e, month::text as month, employees as v from enterprise_headcount_months where month >= ${from}::date ${filter("enterprise_id")}`,
    lastUse: sql`select m.enterprise_id as e, max(d.day)::text as day
      from meter_days d join meters m on m.id = d.meter_id
      where m.enterprise_id is not null and d.kwh > 0 and d.day >= (${today}::date - 400) ${filter("m.enterprise_id")}
      group by 1`,
    since: sql`select enterprise_id as e, min(coalesce(installed_on, created_at::date))::text as day from meters where enterprise_id is not null ${filter("enterprise_id")} group by 1`,
  };
}

/** Monthly electricity, tax and headcount from `from`, last use and first meter, per enterprise (all, or the ones given). */
async function loadFacts(db: Executor, from: string, today: string, only?: number[]): Promise<Map<number, Facts>> {
  const facts = new Map<number, Facts>();
  const of = (id: number) => {
    let f = facts.get(id);
    if (!f) facts.set(id, (f = blankFacts()));
    return f;
  };
  const q = factQueries(from, today, only);
  const [kwh, tax, heads, lastUse, since] = await Promise.all([
    db.execute(q.kwh),
    db.execute(q.tax),
    db.execute(q.heads),
    db.execute(q.lastUse),
    db.execute(q.since),
  ]);
  for (const r of rowsOf<{ e: number; month: string; v: number }>(kwh)) of(Number(r.e)).kwh.set(r.month, Number(r.v));
  for (const r of rowsOf<{ e: number; month: string; v: number }>(tax)) of(Number(r.e)).taxFen.set(r.month, Number(r.v));
  for (const r of rowsOf<{ e: number; month: string; v: number }>(heads)) of(Number(r.e)).headcount.set(r.month, Number(r.v));
  for (const r of rowsOf<{ e: number; day: string }>(lastUse)) of(Number(r.e)).lastUseDay = r.day;
  for (const r of rowsOf<{ e: number; day: string }>(since)) of(Number(r.e)).meteredSince = r.day;
  return facts;
}

// ---------------------------------------------------------------------------------------------
// The overview snapshot

export type FirmRow = {
  id: number;
  name: string;
  segment: Segment;
  village: string;
  activity: Activity;
  cls: ActivityClass;
  flags: Flag[];
  taxFen: number | null;
  employees: number | null;
};

export type GroupRow = {
  key: string;
  firms: number;
  kwh: number;
  lastYearKwh: number;
  indexYoy: number | null;
  indexTrailing: number | null;
  taxFen: number;
  employees: number;
  growing: number;
  steady: number;
  shrinking: number;
  flagged: number;
};

export type Snapshot = {
  today: string;
  month: string;
  thresholds: Thresholds;
  firms: FirmRow[];
  prosperity: Prosperity;
  bySegment: GroupRow[];
  byVillage: GroupRow[];
  /** The last 24 months: kWh per segment, and the prosperity shares of the last 12. */
  months: string[];
  kwhBySegment: { segment: Segment; kwh: number[] }[];
  prosperityMonths: string[];
  prosperitySeries: Prosperity[];
  flagCounts: Record<FlagKind, number>;
};

function round1(x: number | null): number | null {
  return x == null ? null : Math.round(x * 10) / 10;
}

async function computeSnapshot(today: string): Promise<Snapshot> {
  const db = await getDb();
  const thresholds = await getThresholds(db);
  const month = referenceMonth(today);
  const from = monthsBefore(month, 26);
  const [facts, firmsRows] = await Promise.all([
    loadFacts(db, from, today),
    db.select({ id: enterprises.id, name: enterprises.name, segment: enterprises.segment, village: enterprises.village }).from(enterprises),
  ]);
  const firms: FirmRow[] = [];
  for (const e of firmsRows) {
    const f = facts.get(e.id);
    if (!f) continue;
    const { activity, flags } = flagsOf(f, month, today, thresholds);
    firms.push({
      ...e,
      activity,
      cls: classify(activity, thresholds.steadyBandPct),
      flags,
      taxFen: f.taxFen.get(month) ?? null,
      employees: f.headcount.get(month) ?? null,
    });
  }
  firms.sort((a, b) => a.name.localeCompare(b.name, "zh-CN") || a.id - b.id);

  const group = (keyOf: (f: FirmRow) => string): GroupRow[] => {
    const groups = new Map<string, GroupRow & { trailing: number; trailingKnown: boolean }>();
    for (const f of firms) {
      const k = keyOf(f);
      let g = groups.get(k);
      if (!g)
        groups.set(
          k,
          (g = {
            key: k,
            firms: 0,
            kwh: 0,
            lastYearKwh: 0,
            indexYoy: null,
            indexTrailing: null,
            taxFen: 0,
            employees: 0,
            growing: 0,
            steady: 0,
            shrinking: 0,
            flagged: 0,
            trailing: 0,
            trailingKnown: true,
          }),
        );
      g.firms++;
      // The group's index compares like with like: firms with both months count in both sums.
      if (f.activity.kwh != null && f.activity.lastYearKwh != null) {
        g.kwh += f.activity.kwh;
        g.lastYearKwh += f.activity.lastYearKwh;
      }
      if (f.activity.kwh != null && f.activity.trailingKwh != null) g.trailing += f.activity.trailingKwh;
      g.taxFen += f.taxFen ?? 0;
      g.employees += f.employees ?? 0;
      if (f.cls === "growing" || f.cls === "steady" || f.cls === "shrinking") g[f.cls]++;
      if (f.flags.length) g.flagged++;
    }
    return [...groups.values()]
      .map(({ trailing, trailingKnown: _k, ...g }) => {
        const current = firms
          .filter((f) => keyOf(f) === g.key && f.activity.kwh != null && f.activity.trailingKwh != null)
          .reduce((s, f) => s + (f.activity.kwh ?? 0), 0);
        return {
          ...g,
          kwh: Math.round(g.kwh),
          lastYearKwh: Math.round(g.lastYearKwh),
          indexYoy: g.lastYearKwh > 0 ? round1((g.kwh / g.lastYearKwh) * 100) : null,
          indexTrailing: trailing > 0 ? round1((current / trailing) * 100) : null,
        };
      })
      .sort((a, b) => a.key.localeCompare(b.key, "zh-CN"));
  };

  const months = Array.from({ length: 24 }, (_, i) => monthsBefore(month, 23 - i));
  const segmentOf = new Map(firms.map((f) => [f.id, f.segment]));
  const kwhBySegment = segments.map((segment) => ({ segment, kwh: months.map(() => 0) }));
  const segIndex = new Map(segments.map((s, i) => [s, i]));
  for (const [id, f] of facts) {
    const seg = segmentOf.get(id);
    if (!seg) continue;
    const row = kwhBySegment[segIndex.get(seg)!];
    months.forEach((m, i) => {
      row.kwh[i] += f.kwh.get(m) ?? 0;
    });
  }
  for (const r of kwhBySegment) r.kwh = r.kwh.map((v) => Math.round(v));

  const prosperityMonths = months.slice(-12);
  const prosperitySeries = prosperityMonths.map((m) =>
    prosperityShares([...facts.values()].map((f) => classify(activityIndex(f.kwh, m), thresholds.steadyBandPct))),
  );
  const flagCounts = { sharp_drop: 0, idle: 0, power_up_tax_down: 0, headcount_collapse: 0 } as Record<FlagKind, number>;
  for (const f of firms) for (const fl of f.flags) flagCounts[fl.kind]++;

  return {
    today,
    month,
    thresholds,
    firms,
    prosperity: prosperityShares(firms.map((f) => f.cls)),
    bySegment: group((f) => f.segment),
    byVillage: group((f) => f.village),
    months,
    kwhBySegment: kwhBySegment.filter((r) => r.kwh.some((v) => v > 0)),
    prosperityMonths,
    prosperitySeries,
    flagCounts,
  };
}

/** The overview's figures for today (kept a minute per process; every change through the module clears them). */
export function monitoringSnapshot(now = new Date()): Promise<Snapshot> {
  const today = shanghaiToday(now);
  return snapshotCache.get(`snapshot:${today}`, () => computeSnapshot(today)) as Promise<Snapshot>;
}

export const FLAGGED_PAGE_SIZE = 25;

export function flaggedFirms(s: Snapshot, kind: FlagKind | null, page: number) {
  const all = s.firms.filter((f) => f.flags.length > 0 && (!kind || f.flags.some((x) => x.kind === kind)));
  return { rows: all.slice((page - 1) * FLAGGED_PAGE_SIZE, page * FLAGGED_PAGE_SIZE), total: all.length };
}

// ---------------------------------------------------------------------------------------------
// One firm

export type FirmSeries = Awaited<ReturnType<typeof loadFirm>>;

async function loadFirm(id: number, now: Date) {
  const db = await getDb();
  const [firm] = await db
    .select({
      id: enterprises.id,
      name: enterprises.name,
      segment: enterprises.segment,
      village: enterprises.village,
      creditCode: enterprises.creditCode,
      employees: enterprises.employees,
    })
    .from(enterprises)
    .where(eq(enterprises.id, id));
  if (!firm) return null;
  const today = shanghaiToday(now);
  const month = referenceMonth(today);
  const thresholds = await getThresholds(db);
  const facts = (await loadFacts(db, monthsBefore(month, 26), today, [id])).get(id) ?? blankFacts();
  const { activity, flags } = flagsOf(facts, month, today, thresholds);
  const months = Array.from({ length: 24 }, (_, i) => monthsBefore(month, 22 - i)); // through the current month
  const dayRows = rowsOf<{ day: string; kwh: number }>(
    await db.execute(sql`select d.day::text as day, sum(d.kwh)::float8 as kwh from meter_days d join meters m on m.id = d.meter_id
      where m.enterprise_id = ${id} and d.day > (${today}::date - 120) group by 1 order by 1`),
  );
  const meterRows = await db
    .select({ id: meters.id, code: meters.code, installedOn: meters.installedOn })
    .from(meters)
    .where(eq(meters.enterpriseId, id))
    .orderBy(asc(meters.code));
  const premises =
    rowsOf<{ land_m2: number; floor_m2: number }>(await db.execute(sql`select land_m2, floor_m2 from enterprise_premises where enterprise_id = ${id}`))[0] ??
    null;
  return {
    firm,
    today,
    month,
    thresholds,
    activity,
    cls: classify(activity, thresholds.steadyBandPct),
    flags,
    months,
    kwh: months.map((m) => (facts.kwh.has(m) ? Math.round(facts.kwh.get(m)!) : null)),
    taxFen: months.map((m) => facts.taxFen.get(m) ?? null),
    headcount: months.map((m) => facts.headcount.get(m) ?? null),
    days: dayRows.map((r) => ({ day: r.day, kwh: Math.round(Number(r.kwh) * 10) / 10 })),
    lastUseDay: facts.lastUseDay,
    meters: meterRows,
    premises: premises ? { landM2: Number(premises.land_m2), floorM2: Number(premises.floor_m2) } : null,
  };
}

/** One firm's series and flags, for staff or a user of that enterprise; null when outside the actor's scope. */
export async function firmSeries(actor: SignedIn, id: number, now = new Date()) {
  if (!actsForEnterprise(actor, id)) return null;
  return loadFirm(id, now);
}

/** The /my section: the series and flags of the member's own enterprises (never another's). */
export async function mySeries(actor: SignedIn, now = new Date()) {
  if (actor.role !== "member") return [];
  const out = [];
  for (const id of actor.enterpriseIds.slice(0, 5)) {
    const s = await loadFirm(id, now);
    if (s && (s.meters.length || s.kwh.some((v) => v != null) || s.taxFen.some((v) => v != null))) out.push(s);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// From a flag to a visit or a problem (through the tickets module)

export function describeFlag(flag: Flag, lng: Language): string {
  const t = translator(lng);
  return t(`monitoring:flags.${flag.kind}.figures`, Object.fromEntries(Object.entries(flag.figures).map(([k, v]) => [k, v ?? "—"])));
}

export async function openFromFlag(actor: SignedIn, enterpriseId: number, kind: FlagKind, target: "visit" | "ticket", now = new Date()) {
  if (!isStaff(actor)) return { ok: false as const, error: "notFound" };
  const series = await loadFirm(enterpriseId, now);
  if (!series) return { ok: false as const, error: "notFound" };
  const flag = series.flags.find((f) => f.kind === kind);
  if (!flag) return { ok: false as const, error: "monitoring:errors.flagGone" };
  const t = translator("zh-CN");
  const title = t(`monitoring:flags.${kind}.title`);
  const figures = describeFlag(flag, "zh-CN");
  if (target === "visit") {
    const r = await recordVisit(actor, {
      visitedOn: series.today,
      visitors: actor.displayName,
      associationId: null,
      enterpriseId,
      notes: t("monitoring:flags.visitNote", { title, figures }),
    });
    if (!r.ok) return { ok: false as const, error: r.error };
    return { ok: true as const, to: `/visits/${r.visit.id}` };
  }
  const category = kind === "power_up_tax_down" ? ("tax" as const) : kind === "headcount_collapse" ? ("talent" as const) : ("other" as const);
  const r = await submitTicket(
    actor,
    {
      enterpriseId,
      category,
      title: t("monitoring:flags.ticketTitle", { title, name: series.firm.name }).slice(0, 120),
      description: t("monitoring:flags.ticketBody", { title, figures }),
      urgency: "normal",
      source: "visit",
      visitId: null,
    },
    [],
    { now },
  );
  // The command contract's refusal: a missing record is "notFound" here, like the visit's.
  if (!r.ok) return { ok: false as const, error: r.error.code === NOT_FOUND ? "notFound" : r.error.code };
  return { ok: true as const, to: `/tickets/${r.value.id}` };
}

// ---------------------------------------------------------------------------------------------
// Meters: the one-meter-per-enterprise exceptions, adding and binding meters

export const EXCEPTIONS_PAGE_SIZE = 50;

export async function meterExceptions(page: number) {
  const db = await getDb();
  const noMeter = rowsOf<{ id: number; name: string; village: string; n: number }>(
    await db.execute(sql`select e.id, e.name, e.village, count(*) over () as n from enterprises e
      where not exists (select 1 from meters m where m.enterprise_id = e.id)
      order by e.name, e.id limit ${EXCEPTIONS_PAGE_SIZE} offset ${(page - 1) * EXCEPTIONS_PAGE_SIZE}`),
  );
  const [noMeterTotal] = rowsOf<{ n: number }>(
    await db.execute(sql`select count(*)::int as n from enterprises e where not exists (select 1 from meters m where m.enterprise_id = e.id)`),
  );
  const several = rowsOf<{ id: number; name: string; village: string; codes: string }>(
    await db.execute(
      sql`select e.id, e.name, e.village, string_agg(m.code, ', ' order by m.code) as codes from enterprises e join meters m on m.enterprise_id = e.id group by e.id having count(*) > 1 order by e.name`,
    ),
  );
  const unbound = await db
    .select({ id: meters.id, code: meters.code, installedOn: meters.installedOn })
    .from(meters)
    .where(isNull(meters.enterpriseId))
    .orderBy(asc(meters.code));
  const [totals] = await db.select({ n: count() }).from(meters);
  return { noMeter: noMeter.map(({ n: _n, ...r }) => r), noMeterTotal: Number(noMeterTotal?.n ?? 0), several, unbound, meterCount: totals.n };
}

export async function enterpriseChoices() {
  const db = await getDb();
  return db.select({ id: enterprises.id, name: enterprises.name }).from(enterprises).orderBy(asc(enterprises.name));
}

export async function addMeter(actor: SignedIn, input: { code: string; enterpriseId: number | null; installedOn: string | null }) {
  const db = await getDb();
  const result = await db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: meters.id }).from(meters).where(eq(meters.code, input.code));
    if (taken) return { ok: false as const, field: "code", error: "monitoring:errors.meterTaken" };
    if (input.enterpriseId) {
      const [e] = await tx.select({ id: enterprises.id }).from(enterprises).where(eq(enterprises.id, input.enterpriseId));
      if (!e) return { ok: false as const, field: "enterpriseId", error: "monitoring:errors.enterprise" };
    }
    const [meter] = await tx.insert(meters).values({ code: input.code, enterpriseId: input.enterpriseId, installedOn: input.installedOn }).returning();
    await appendAudit(tx, { actor, action: "meter.add", entityType: "meter", entityId: meter.id, after: meter });
    return { ok: true as const, meter };
  });
  if (result.ok) monitoringChanged();
  return result;
}

/** Binds a meter to an enterprise (or unbinds it with null). */
export async function bindMeter(actor: SignedIn, input: { meterId: number; enterpriseId: number | null }) {
  const db = await getDb();
  const result = await db.transaction(async (tx) => {
    const [before] = await tx.select().from(meters).where(eq(meters.id, input.meterId)).for("update");
    if (!before) return { ok: false as const, field: "meterId", error: "monitoring:errors.meter" };
    if (input.enterpriseId) {
      const [e] = await tx.select({ id: enterprises.id }).from(enterprises).where(eq(enterprises.id, input.enterpriseId));
      if (!e) return { ok: false as const, field: "enterpriseId", error: "monitoring:errors.enterprise" };
    }
    const [after] = await tx
      .update(meters)
      .set({ enterpriseId: input.enterpriseId })
      .where(and(eq(meters.id, input.meterId)))
      .returning();
    await appendAudit(tx, { actor, action: "meter.bind", entityType: "meter", entityId: input.meterId, before, after });
    return { ok: true as const, meter: after };
  });
  if (result.ok) monitoringChanged();
  return result;
}

// ---------------------------------------------------------------------------------------------
// Charts of the overview and of one firm: the shared charts (ECharts SVG drawn on the server,
// app/lib/charts.server.ts), the overview's kept with the snapshot

const overviewChartMemo = new WeakMap<Snapshot, Map<Language, { kwh: RenderedChart; prosperity: RenderedChart }>>();

export async function overviewCharts(s: Snapshot, lng: Language) {
  let byLng = overviewChartMemo.get(s);
  if (!byLng) overviewChartMemo.set(s, (byLng = new Map()));
  const hit = byLng.get(lng);
  if (hit) return hit;
  const { renderChart } = await import("../../lib/charts.server");
  const t = translator(lng);
  const months = s.months.map((m) => m.slice(0, 7));
  const kwh = renderChart({
    title: t("monitoring:overview.kwhBySegment"),
    kind: "line",
    categoryLabel: t("monitoring:firm.month"),
    categories: months,
    series: s.kwhBySegment.map((r) => ({ name: t(`monitoring:segments.${r.segment}`), values: r.kwh, stack: "kwh", area: true })),
    axisNames: [t("monitoring:firm.kwh")],
  });
  const prosperity = renderChart({
    title: t("monitoring:overview.prosperityOverTime"),
    kind: "bar",
    categoryLabel: t("monitoring:firm.month"),
    categories: s.prosperityMonths.map((m) => m.slice(0, 7)),
    series: (["growing", "steady", "shrinking"] as const).map((c) => ({
      name: t(`monitoring:classes.${c}`),
      values: s.prosperitySeries.map((p) => p[`${c}Pct`]),
      stack: "p",
    })),
    valueMax: 100,
  });
  const charts = { kwh, prosperity };
  byLng.set(lng, charts);
  return charts;
}

export async function firmCharts(s: NonNullable<FirmSeries>, lng: Language) {
  const { renderChart } = await import("../../lib/charts.server");
  const t = translator(lng);
  const monthly = renderChart({
    title: t("monitoring:firm.monthly"),
    kind: "bar",
    categoryLabel: t("monitoring:firm.month"),
    categories: s.months.map((m) => m.slice(0, 7)),
    series: [
      { name: t("monitoring:firm.kwh"), values: s.kwh },
      { name: t("monitoring:firm.employees"), values: s.headcount, as: "line", axis: 1 },
    ],
    axisNames: [t("monitoring:firm.kwh"), t("monitoring:firm.employees")],
  });
  const daily = renderChart(
    {
      title: t("monitoring:firm.daily"),
      kind: "line",
      categoryLabel: t("monitoring:firm.day"),
      categories: s.days.map((d) => d.day.slice(5)),
      series: [{ name: t("monitoring:firm.kwh"), values: s.days.map((d) => d.kwh), area: true }],
    },
    { height: 220 },
  );
  return { monthly, daily };
}

/** The monitoring part of /reports: prosperity of the last complete month, flags, passage alarms. */
export async function monitoringReport() {
  const { alarmFigures } = await import("./buildings.server");
  const [s, alarms] = await Promise.all([monitoringSnapshot(), alarmFigures()]);
  return {
    month: s.month.slice(0, 7),
    prosperity: s.prosperity,
    flagged: s.firms.filter((f) => f.flags.length > 0).length,
    flagCounts: s.flagCounts,
    alarmsOpen: alarms.open,
    alarmsTotal: alarms.total,
    medianHoursToClear: alarms.medianHoursToClear,
  };
}
