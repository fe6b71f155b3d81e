import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Chinese text addresses the reader as 您 (never 你) and uses full-width punctuation between
// Chinese characters (，。：？！ not , . : ? !).
const dir = path.resolve(import.meta.dirname, "../../app/locales/zh-CN");

function strings(value: unknown, at: string, out: [string, string][] = []): [string, string][] {
  if (typeof value === "string") out.push([at, value]);
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) strings(v, at ? `${at}.${k}` : k, out);
  return out;
}

const all = readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .flatMap((f) => strings(JSON.parse(readFileSync(path.join(dir, f), "utf8")), f.replace(/\.json$/, "")));

const CJK = "\\u3400-\\u9fff\\uff00-\\uffef\\u3000-\\u303f";
// An ASCII mark with a Chinese character on one side and a Chinese character or the end on the other
// ("企业,请" or "完成." at the end of a Chinese sentence); "1.5", "10:00", "（.docx）" and URLs are left alone.
const asciiMark = new RegExp(`[${CJK}](?:[,:?!;()]|\\.(?![A-Za-z0-9]))|[,:?!;()][${CJK}]|[${CJK}]\\s+[,.:?!;](?![A-Za-z0-9])`);

export function problems(text: string): string[] {
  const found: string[] = [];
  if (text.includes("你")) found.push("你");
  const m = text.replace(/\{\{[^}]*\}\}/g, "").match(asciiMark);
  if (m) found.push(m[0]);
  return found;
}

describe("zh-CN words", () => {
  it("finds what it looks for", () => {
    expect(problems("你的申请已提交")).toEqual(["你"]);
    expect(problems("已提交,请等待")).toEqual(["交,"]);
    expect(problems("请先登录.")).toEqual(["录."]);
    expect(problems("时间:上午")).toEqual(["间:"]);
    expect(problems("是否确认?")).toEqual(["认?"]);
    expect(problems("金额(元)")).toEqual(["额("]);
    expect(problems("您的申请已提交，请等待审核。")).toEqual([]);
    expect(problems("利率 3.5%，时间 10:00，见 https://example.com")).toEqual([]);
    expect(problems("{{count}} 家企业")).toEqual([]);
    expect(problems("Word（.doc/.docx）")).toEqual([]);
  });

  it("every zh-CN string says 您 and uses Chinese punctuation", () => {
    expect(all.length).toBeGreaterThan(500);
    const bad = all.flatMap(([key, text]) => problems(text).map((p) => `${key}: ${p} — ${text}`));
    expect(bad).toEqual([]);
  });
});
