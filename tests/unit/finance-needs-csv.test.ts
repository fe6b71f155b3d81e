import { describe, expect, it } from "vitest";
import { generateCreditCode } from "../../app/modules/members/credit-code";
import { NEED_IMPORT_COLUMNS, needsTemplateCsv, parseNeedsCsv, validateNeedRows } from "../../app/modules/finance/needs-csv";

const known = generateCreditCode(1);
const other = generateCreditCode(2);
const codes = new Map([
  [known, 11],
  [other, 12],
]);
const head = NEED_IMPORT_COLUMNS.join(",");
const run = (text: string) => {
  const { header, records } = parseNeedsCsv(text);
  return validateNeedRows(records, header, codes);
};

describe("survey needs CSV", () => {
  it("reads the template and Chinese words for purpose and collateral", () => {
    const r = run(needsTemplateCsv(known));
    expect(r.problems).toEqual([]);
    expect(r.rows).toEqual([
      {
        enterpriseId: 11,
        amountWan: 300_000_000,
        purpose: "working_capital",
        termMonths: 12,
        maxRatePct: 480,
        collateral: ["property", "equipment"],
        neededBy: "2027-03-31",
        description: "旺季备料",
        line: 2,
      },
    ]);
  });
  it("reports every bad row by line, column and reason, and keeps none (all or nothing)", () => {
    const text = [
      head,
      `${known},300,流动资金,12,4.8,,2027-03-31,好`,
      `91330381XXXXXXXXXX,300,流动资金,12,4.8,,2027-03-31,未知企业`,
      `${other},-5,飞行,12,4.8,金条,2027-02-30,坏行`,
    ].join("\n");
    const r = run(text);
    expect(r.rows).toEqual([]);
    expect(r.problems).toContainEqual({ line: 3, column: "credit_code", message: "finance:import.unknownEnterprise" });
    expect(r.problems).toContainEqual(expect.objectContaining({ line: 4, column: "amount_wan" }));
    expect(r.problems).toContainEqual({ line: 4, column: "purpose", message: "finance:import.badPurpose" });
    expect(r.problems).toContainEqual({ line: 4, column: "collateral", message: "finance:import.badCollateral" });
    expect(r.problems).toContainEqual({ line: 4, column: "needed_by", message: "forms.date" });
    expect(r.problems.some((p) => p.line === 2)).toBe(false);
  });
  it("names missing columns and an empty file", () => {
    expect(run("credit_code,amount_wan\n").problems.map((p) => p.column)).toEqual(["purpose", "term_months", "max_rate_pct", "needed_by"]);
    expect(run(`${head}\n`).problems).toEqual([{ line: 1, column: null, message: "finance:import.empty" }]);
  });
});
