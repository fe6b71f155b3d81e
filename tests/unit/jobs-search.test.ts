import { describe, expect, it } from "vitest";
import { MAX_QUERY_TOKENS, queryTokens, searchDocument, searchTokens, tsQueryText } from "../../app/modules/jobs/search";
import { cleanFileName, detectKind } from "../../app/lib/uploads.server";
import { RESUME_KINDS } from "../../app/modules/jobs/resumes";

describe("search terms as character bigrams", () => {
  it("stores unigrams and overlapping bigrams of Chinese text", () => {
    expect(searchTokens("针车工").sort()).toEqual(["工", "车", "车工", "针", "针车"].sort());
  });

  it("keeps latin words lower-cased and splits on punctuation", () => {
    const tokens = searchTokens("CNC 编程员（UG/PowerMill）");
    expect(tokens).toContain("cnc");
    expect(tokens).toContain("powermill");
    expect(tokens).toContain("编程");
    expect(tokens).not.toContain("员（");
  });

  it("turns 针车 into one bigram that the document of 针车工 contains", () => {
    const q = queryTokens("针车");
    expect(q).toEqual([{ token: "针车", prefix: false }]);
    expect(searchTokens("招聘针车工")).toContain("针车");
  });

  it("ANDs the bigrams of a longer term, so 针车工 does not match 电脑针车", () => {
    expect(queryTokens("针车工").map((t) => t.token)).toEqual(["针车", "车工"]);
    expect(tsQueryText("针车工")).toBe("'针车' & '车工'");
    expect(searchTokens("电脑针车")).not.toContain("车工");
  });

  it("searches a single character as itself and a latin word as a prefix", () => {
    expect(tsQueryText("鞋")).toBe("'鞋'");
    expect(tsQueryText("Power")).toBe("'power':*");
  });

  it("gives nothing for punctuation only, and leaves no quote or operator in the query", () => {
    expect(tsQueryText("  !!& | ' ")).toBeNull();
    expect(tsQueryText("a'b & c|d")).toBe("'a':* & 'b':* & 'c':* & 'd':*");
  });

  it("bounds the number of tokens of a long term", () => {
    expect(queryTokens("一二三四五六七八九十甲乙丙丁戊己庚辛").length).toBe(MAX_QUERY_TOKENS);
  });

  it("makes a document of space-separated tokens", () => {
    expect(searchDocument("质检员", null, "瑞安")).toBe(["质", "检", "员", "质检", "检员", "瑞", "安", "瑞安"].join(" "));
  });
});

describe("résumé files by their first bytes (the shared uploads check, with the résumé kinds)", () => {
  const bytes = (s: string | number[]) => (typeof s === "string" ? new TextEncoder().encode(s) : new Uint8Array(s));
  const resumeKind = (b: Uint8Array, name: string) => {
    const kind = detectKind(b, name);
    return kind && (RESUME_KINDS as readonly string[]).includes(kind) ? kind : null;
  };
  it("recognises pdf, docx and doc", () => {
    expect(resumeKind(bytes("%PDF-1.7\n..."), "cv.pdf")).toBe("pdf");
    expect(resumeKind(bytes([0x50, 0x4b, 0x03, 0x04, ...new TextEncoder().encode("....[Content_Types].xml word/document.xml")]), "cv.docx")).toBe("docx");
    expect(resumeKind(bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), "cv.doc")).toBe("doc");
  });
  it("refuses anything else, whatever its name", () => {
    expect(resumeKind(bytes("<html><script>alert(1)</script>"), "cv.pdf")).toBeNull();
    expect(resumeKind(bytes([0x50, 0x4b, 0x03, 0x04, 0x41, 0x42]), "cv.docx")).toBeNull();
    expect(resumeKind(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), "cv.png")).toBeNull();
    // The name must agree with the bytes now (it was rewritten to the checked extension before).
    expect(resumeKind(bytes("%PDF-1.7"), "简历.exe")).toBeNull();
  });
  it("cleans the download name", () => {
    expect(cleanFileName('../../etc/简历"x.pdf')).toBe("简历_x.pdf");
  });
});
