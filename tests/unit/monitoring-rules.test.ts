import { describe, expect, it } from "vitest";
import { defaultThresholds, thresholdBounds, type Thresholds } from "../../app/modules/monitoring/constants";
import {
  activityIndex,
  changePct,
  classify,
  flagsOf,
  headcountCollapseFlag,
  idleFlag,
  monthsBefore,
  normaliseThresholds,
  powerUpTaxDownFlag,
  prosperityShares,
  referenceMonth,
  sharpDropFlag,
} from "../../app/modules/monitoring/rules";

const t: Thresholds = { ...defaultThresholds, steadyBandPct: 5, sharpDropPct: 40, idleDays: 14, powerRisePct: 10, taxDropPct: 20, headcountDropPct: 30 };
const M = (entries: Record<string, number>) => new Map(Object.entries(entries));

describe("months", () => {
  it("steps back over year ends and forward with a negative count", () => {
    expect(monthsBefore("2026-03-01", 1)).toBe("2026-02-01");
    expect(monthsBefore("2026-01-01", 1)).toBe("2025-12-01");
    expect(monthsBefore("2026-03-01", 12)).toBe("2025-03-01");
    expect(monthsBefore("2026-03-01", 15)).toBe("2024-12-01");
    expect(monthsBefore("2025-12-01", -1)).toBe("2026-01-01");
  });
  it("speaks of the last complete month", () => {
    expect(referenceMonth("2026-12-04")).toBe("2026-11-01");
    expect(referenceMonth("2026-01-01")).toBe("2025-12-01");
  });
  it("has no change without a positive base", () => {
    expect(changePct(10, 0)).toBeNull();
    expect(changePct(10, null)).toBeNull();
    expect(changePct(150, 100)).toBe(50);
  });
});

describe("the activity index", () => {
  const kwh = M({ "2025-11-01": 1000, "2026-08-01": 900, "2026-09-01": 1200, "2026-10-01": 900, "2026-11-01": 1100 });
  it("compares the month with the same month last year and the trailing three months", () => {
    const a = activityIndex(kwh, "2026-11-01");
    expect(a.indexYoy).toBe(110);
    expect(a.changeYoyPct).toBe(10);
    expect(a.trailingKwh).toBe(1000);
    expect(a.indexTrailing).toBe(110);
  });
  it("leaves an index empty when a base month is missing", () => {
    const a = activityIndex(M({ "2026-11-01": 500, "2026-10-01": 500 }), "2026-11-01");
    expect(a.indexYoy).toBeNull();
    expect(a.indexTrailing).toBeNull();
  });
});

describe("growing, steady, shrinking", () => {
  it("classifies at the steady band's edges", () => {
    expect(classify({ changeYoyPct: 5, changeTrailingPct: null }, 5)).toBe("growing");
    expect(classify({ changeYoyPct: 4.9, changeTrailingPct: null }, 5)).toBe("steady");
    expect(classify({ changeYoyPct: -4.9, changeTrailingPct: null }, 5)).toBe("steady");
    expect(classify({ changeYoyPct: -5, changeTrailingPct: null }, 5)).toBe("shrinking");
  });
  it("falls back on the trailing months, else unknown", () => {
    expect(classify({ changeYoyPct: null, changeTrailingPct: -20 }, 5)).toBe("shrinking");
    expect(classify({ changeYoyPct: null, changeTrailingPct: null }, 5)).toBe("unknown");
  });
  it("gives prosperity shares of the firms with figures", () => {
    const p = prosperityShares(["growing", "growing", "steady", "shrinking", "unknown"]);
    expect(p).toMatchObject({ growing: 2, steady: 1, shrinking: 1, unknown: 1, total: 5, growingPct: 50, steadyPct: 25, shrinkingPct: 25 });
    expect(prosperityShares([])).toMatchObject({ total: 0, growingPct: 0 });
  });
});

describe("risk flags at their thresholds", () => {
  const trailing = { "2026-08-01": 1000, "2026-09-01": 1000, "2026-10-01": 1000 };
  it("sharp drop: raised at exactly the threshold, not just above it", () => {
    expect(sharpDropFlag(activityIndex(M({ ...trailing, "2026-11-01": 600 }), "2026-11-01"), t)).toMatchObject({
      kind: "sharp_drop",
      figures: { kwh: 600, trailingKwh: 1000, changePct: -40, thresholdPct: 40 },
    });
    expect(sharpDropFlag(activityIndex(M({ ...trailing, "2026-11-01": 601 }), "2026-11-01"), t)).toBeNull();
  });
  it("no use: raised after idleDays without use, counted from installation when never used", () => {
    expect(idleFlag("2026-11-20", null, "2026-12-04", t)).toMatchObject({ kind: "idle", figures: { days: 14, lastUseDay: "2026-11-20" } });
    expect(idleFlag("2026-11-21", null, "2026-12-04", t)).toBeNull();
    expect(idleFlag(null, "2026-11-01", "2026-12-04", t)).toMatchObject({ figures: { lastUseDay: null, days: 33 } });
    expect(idleFlag(null, null, "2026-12-04", t)).toBeNull();
  });
  it("electricity up while tax down: both thresholds must be met", () => {
    const kwh = M({ "2025-11-01": 1000, "2026-11-01": 1100 });
    const tax = (now: number) => M({ "2026-09-01": now, "2026-10-01": now, "2026-11-01": now, "2025-09-01": 100, "2025-10-01": 100, "2025-11-01": 100 });
    const a = activityIndex(kwh, "2026-11-01");
    expect(powerUpTaxDownFlag(a, tax(80), t)).toMatchObject({
      kind: "power_up_tax_down",
      figures: { kwhChangePct: 10, taxChangePct: -20, taxFen: 240, taxLastYearFen: 300 },
    });
    expect(powerUpTaxDownFlag(a, tax(81), t)).toBeNull();
    const flat = activityIndex(M({ "2025-11-01": 1000, "2026-11-01": 1099 }), "2026-11-01");
    expect(powerUpTaxDownFlag(flat, tax(10), t)).toBeNull();
    // A missing tax month: no comparison, no flag.
    expect(powerUpTaxDownFlag(a, M({ "2026-11-01": 0 }), t)).toBeNull();
  });
  it("headcount collapse: against three months earlier, at the threshold", () => {
    expect(headcountCollapseFlag("2026-11-01", M({ "2026-08-01": 100, "2026-11-01": 70 }), t)).toMatchObject({
      kind: "headcount_collapse",
      figures: { employees: 70, employeesBefore: 100, changePct: -30 },
    });
    expect(headcountCollapseFlag("2026-11-01", M({ "2026-08-01": 100, "2026-11-01": 71 }), t)).toBeNull();
  });
  it("gathers an enterprise's flags with the figures that raised them, and follows tuned thresholds", () => {
    const facts = {
      kwh: M({ ...trailing, "2026-11-01": 500 }),
      taxFen: M({}),
      headcount: M({ "2026-08-01": 50, "2026-11-01": 20 }),
      lastUseDay: "2026-11-30",
      meteredSince: "2024-01-01",
    };
    const { flags } = flagsOf(facts, "2026-11-01", "2026-12-04", t);
    expect(flags.map((f) => f.kind)).toEqual(["sharp_drop", "headcount_collapse"]);
    const lenient = flagsOf(facts, "2026-11-01", "2026-12-04", { ...t, sharpDropPct: 60, headcountDropPct: 70, idleDays: 3 });
    expect(lenient.flags.map((f) => f.kind)).toEqual(["idle"]);
  });
  it("keeps stored thresholds only within their bounds", () => {
    expect(normaliseThresholds({ sharpDropPct: 55, idleDays: 0, taxDropPct: "x" }, defaultThresholds, thresholdBounds)).toEqual({
      ...defaultThresholds,
      sharpDropPct: 55,
    });
    expect(normaliseThresholds(null, defaultThresholds, thresholdBounds)).toEqual(defaultThresholds);
  });
});
