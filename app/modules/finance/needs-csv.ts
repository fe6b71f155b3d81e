/**
 * Survey needs from CSV: parsing and row validation, pure so the rules are unit-tested. All or
 * nothing like the members import: the server writes only when no row is bad, and every bad row
 * is reported by its line number (the header is line 1), column and reason.
 */
import Papa from "papaparse";
import type { ImportProblem } from "../../lib/import-problem";
import { normaliseCreditCode } from "../members/credit-code";
import { collateralKinds, needPurposes, type CollateralKind, type NeedPurpose } from "./constants";
import { needSchema, type NeedInput } from "./forms";

export const NEED_IMPORT_COLUMNS = ["credit_code", "amount_wan", "purpose", "term_months", "max_rate_pct", "collateral", "needed_by", "description"] as const;
export const NEED_REQUIRED_COLUMNS = ["credit_code", "amount_wan", "purpose", "term_months", "max_rate_pct", "needed_by"] as const;
export const MAX_NEED_ROWS = 5000;

/** Words people type in the survey spreadsheet. */
const PURPOSE_WORDS: Record<string, NeedPurpose> = {
  流动资金: "working_capital",
  设备: "equipment",
  设备更新: "equipment",
  续贷: "renewal",
  扩产: "expansion",
  扩建: "expansion",
  原材料: "raw_materials",
  备料: "raw_materials",
  外贸订单: "export_orders",
  出口: "export_orders",
  其他: "other",
};
const COLLATERAL_WORDS: Record<string, CollateralKind> = {
  房产: "property",
  设备: "equipment",
  应收账款: "receivables",
  担保人: "guarantor",
  保证: "guarantor",
  存单: "deposit",
  保证金: "deposit",
  土地: "land",
};

export type NeedImportRow = Omit<NeedInput, "foundedYear"> & { line: number };

const columnOf: Record<string, string> = {
  enterpriseId: "credit_code",
  amountWan: "amount_wan",
  termMonths: "term_months",
  maxRatePct: "max_rate_pct",
  neededBy: "needed_by",
};

export function parseNeedsCsv(text: string): { header: string[]; records: Record<string, string>[] } {
  const result = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ""), {
    header: true,
    skipEmptyLines: "greedy",
    transformHeader: (h) => h.trim().toLowerCase(),
  });
  return { header: result.meta.fields ?? [], records: result.data };
}

/** `enterpriseByCode`: the credit codes that exist, with their enterprise ids. */
export function validateNeedRows(
  records: Record<string, string>[],
  header: string[],
  enterpriseByCode: ReadonlyMap<string, number>,
): { rows: NeedImportRow[]; problems: ImportProblem[] } {
  const missing = NEED_REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length) return { rows: [], problems: missing.map((c) => ({ line: 1, column: c, message: "finance:import.missingColumn" })) };
  if (records.length === 0) return { rows: [], problems: [{ line: 1, column: null, message: "finance:import.empty" }] };
  if (records.length > MAX_NEED_ROWS)
    return { rows: [], problems: [{ line: 1, column: null, message: `finance:import.tooMany|${JSON.stringify({ max: MAX_NEED_ROWS })}` }] };
  const rows: NeedImportRow[] = [];
  const problems: ImportProblem[] = [];
  records.forEach((record, index) => {
    const line = index + 2;
    const get = (c: string) => (record[c] ?? "").trim();
    const rowProblems: ImportProblem[] = [];
    const code = normaliseCreditCode(get("credit_code"));
    const enterpriseId = enterpriseByCode.get(code);
    if (!code) rowProblems.push({ line, column: "credit_code", message: "forms.required" });
    else if (enterpriseId === undefined) rowProblems.push({ line, column: "credit_code", message: "finance:import.unknownEnterprise" });
    const purposeRaw = get("purpose");
    const collateralRaw = get("collateral")
      .split(/[;；,，、\s]+/)
      .filter(Boolean)
      .map((w) => COLLATERAL_WORDS[w] ?? w);
    const unknownCollateral = collateralRaw.filter((c) => !(collateralKinds as readonly string[]).includes(c));
    if (unknownCollateral.length) rowProblems.push({ line, column: "collateral", message: "finance:import.badCollateral" });
    const parsed = needSchema.safeParse({
      enterpriseId: enterpriseId ?? 1,
      amountWan: get("amount_wan"),
      purpose: PURPOSE_WORDS[purposeRaw] ?? purposeRaw,
      termMonths: get("term_months"),
      maxRatePct: get("max_rate_pct").replace(/%$/, ""),
      collateral: unknownCollateral.length ? [] : collateralRaw,
      neededBy: get("needed_by"),
      description: get("description"),
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? "");
        rowProblems.push({
          line,
          column: columnOf[field] ?? (field === "purpose" ? "purpose" : field || null),
          message: field === "purpose" ? "finance:import.badPurpose" : issue.message,
        });
      }
    }
    if (rowProblems.length) problems.push(...rowProblems);
    else if (parsed.success && enterpriseId !== undefined) {
      const { foundedYear: _f, ...need } = parsed.data;
      rows.push({ ...need, enterpriseId, line });
    }
  });
  return { rows: problems.length ? [] : rows, problems };
}

export function needsTemplateCsv(exampleCreditCode: string): string {
  const row = [exampleCreditCode, "300", "流动资金", "12", "4.8", "房产;设备", "2027-03-31", "旺季备料"];
  return "\uFEFF" + Papa.unparse({ fields: [...NEED_IMPORT_COLUMNS], data: [row] }) + "\r\n";
}

export { needPurposes };
