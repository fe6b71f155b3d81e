import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatMoney, shanghaiToday } from "../../app/lib/format";

describe("formatting", () => {
  it("shows money in 元, 万元 and 亿元 for Chinese readers, in CNY for English ones", () => {
    expect(formatMoney(123_456, "zh-CN")).toBe("1,234.56 元");
    expect(formatMoney(12_500_000, "zh-CN")).toBe("12.5 万元");
    expect(formatMoney(80_000_000_000, "zh-CN")).toBe("8 亿元");
    expect(formatMoney(12_500_000, "en")).toBe("CN¥125,000");
    expect(formatMoney(null, "en")).toBe("—");
  });
  it("shows instants in Asia/Shanghai and calendar dates as they are", () => {
    expect(formatDate("2026-06-09T16:30:00Z", "zh-CN")).toBe("2026/06/10");
    expect(formatDateTime("2026-06-09T16:30:00Z", "en")).toBe("10/06/2026, 00:30");
    expect(formatDate("2026-02-28", "en")).toBe("2026-02-28");
    expect(shanghaiToday(new Date("2026-11-25T16:01:00Z"))).toBe("2026-11-26");
  });
});
