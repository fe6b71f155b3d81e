import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { translator } from "../../app/lib/i18n";
import { applicationsCsv, type ApplicationCsvRow } from "../../app/modules/jobs/applications-csv";

const row: ApplicationCsvRow = {
  id: 7,
  status: "intent",
  message: "@SUM(A1) 下周到岗",
  declineReason: null,
  createdAt: new Date("2026-06-09T16:30:00Z"), // 10 June 00:30 in Shanghai
  updatedAt: new Date("2026-06-10T02:00:00Z"),
  postingId: 3,
  title: "针车工",
  enterpriseName: "瑞安市星泰鞋底有限公司",
  seekerName: "王同学",
  phone: "13900000001",
  email: "seeker@demo.test",
  school: null,
  major: null,
  education: null,
  graduationYear: null,
};

describe("applications CSV", () => {
  it("is UTF-8 with a BOM, in the reader's language, with Shanghai times and escaped formulas", () => {
    const csv = applicationsCsv([row], translator("en"), "en");
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const [header, line] = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;
    expect(header[0]).toBe("Application no.");
    expect(header).toHaveLength(line.length);
    expect(line.slice(0, 4)).toEqual(["7", "针车工", "瑞安市星泰鞋底有限公司", "王同学"]);
    expect(line[10]).toBe("Intent reached");
    expect(line[12]).toMatch(/2026.*10|10.*2026/);
    expect(line[12]).toContain("00:30");
    expect(line[14]).toBe("'@SUM(A1) 下周到岗");
    const empty = applicationsCsv([], translator("zh-CN"), "zh-CN");
    expect(empty.startsWith("\uFEFF申请编号,岗位,")).toBe(true);
    expect(Papa.parse(empty.slice(1), { skipEmptyLines: true }).data).toHaveLength(1);
  });
});
