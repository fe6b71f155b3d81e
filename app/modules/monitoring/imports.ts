/**
 * Staff CSV imports (readings, monthly tax, monthly headcount, land and premises): parsing and
 * row checks, pure so that they are unit-tested. All-or-nothing like the members import: the
 * server writes only when no row is bad, and every bad row is reported by its line (header = 1).
 */
import Papa from "papaparse";
import type { ImportProblem } from "../../lib/import-problem";
import { FUTURE_TOLERANCE_MS, IMPORT_COLUMNS, importKinds, MAX_IMPORT_ROWS, MAX_READING_KWH, type ImportKind } from "./constants";

export { IMPORT_COLUMNS, importKinds, MAX_IMPORT_ROWS, type ImportKind };

export type ReadingRow = { line: number; meter: string; readAt: Date; kwh: number };
export type MonthRow = { line: number; creditCode: string; month: string; value: number };
export type PremisesRow = { line: number; creditCode: string; landM2: number; floorM2: number };

export function parseCsv(text: string): { header: string[]; records: Record<string, string>[] } {
  const result = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ""), {
    header: true,
    skipEmptyLines: "greedy",
    transformHeader: (h) => h.trim().toLowerCase(),
  });
  return { header: result.meta.fields ?? [], records: result.data };
}

function structural(kind: ImportKind, header: string[], records: unknown[]): ImportProblem[] | null {
  const missing = IMPORT_COLUMNS[kind].filter((c) => !header.includes(c));
  if (missing.length) return missing.map((c) => ({ line: 1, column: c, message: "monitoring:import.missingColumn" }));
  if (records.length === 0) return [{ line: 1, column: null, message: "monitoring:import.empty" }];
  if (records.length > MAX_IMPORT_ROWS[kind])
    return [{ line: 1, column: null, message: `monitoring:import.tooMany|${JSON.stringify({ max: MAX_IMPORT_ROWS[kind] })}` }];
  return null;
}

/** "2026-11-03 14:15" (Shanghai) or ISO 8601 with a zone. */
export function parseReadingTime(raw: string): Date | null {
  const s = raw.trim();
  let iso: string;
  if (/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?$/.test(s)) iso = `${s.replace(" ", "T")}${s.length === 16 ? ":00" : ""}+08:00`;
  else if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/.test(s)) iso = s;
  else return null;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? new Date(ms) : null;
}

/** "2026-11" or "2026-11-01" → "2026-11-01". */
export function parseMonth(raw: string): string | null {
  const m = /^(\d{4})-(\d{2})(?:-01)?$/.exec(raw.trim());
  if (!m) return null;
  const month = Number(m[2]);
  const year = Number(m[1]);
  if (month < 1 || month > 12 || year < 2000 || year > 2100) return null;
  return `${m[1]}-${m[2]}-01`;
}

function number(raw: string): number | null {
  const s = raw.trim().replace(/,/g, "");
  if (!/^-?\d+(\.\d+)?$/.test(s)) return null;
  return Number(s);
}

const normaliseCode = (raw: string) => raw.normalize("NFKC").replace(/\s+/g, "").toUpperCase();

export function validateReadings(header: string[], records: Record<string, string>[], now: Date): { rows: ReadingRow[]; problems: ImportProblem[] } {
  const s = structural("readings", header, records);
  if (s) return { rows: [], problems: s };
  const problems: ImportProblem[] = [];
  const rows: ReadingRow[] = [];
  records.forEach((r, i) => {
    const line = i + 2;
    const meter = (r.meter ?? "").trim();
    const readAt = parseReadingTime(r.time ?? "");
    const kwh = number(r.kwh ?? "");
    let bad = false;
    const reject = (p: ImportProblem) => {
      bad = true;
      problems.push(p);
    };
    if (!meter || meter.length > 64) reject({ line, column: "meter", message: "forms.required" });
    if (!readAt) reject({ line, column: "time", message: "monitoring:import.badTime" });
    else if (readAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) reject({ line, column: "time", message: "monitoring:import.future" });
    if (kwh == null) reject({ line, column: "kwh", message: "monitoring:import.badNumber" });
    else if (kwh < 0) reject({ line, column: "kwh", message: "monitoring:import.negative" });
    else if (kwh > MAX_READING_KWH) reject({ line, column: "kwh", message: "monitoring:import.implausible" });
    if (!bad) rows.push({ line, meter, readAt: readAt!, kwh: kwh! });
  });
  return { rows: problems.length ? [] : rows, problems: problems.slice(0, 500) };
}

export function validateMonthly(
  kind: "tax" | "headcount",
  header: string[],
  records: Record<string, string>[],
  today: string,
): { rows: MonthRow[]; problems: ImportProblem[] } {
  const s = structural(kind, header, records);
  if (s) return { rows: [], problems: s };
  const valueColumn = kind === "tax" ? "tax_yuan" : "employees";
  const problems: ImportProblem[] = [];
  const rows: MonthRow[] = [];
  const seen = new Map<string, number>();
  records.forEach((r, i) => {
    const line = i + 2;
    const creditCode = normaliseCode(r.credit_code ?? "");
    const month = parseMonth(r.month ?? "");
    const value = number(r[valueColumn] ?? "");
    let bad = false;
    const reject = (p: ImportProblem) => {
      bad = true;
      problems.push(p);
    };
    if (!/^[0-9A-Z]{18}$/.test(creditCode)) reject({ line, column: "credit_code", message: "monitoring:import.badCode" });
    if (!month) reject({ line, column: "month", message: "monitoring:import.badMonth" });
    else if (month > `${today.slice(0, 7)}-01`) reject({ line, column: "month", message: "monitoring:import.future" });
    if (value == null) reject({ line, column: valueColumn, message: "monitoring:import.badNumber" });
    else if (value < 0) reject({ line, column: valueColumn, message: "monitoring:import.negative" });
    else if (kind === "headcount" && !Number.isInteger(value)) reject({ line, column: valueColumn, message: "monitoring:import.wholeNumber" });
    if (!bad) {
      const k = `${creditCode}|${month}`;
      const first = seen.get(k);
      if (first !== undefined) problems.push({ line, column: "month", message: `monitoring:import.duplicateInFile|${JSON.stringify({ line: first })}` });
      else {
        seen.set(k, line);
        rows.push({ line, creditCode, month: month!, value: kind === "tax" ? Math.round(value! * 100) : value! });
      }
    }
  });
  return { rows: problems.length ? [] : rows, problems: problems.slice(0, 500) };
}

export function validatePremises(header: string[], records: Record<string, string>[]): { rows: PremisesRow[]; problems: ImportProblem[] } {
  const s = structural("premises", header, records);
  if (s) return { rows: [], problems: s };
  const problems: ImportProblem[] = [];
  const rows: PremisesRow[] = [];
  const seen = new Map<string, number>();
  records.forEach((r, i) => {
    const line = i + 2;
    const creditCode = normaliseCode(r.credit_code ?? "");
    const land = number(r.land_m2 ?? "");
    const floor = number(r.floor_m2 ?? "");
    let bad = false;
    const reject = (p: ImportProblem) => {
      bad = true;
      problems.push(p);
    };
    if (!/^[0-9A-Z]{18}$/.test(creditCode)) reject({ line, column: "credit_code", message: "monitoring:import.badCode" });
    for (const [col, v] of [
      ["land_m2", land],
      ["floor_m2", floor],
    ] as const) {
      if (v == null) reject({ line, column: col, message: "monitoring:import.badNumber" });
      else if (v < 0) reject({ line, column: col, message: "monitoring:import.negative" });
      else if (v > 10_000_000) reject({ line, column: col, message: "monitoring:import.implausible" });
    }
    if (!bad) {
      const first = seen.get(creditCode);
      if (first !== undefined) problems.push({ line, column: "credit_code", message: `monitoring:import.duplicateInFile|${JSON.stringify({ line: first })}` });
      else {
        seen.set(creditCode, line);
        rows.push({ line, creditCode, landM2: Math.round(land!), floorM2: Math.round(floor!) });
      }
    }
  });
  return { rows: problems.length ? [] : rows, problems: problems.slice(0, 500) };
}

/** A template per kind: the header and one example row. */
export function importTemplate(kind: ImportKind): string {
  const example: Record<ImportKind, string[]> = {
    readings: ["M0001", "2026-11-03 14:15", "12.5"],
    tax: ["91330381MA2XXXXXXX", "2026-10", "35000.00"],
    headcount: ["91330381MA2XXXXXXX", "2026-10", "46"],
    premises: ["91330381MA2XXXXXXX", "3200", "5400"],
  };
  return "\uFEFF" + Papa.unparse({ fields: [...IMPORT_COLUMNS[kind]], data: [example[kind]] }) + "\r\n";
}
