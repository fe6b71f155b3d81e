// The words of the monitoring capability, shared by the tables, the rules and the pages (no server code here).
export const gatewayScopes = ["readings", "passages"] as const;
export type GatewayScope = (typeof gatewayScopes)[number];
export const filingStatuses = ["filed", "pending", "expired"] as const;
export type FilingStatus = (typeof filingStatuses)[number];
export const alarmStatuses = ["open", "cleared"] as const;
export type AlarmStatus = (typeof alarmStatuses)[number];
/** Who closed an alarm: staff confirming it, or the camera gateway's all-clear. Never the tenant alone. */
export const alarmClearers = ["staff", "gateway"] as const;
export type AlarmClearer = (typeof alarmClearers)[number];
export const flagKinds = ["sharp_drop", "idle", "power_up_tax_down", "headcount_collapse"] as const;
export type FlagKind = (typeof flagKinds)[number];
export const activityClasses = ["growing", "steady", "shrinking", "unknown"] as const;
export type ActivityClass = (typeof activityClasses)[number];

/** The thresholds of the risk flags; staff tune them at /admin/monitoring. */
export type Thresholds = {
  /** A firm is steady while its change against last year stays within ± this many percent. */
  steadyBandPct: number;
  /** Sharp drop: this month's electricity at least this many percent below the trailing three months. */
  sharpDropPct: number;
  /** No use: no electricity used for this many days or more. */
  idleDays: number;
  /** Electricity up at least this much (percent, against the same month last year)… */
  powerRisePct: number;
  /** …while the last three months' tax is down at least this much against the same months last year. */
  taxDropPct: number;
  /** Headcount down at least this many percent against three months earlier. */
  headcountDropPct: number;
};

export const defaultThresholds: Thresholds = {
  steadyBandPct: 5,
  sharpDropPct: 40,
  idleDays: 14,
  powerRisePct: 10,
  taxDropPct: 20,
  headcountDropPct: 30,
};

/** Bounds of each threshold (the admin form and its validation). */
export const thresholdBounds: Record<keyof Thresholds, { min: number; max: number }> = {
  steadyBandPct: { min: 1, max: 50 },
  sharpDropPct: { min: 5, max: 100 },
  idleDays: { min: 1, max: 365 },
  powerRisePct: { min: 0, max: 500 },
  taxDropPct: { min: 1, max: 100 },
  headcountDropPct: { min: 1, max: 100 },
};

/** A batch from a gateway holds at most this many readings. */
export const MAX_BATCH_READINGS = 5000;
/** Readings may be stamped at most this far in the future (clock drift of a collector). */
export const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;
/** A single reading above this many kWh is refused as implausible (a 15-minute reading of a large plant stays far below). */
export const MAX_READING_KWH = 1_000_000;

export const importKinds = ["readings", "tax", "headcount", "premises"] as const;
export type ImportKind = (typeof importKinds)[number];

export const IMPORT_COLUMNS: Record<ImportKind, readonly string[]> = {
  readings: ["meter", "time", "kwh"],
  tax: ["credit_code", "month", "tax_yuan"],
  headcount: ["credit_code", "month", "employees"],
  premises: ["credit_code", "land_m2", "floor_m2"],
};

export const MAX_IMPORT_ROWS: Record<ImportKind, number> = { readings: 500_000, tax: 50_000, headcount: 50_000, premises: 10_000 };
