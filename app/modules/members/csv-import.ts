/**
 * Bulk onboarding from CSV: parsing and row validation, pure so that the rules are unit-tested.
 * The import is all-or-nothing: the server writes only when this finds no bad row, and every
 * bad row is reported by its line number in the file (the header is line 1) and its reason.
 */
import Papa from "papaparse";
import type { ImportProblem } from "../../lib/import-problem";
import { membershipTypes, type MembershipType, type Segment } from "./constants";

import { enterpriseProfileSchema, type EnterpriseProfileInput } from "./forms";

import { importColumnOf, IMPORT_COLUMNS, REQUIRED_COLUMNS } from "./csv-columns";

export { IMPORT_COLUMNS, REQUIRED_COLUMNS };

/** Chinese words people type in a spreadsheet for each segment. */
const SEGMENT_WORDS: Record<string, Segment> = {
  成品鞋: "finished_shoes",
  鞋底: "soles",
  鞋面: "uppers",
  模具: "moulds",
  材料: "materials",
  原材料: "materials",
  机械: "machinery",
  设备: "machinery",
  其他: "other",
};
const TYPE_WORDS: Record<string, MembershipType> = {
  会员: "member",
  理事: "council_member",
  执委: "executive_committee",
  主任: "director",
  副主任: "vice_director",
};

export const MAX_IMPORT_ROWS = 5000;

export type ImportRow = EnterpriseProfileInput & { associationCode: string; membershipType: MembershipType; line: number };

export function parseImportCsv(text: string): { header: string[]; records: Record<string, string>[] } {
  const result = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ""), { header: true, skipEmptyLines: "greedy", transformHeader: importColumnOf });
  return { header: result.meta.fields ?? [], records: result.data };
}

function yesNo(v: string): string {
  const s = v.trim().toLowerCase();
  return ["是", "yes", "y", "1", "true", "规上"].includes(s) ? "true" : "";
}

/**
 * Validates every row. `associationCodes`: the codes that exist; `existingCreditCodes`: codes
 * already taken by an enterprise or a pending application.
 */
export function validateImportRows(
  records: Record<string, string>[],
  header: string[],
  associationCodes: ReadonlySet<string>,
  existingCreditCodes: ReadonlySet<string>,
): { rows: ImportRow[]; problems: ImportProblem[] } {
  const steps = validating(records, header, associationCodes, existingCreditCodes);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Rows checked between two turns of the event loop in `validateImportRowsInTurns`. */
const ROWS_PER_TURN = 100;

/** The same check, letting other requests run every few hundred rows (thousands of rows take a while). */
export async function validateImportRowsInTurns(...args: Parameters<typeof validateImportRows>): Promise<ReturnType<typeof validateImportRows>> {
  const steps = validating(...args);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

function* validating(
  records: Record<string, string>[],
  header: string[],
  associationCodes: ReadonlySet<string>,
  existingCreditCodes: ReadonlySet<string>,
): Generator<void, { rows: ImportRow[]; problems: ImportProblem[] }> {
  const problems: ImportProblem[] = [];
  const missingColumns = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  if (missingColumns.length > 0) {
    return { rows: [], problems: missingColumns.map((c) => ({ line: 1, column: c, message: "members:import.missingColumn" })) };
  }
  if (records.length === 0) return { rows: [], problems: [{ line: 1, column: null, message: "members:import.empty" }] };
  if (records.length > MAX_IMPORT_ROWS)
    return { rows: [], problems: [{ line: 1, column: null, message: `members:import.tooMany|${JSON.stringify({ max: MAX_IMPORT_ROWS })}` }] };
  const seen = new Map<string, number>();
  const rows: ImportRow[] = [];
  for (const [index, record] of records.entries()) {
    if (index > 0 && index % ROWS_PER_TURN === 0) yield;
    const line = index + 2;
    const get = (c: string) => (record[c] ?? "").trim();
    const segmentRaw = get("segment");
    const typeRaw = get("membership_type");
    const candidate = {
      name: get("name"),
      creditCode: get("credit_code"),
      legalRep: get("legal_rep"),
      address: get("address"),
      village: get("village"),
      segment: SEGMENT_WORDS[segmentRaw] ?? segmentRaw,
      aboveSize: yesNo(get("above_size")),
      annualOutputWan: get("annual_output_wan"),
      employees: get("employees"),
      exportSharePct: get("export_share_pct").replace(/%$/, ""),
      contactPerson: get("contact_person"),
      phone: get("phone"),
      email: get("email"),
      publicFields: ["segment", "village"],
    };
    const rowProblems: ImportProblem[] = [];
    const parsed = enterpriseProfileSchema.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? "");
        rowProblems.push({ line, column: columnOf(field), message: issue.message });
      }
    }
    const associationCode = get("association_code");
    if (!associationCode) rowProblems.push({ line, column: "association_code", message: "forms.required" });
    else if (!associationCodes.has(associationCode)) rowProblems.push({ line, column: "association_code", message: "members:import.unknownAssociation" });
    const membershipType = (TYPE_WORDS[typeRaw] ?? (typeRaw || "member")) as MembershipType;
    if (!membershipTypes.includes(membershipType)) rowProblems.push({ line, column: "membership_type", message: "members:import.badType" });
    if (parsed.success) {
      const code = parsed.data.creditCode;
      const firstLine = seen.get(code);
      if (firstLine !== undefined)
        rowProblems.push({ line, column: "credit_code", message: `members:import.duplicateInFile|${JSON.stringify({ line: firstLine })}` });
      else seen.set(code, line);
      if (existingCreditCodes.has(code)) rowProblems.push({ line, column: "credit_code", message: "members:import.duplicateInDb" });
    }
    if (rowProblems.length > 0) problems.push(...rowProblems);
    else if (parsed.success) rows.push({ ...parsed.data, associationCode, membershipType, line });
  }
  return { rows: problems.length ? [] : rows, problems };
}

function columnOf(field: string): string {
  const map: Record<string, string> = {
    creditCode: "credit_code",
    legalRep: "legal_rep",
    aboveSize: "above_size",
    annualOutputWan: "annual_output_wan",
    exportSharePct: "export_share_pct",
    contactPerson: "contact_person",
  };
  return map[field] ?? field;
}

/** The template offered for download: the header and one valid example row. */
export function importTemplateCsv(example: { creditCode: string; associationCode: string }): string {
  const row = [
    "示例鞋业有限公司",
    example.creditCode,
    "张三",
    "瑞安市云江路1号",
    "云江村",
    "soles",
    "否",
    "800",
    "35",
    "10",
    "李四",
    "13812345678",
    "",
    example.associationCode,
    "member",
  ];
  return "\uFEFF" + Papa.unparse({ fields: [...IMPORT_COLUMNS], data: [row] }) + "\r\n";
}
