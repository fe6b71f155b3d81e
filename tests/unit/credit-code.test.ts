import { describe, expect, it } from "vitest";
import {
  CREDIT_CODE_ALPHABET,
  creditCodeCheckCharacter,
  generateCreditCode,
  isValidCreditCode,
  normaliseCreditCode,
  organisationCodeCheckCharacter,
} from "../../app/modules/members/credit-code";

// Published codes of real enterprises (public registration records).
const REAL_CODES = {
  瑞安市台鑫汽车部件有限公司: "91330381145631815C",
  瑞安市邦云五金厂: "91330381MA29795C1P",
  华为技术有限公司: "914403001922038216",
  "阿里巴巴（中国）有限公司": "91330100799655058B",
  小米科技有限责任公司: "91110108551385082Q",
  深圳市腾讯计算机系统有限公司: "91440300708461136T",
};

/** Same 17 characters, any other check character. */
function withWrongCheck(code: string): string {
  const right = code[17];
  const wrong = CREDIT_CODE_ALPHABET[(CREDIT_CODE_ALPHABET.indexOf(right) + 1) % 31];
  return code.slice(0, 17) + wrong;
}

describe("normaliseCreditCode", () => {
  it("trims, upper-cases and removes spaces", () => {
    expect(normaliseCreditCode("  9133 0381 ma29 795c 1p ")).toBe("91330381MA29795C1P");
  });

  it("folds full-width characters and ideographic spaces pasted from Chinese documents", () => {
    expect(normaliseCreditCode("９１３３０３８１ＭＡ２９７９５Ｃ１Ｐ")).toBe("91330381MA29795C1P");
    expect(normaliseCreditCode("\u30009133038114563\u30001815c\t")).toBe("91330381145631815C");
  });
});

describe("creditCodeCheckCharacter", () => {
  it.each(Object.entries(REAL_CODES))("computes the published check character of %s", (_, code) => {
    expect(creditCodeCheckCharacter(code.slice(0, 17))).toBe(code[17]);
  });

  it("maps a remainder of 0 to check character 0, not 31", () => {
    // All zeros sum to 0: 31 - 0 = 31, which wraps to 0.
    expect(creditCodeCheckCharacter("0".repeat(17))).toBe("0");
  });

  it.each(["I", "O", "Z", "S", "V", "a", "-"])("returns null for the character %s", (bad) => {
    expect(creditCodeCheckCharacter(`9133038114563181${bad}`)).toBeNull();
  });

  it("returns null unless given exactly 17 characters", () => {
    expect(creditCodeCheckCharacter("9133038114563181")).toBeNull();
    expect(creditCodeCheckCharacter("91330381145631815C")).toBeNull();
  });
});

describe("isValidCreditCode", () => {
  it.each(Object.entries(REAL_CODES))("accepts the real code of %s", (_, code) => {
    expect(isValidCreditCode(code)).toBe(true);
  });

  it.each(Object.values(REAL_CODES))("rejects %s with a wrong check character", (code) => {
    expect(isValidCreditCode(withWrongCheck(code))).toBe(false);
  });

  it("rejects an early pilot-region code that fails the national check", () => {
    expect(isValidCreditCode("91350211M00013FA1N")).toBe(false);
  });

  it("rejects wrong lengths", () => {
    expect(isValidCreditCode("")).toBe(false);
    expect(isValidCreditCode("91330381145631815")).toBe(false);
    expect(isValidCreditCode("91330381145631815CC")).toBe(false);
  });

  it.each(["I", "O", "Z", "S", "V"])("rejects the forbidden letter %s", (letter) => {
    const code = `91330381MA29795${letter}1`;
    expect(isValidCreditCode(code + "P")).toBe(false);
    // Not even with a check character computed as if the letter were allowed.
    for (const check of CREDIT_CODE_ALPHABET) expect(isValidCreditCode(code + check)).toBe(false);
  });

  it("rejects lower case until normalised", () => {
    expect(isValidCreditCode("91330381ma29795c1p")).toBe(false);
    expect(isValidCreditCode(normaliseCreditCode(" 91330381ma29795c1p "))).toBe(true);
  });

  it("rejects non-digits in the division code even with a matching check character", () => {
    const first17 = "9133038AMA29795C1";
    expect(isValidCreditCode(first17 + creditCodeCheckCharacter(first17))).toBe(false);
  });

  it.each([
    ["0", "1"], // no authority 0
    ["9", "4"], // 市场监管 has no category 4
    ["5", "8"], // 民政 has no category 8
    ["Y", "2"], // 其他 has only category 1
    ["B", "1"], // no authority B
  ])("rejects authority %s with category %s even with a matching check character", (authority, category) => {
    const first17 = `${authority}${category}330381MA29795C1`;
    expect(isValidCreditCode(first17 + creditCodeCheckCharacter(first17))).toBe(false);
  });

  it.each([
    ["1", "1"], // 机关
    ["1", "2"], // 事业单位
    ["5", "1"], // 社会团体 (e.g. an industry association)
    ["5", "2"], // 民办非企业单位
    ["9", "2"], // 个体工商户
    ["9", "3"], // 农民专业合作社
    ["N", "2"], // 村级集体经济组织
    ["Y", "1"],
  ])("accepts authority %s with category %s", (authority, category) => {
    const first17 = `${authority}${category}330381MA29795C1`;
    expect(isValidCreditCode(first17 + creditCodeCheckCharacter(first17))).toBe(true);
  });
});

describe("organisationCodeCheckCharacter", () => {
  it.each(Object.entries(REAL_CODES))("matches the organisation code inside the code of %s", (_, code) => {
    expect(organisationCodeCheckCharacter(code.slice(8, 16))).toBe(code[16]);
  });

  it("returns null for malformed bodies", () => {
    expect(organisationCodeCheckCharacter("1456318")).toBeNull();
    expect(organisationCodeCheckCharacter("ma29795c")).toBeNull();
  });
});

describe("generateCreditCode", () => {
  it("is deterministic", () => {
    expect(generateCreditCode(42)).toBe(generateCreditCode(42));
  });

  it("makes enterprise codes registered in 瑞安市 by default", () => {
    const code = generateCreditCode(7);
    expect(code).toMatch(/^91330381MA/);
    expect(isValidCreditCode(code)).toBe(true);
    expect(organisationCodeCheckCharacter(code.slice(8, 16))).toBe(code[16]);
  });

  it("uses the given division", () => {
    const code = generateCreditCode(7, { division: "330304" });
    expect(code.slice(0, 8)).toBe("91330304");
    expect(isValidCreditCode(code)).toBe(true);
  });

  it("produces 2000 distinct valid codes", () => {
    const codes = Array.from({ length: 2000 }, (_, seed) => generateCreditCode(seed));
    expect(new Set(codes).size).toBe(2000);
    for (const code of codes) expect(isValidCreditCode(code)).toBe(true);
  });

  it("stays distinct and valid for every seed in 0..100000", () => {
    const codes = new Set<string>();
    for (let seed = 0; seed <= 100_000; seed++) {
      const code = generateCreditCode(seed);
      if (!isValidCreditCode(code)) throw new Error(`seed ${seed} gave invalid ${code}`);
      codes.add(code);
    }
    expect(codes.size).toBe(100_001);
  });

  it("rejects bad seeds and divisions", () => {
    expect(() => generateCreditCode(-1)).toThrow(RangeError);
    expect(() => generateCreditCode(1.5)).toThrow(RangeError);
    expect(() => generateCreditCode(1, { division: "3303" })).toThrow(RangeError);
  });
});
