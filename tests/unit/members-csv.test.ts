import { describe, expect, it } from "vitest";
import { generateCreditCode } from "../../app/modules/members/credit-code";
import { IMPORT_COLUMNS, importTemplateCsv, parseImportCsv, validateImportRows, validateImportRowsInTurns } from "../../app/modules/members/csv-import";

const header = IMPORT_COLUMNS.join(",");
function line(over: Partial<Record<(typeof IMPORT_COLUMNS)[number], string>> = {}, seed = 1) {
  const row: Record<string, string> = {
    name: "瑞安市测试鞋业有限公司",
    credit_code: generateCreditCode(seed),
    legal_rep: "张三",
    address: "瑞安市云江路1号",
    village: "云江村",
    segment: "soles",
    above_size: "否",
    annual_output_wan: "800",
    employees: "35",
    export_share_pct: "10",
    contact_person: "李四",
    phone: "13812345678",
    email: "",
    association_code: "yunjiang",
    membership_type: "member",
    ...over,
  };
  return IMPORT_COLUMNS.map((c) => row[c]).join(",");
}
const assoc = new Set(["yunjiang", "federation"]);

function validate(text: string, existing: string[] = []) {
  const { header: h, records } = parseImportCsv(text);
  return validateImportRows(records, h, assoc, new Set(existing));
}

describe("CSV import row validation", () => {
  it("accepts good rows, with Chinese segment words, yes/no and a BOM", () => {
    const r = validate(`\uFEFF${header}\n${line({}, 1)}\n${line({ segment: "成品鞋", above_size: "是", membership_type: "理事" }, 2)}\n`);
    expect(r.problems).toEqual([]);
    expect(r.rows).toHaveLength(2);
    expect(r.rows[1]).toMatchObject({ segment: "finished_shoes", aboveSize: true, membershipType: "council_member", line: 3, annualOutputWan: 800_000_000 });
  });
  it("reports every bad row by line and reason, and returns no rows", () => {
    const bad = generateCreditCode(3).slice(0, 17) + (generateCreditCode(3).endsWith("0") ? "1" : "0");
    const text = [
      header,
      line({}, 1),
      line({ credit_code: bad }, 3),
      line({ name: "" }, 4),
      line({ segment: "shoes" }, 5),
      line({}, 1),
      line({ association_code: "nowhere" }, 6),
      line({ phone: "123" }, 7),
    ].join("\n");
    const r = validate(text);
    expect(r.rows).toEqual([]);
    const byLine = r.problems.map((p) => [p.line, p.column, p.message.split("|")[0]]);
    expect(byLine).toEqual([
      [3, "credit_code", "members:errors.creditCode"],
      [4, "name", "forms.required"],
      [5, "segment", "members:errors.segment"],
      [6, "credit_code", "members:import.duplicateInFile"],
      [7, "association_code", "members:import.unknownAssociation"],
      [8, "phone", "forms.phone"],
    ]);
    expect(r.problems[3].message).toContain('"line":2');
  });
  it("refuses a credit code already in the database", () => {
    const r = validate(`${header}\n${line({}, 9)}`, [generateCreditCode(9)]);
    expect(r.problems).toEqual([{ line: 2, column: "credit_code", message: "members:import.duplicateInDb" }]);
  });
  it("names missing required columns and refuses an empty file", () => {
    expect(validate("name,credit_code\n").problems.map((p) => p.column)).toContain("legal_rep");
    expect(validate(`${header}\n`).problems).toEqual([{ line: 1, column: null, message: "members:import.empty" }]);
  });
  it("offers a template whose example row is valid", () => {
    const r = validate(importTemplateCsv({ creditCode: generateCreditCode(77), associationCode: "yunjiang" }));
    expect(r.problems).toEqual([]);
    expect(r.rows).toHaveLength(1);
  });

  it("checks the same in turns as at once, a duplicate hundreds of rows apart and a bad last row included", async () => {
    const lines = Array.from({ length: 450 }, (_, i) => line({ name: `瑞安市测试${i}鞋业有限公司` }, 1000 + i));
    lines[420] = line({}, 1000 + 3); // line 422 repeats line 5
    lines[449] = line({ phone: "12" }, 5000); // line 451
    const { header: h, records } = parseImportCsv([header, ...lines].join("\n"));
    const inTurns = await validateImportRowsInTurns(records, h, assoc, new Set([generateCreditCode(1000 + 300)]));
    expect(inTurns).toEqual(validateImportRows(records, h, assoc, new Set([generateCreditCode(1000 + 300)])));
    expect(inTurns.rows).toEqual([]);
    expect(inTurns.problems.map((p) => [p.line, p.column])).toEqual([
      [302, "credit_code"],
      [422, "credit_code"],
      [451, "phone"],
    ]);
    const good = await validateImportRowsInTurns(records.slice(0, 300), h, assoc, new Set());
    expect(good.problems).toEqual([]);
    expect(good.rows.map((r) => r.line)).toEqual(Array.from({ length: 300 }, (_, i) => i + 2));
  });
});

describe("CSV import column names", () => {
  it("accepts the Chinese column names as well as the English ones, with either kind of brackets", async () => {
    const { CHINESE_COLUMN_NAMES } = await import("../../app/modules/members/csv-columns");
    const chinese = IMPORT_COLUMNS.map((c) => CHINESE_COLUMN_NAMES[c])
      .join(",")
      .replace("（%）", "(%)");
    const viaChinese = validate(`\uFEFF${chinese}\n${line({}, 1)}\n${line({ segment: "成品鞋", above_size: "是" }, 2)}\n`);
    const viaEnglish = validate(`${header}\n${line({}, 1)}\n${line({ segment: "成品鞋", above_size: "是" }, 2)}\n`);
    expect(viaChinese.problems).toEqual([]);
    expect(viaChinese.rows).toEqual(viaEnglish.rows);
    // Every column has exactly one Chinese name, and no two columns share one.
    expect(Object.keys(CHINESE_COLUMN_NAMES).sort()).toEqual([...IMPORT_COLUMNS].sort());
    expect(new Set(Object.values(CHINESE_COLUMN_NAMES)).size).toBe(IMPORT_COLUMNS.length);
  });

  it("still names a missing required column by its English id", () => {
    const r = validate(`企业名称,统一社会信用代码\n瑞安市测试鞋业有限公司,${generateCreditCode(3)}\n`);
    expect(r.rows).toEqual([]);
    expect(r.problems[0]).toMatchObject({ line: 1 });
  });
});
