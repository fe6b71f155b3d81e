import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { csvDocument } from "../../app/lib/csv";

describe("csvDocument", () => {
  it("starts with a BOM, quotes what needs quoting and reads back", () => {
    const text = csvDocument(
      ["编号", "名称"],
      [
        [1, "瑞安市云江鞋业有限公司"],
        [2, 'a "quoted", name'],
      ],
    );
    expect(text.startsWith("\uFEFF编号,名称\r\n")).toBe(true);
    expect(Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data).toEqual([
      ["编号", "名称"],
      ["1", "瑞安市云江鞋业有限公司"],
      ["2", 'a "quoted", name'],
    ]);
  });

  it("never lets a typed value run as a spreadsheet formula", () => {
    const typed = ['=HYPERLINK("http://evil.example","点我")', "+1+1", "-2+3", "@SUM(A1)", "\tx"];
    const [, ...rows] = Papa.parse<string[]>(
      csvDocument(
        ["title"],
        typed.map((v) => [v]),
      ).slice(1),
      { skipEmptyLines: true },
    ).data;
    expect(rows.map((r) => r[0])).toEqual(typed.map((v) => `'${v}`));
  });
});
