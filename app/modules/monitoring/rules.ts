/**
 * The activity index, the prosperity shares and the risk flags: pure rules over monthly and
 * daily figures, so that every threshold is unit-tested. Months are "YYYY-MM-01" strings, days
 * "YYYY-MM-DD" (Shanghai calendar). The figures a flag carries are the ones that raised it.
 */
import type { ActivityClass, FlagKind, Thresholds } from "./constants";

/** The first day of the month `n` months before `month` (negative n: after). */
export function monthsBefore(month: string, n: number): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7)) - 1 - n;
  const yy = y + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  return `${yy}-${String(mm + 1).padStart(2, "0")}-01`;
}

export function monthOf(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

/** The last complete month before `today`: the month the index and flags speak about. */
export function referenceMonth(today: string): string {
  return monthsBefore(monthOf(today), 1);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Change in percent (one decimal), or null without a base to compare with. */
export function changePct(current: number | null | undefined, base: number | null | undefined): number | null {
  if (current == null || base == null || !(base > 0)) return null;
  return Math.round(((current - base) / base) * 1000) / 10;
}

export type Monthly = ReadonlyMap<string, number>;

export type Activity = {
  month: string;
  kwh: number | null;
  lastYearKwh: number | null;
  trailingKwh: number | null;
  /** 100 = as much as the same month last year. */
  indexYoy: number | null;
  /** 100 = as much as the average of the three months before. */
  indexTrailing: number | null;
  changeYoyPct: number | null;
  changeTrailingPct: number | null;
};

function average(values: (number | undefined)[]): number | null {
  const present = values.filter((v): v is number => v !== undefined);
  if (present.length < values.length) return null;
  return present.reduce((a, b) => a + b, 0) / present.length;
}

function indexOf(current: number | null, base: number | null): number | null {
  if (current == null || base == null || !(base > 0)) return null;
  return Math.round((current / base) * 1000) / 10;
}

/** The activity index of a month from monthly electricity: against last year and the trailing three months. */
export function activityIndex(kwh: Monthly, month: string): Activity {
  const current = kwh.get(month) ?? null;
  const lastYear = kwh.get(monthsBefore(month, 12)) ?? null;
  const trailing = average([kwh.get(monthsBefore(month, 1)), kwh.get(monthsBefore(month, 2)), kwh.get(monthsBefore(month, 3))]);
  return {
    month,
    kwh: current,
    lastYearKwh: lastYear,
    trailingKwh: trailing == null ? null : Math.round(trailing * 10) / 10,
    indexYoy: indexOf(current, lastYear),
    indexTrailing: indexOf(current, trailing),
    changeYoyPct: changePct(current, lastYear),
    changeTrailingPct: changePct(current, trailing),
  };
}

/** Growing, steady or shrinking: against last year, else against the trailing three months. */
export function classify(activity: Pick<Activity, "changeYoyPct" | "changeTrailingPct">, steadyBandPct: number): ActivityClass {
  const change = activity.changeYoyPct ?? activity.changeTrailingPct;
  if (change == null) return "unknown";
  if (change >= steadyBandPct) return "growing";
  if (change <= -steadyBandPct) return "shrinking";
  return "steady";
}

export type Prosperity = {
  growing: number;
  steady: number;
  shrinking: number;
  unknown: number;
  total: number;
  growingPct: number;
  steadyPct: number;
  shrinkingPct: number;
};

/** The industry's prosperity (枯荣度): the shares of firms growing, steady and shrinking (firms without figures are counted apart). */
export function prosperityShares(classes: readonly ActivityClass[]): Prosperity {
  const n = { growing: 0, steady: 0, shrinking: 0, unknown: 0 };
  for (const c of classes) n[c]++;
  const known = n.growing + n.steady + n.shrinking;
  const pct = (x: number) => (known === 0 ? 0 : Math.round((x / known) * 1000) / 10);
  return { ...n, total: classes.length, growingPct: pct(n.growing), steadyPct: pct(n.steady), shrinkingPct: pct(n.shrinking) };
}

export type Flag = { kind: FlagKind; figures: Record<string, number | string | null> };

/** Sharp drop: this month at least sharpDropPct below the trailing three months' average. */
export function sharpDropFlag(a: Activity, t: Thresholds): Flag | null {
  if (a.changeTrailingPct == null || a.changeTrailingPct > -t.sharpDropPct) return null;
  return {
    kind: "sharp_drop",
    figures: { month: a.month, kwh: a.kwh, trailingKwh: a.trailingKwh, changePct: a.changeTrailingPct, thresholdPct: t.sharpDropPct },
  };
}

/**
 * No use: the last day with electricity used is idleDays or more before today (a meter that
 * never used any since it was installed counts from its installation; never installed: no flag).
 */
export function idleFlag(lastUseDay: string | null, since: string | null, today: string, t: Thresholds): Flag | null {
  const from = lastUseDay ?? since;
  if (!from) return null;
  const days = daysBetween(from, today);
  if (days < t.idleDays) return null;
  return { kind: "idle", figures: { lastUseDay, days, thresholdDays: t.idleDays } };
}

function sumOf(values: (number | undefined)[]): number | null {
  if (values.some((v) => v === undefined)) return null;
  return (values as number[]).reduce((a, b) => a + b, 0);
}

/** Electricity up at least powerRisePct against last year while the last three months' tax fell at least taxDropPct. */
export function powerUpTaxDownFlag(a: Activity, taxFen: Monthly, t: Thresholds): Flag | null {
  if (a.changeYoyPct == null || a.changeYoyPct < t.powerRisePct) return null;
  const months = [0, 1, 2].map((k) => monthsBefore(a.month, k));
  const tax = sumOf(months.map((m) => taxFen.get(m)));
  const taxLastYear = sumOf(months.map((m) => taxFen.get(monthsBefore(m, 12))));
  const taxChange = changePct(tax, taxLastYear);
  if (taxChange == null || taxChange > -t.taxDropPct) return null;
  return {
    kind: "power_up_tax_down",
    figures: {
      month: a.month,
      kwhChangePct: a.changeYoyPct,
      taxFen: tax,
      taxLastYearFen: taxLastYear,
      taxChangePct: taxChange,
      powerThresholdPct: t.powerRisePct,
      taxThresholdPct: t.taxDropPct,
    },
  };
}

/** Headcount collapse: the month's insured employees at least headcountDropPct below three months earlier. */
export function headcountCollapseFlag(month: string, headcount: Monthly, t: Thresholds): Flag | null {
  const now = headcount.get(month);
  const before = headcount.get(monthsBefore(month, 3));
  const change = changePct(now, before);
  if (change == null || change > -t.headcountDropPct) return null;
  return {
    kind: "headcount_collapse",
    figures: { month, employees: now ?? null, employeesBefore: before ?? null, changePct: change, thresholdPct: t.headcountDropPct },
  };
}

export type EnterpriseFacts = {
  kwh: Monthly;
  taxFen: Monthly;
  headcount: Monthly;
  lastUseDay: string | null;
  /** When its first meter was installed (idle counts from there when it never used any). */
  meteredSince: string | null;
};

/** Every flag of one enterprise for the reference month, in a fixed order. */
export function flagsOf(f: EnterpriseFacts, month: string, today: string, t: Thresholds): { activity: Activity; flags: Flag[] } {
  const activity = activityIndex(f.kwh, month);
  const flags = [
    sharpDropFlag(activity, t),
    idleFlag(f.lastUseDay, f.meteredSince, today, t),
    powerUpTaxDownFlag(activity, f.taxFen, t),
    headcountCollapseFlag(month, f.headcount, t),
  ].filter((x): x is Flag => x !== null);
  return { activity, flags };
}

/** The thresholds as stored, with any missing or out-of-range value replaced by its default. */
export function normaliseThresholds(raw: unknown, defaults: Thresholds, bounds: Record<keyof Thresholds, { min: number; max: number }>): Thresholds {
  const out = { ...defaults };
  if (raw && typeof raw === "object") {
    for (const key of Object.keys(defaults) as (keyof Thresholds)[]) {
      const v = (raw as Record<string, unknown>)[key];
      if (typeof v === "number" && Number.isFinite(v) && v >= bounds[key].min && v <= bounds[key].max) out[key] = v;
    }
  }
  return out;
}
