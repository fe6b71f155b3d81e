/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015.
 *
 * Layout of the 18 characters:
 *   1      registration authority (登记管理部门代码)
 *   2      category within that authority (机构类别代码)
 *   3-8    administrative division of the registrar (GB/T 2260, six digits)
 *   9-17   organisation code (主体标识码, GB 11714: eight body characters + its own check)
 *   18     check character over positions 1-17
 *
 * Pure and dependency-free so the same rule runs in forms, loaders, seeds and tests.
 */

/** The 31 characters the standard allows: digits and capitals without I, O, S, V, Z. */
export const CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

const CHECK_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/**
 * Allowed category characters per registration authority: the table of GB 32100-2015
 * plus the authorities and categories added by later amendments (e.g. 商事调解组织,
 * 村/居民委员会, 业主大会, 侨联). A pair outside this table cannot have been issued.
 */
const CATEGORIES_BY_AUTHORITY: Readonly<Record<string, string>> = {
  "1": "1239", // 机构编制: 机关, 事业单位, 编办管理的群众团体, 其他
  "2": "19", // 外交
  "3": "1234569", // 司法行政: 律所, 公证处, 基层法律服务所, 司法鉴定, 仲裁委, 商事调解, 其他
  "4": "19", // 文化
  "5": "123459", // 民政: 社会团体, 民办非企业单位, 基金会, 村委会, 居委会, 其他
  "6": "129", // 旅游
  "7": "129", // 宗教
  "8": "129", // 工会
  "9": "1239", // 市场监管 (工商): 企业, 个体工商户, 农民专业合作社, 其他
  A: "19", // 中央军委改革和编制办公室
  G: "19", // 公安: 境外非政府组织代表机构
  J: "19", // 住房城乡建设: 业主大会
  N: "1239", // 农业农村: 组级/村级/乡镇级集体经济组织, 其他
  Q: "1239", // 侨联
  Y: "1", // 其他
};

const CODE_PATTERN = /^[0-9A-HJ-NP-RTUWXY]{2}[0-9]{6}[0-9A-HJ-NP-RTUWXY]{10}$/;

/**
 * Canonical form for storage and comparison. Users paste codes from licences and PDFs,
 * so besides trimming and upper-casing we fold full-width characters (NFKC) and drop
 * every whitespace character, including the ideographic space U+3000.
 */
export function normaliseCreditCode(input: string): string {
  return input.normalize("NFKC").replace(/\s+/g, "").toUpperCase();
}

/**
 * The check character (position 18) for the first 17 characters.
 * Returns null when the input is not 17 characters of the allowed alphabet.
 */
export function creditCodeCheckCharacter(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_ALPHABET.indexOf(first17[i]);
    if (value < 0) return null;
    sum += value * CHECK_WEIGHTS[i];
  }
  // 31 - (sum mod 31) is in 1..31; 31 wraps to 0.
  return CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31];
}

const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/**
 * GB 11714 check character of the organisation code (position 17) over its eight body
 * characters (positions 9-16). Letters count 10..35 as in the organisation-code
 * standard. Exported for the demo generator and its tests; `isValidCreditCode` does not
 * enforce it, because some codes issued in the early pilot regions do not satisfy it.
 */
export function organisationCodeCheckCharacter(body8: string): string | null {
  if (!/^[0-9A-Z]{8}$/.test(body8)) return null;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += parseInt(body8[i], 36) * ORG_CODE_WEIGHTS[i];
  const check = 11 - (sum % 11);
  return check === 10 ? "X" : check === 11 ? "0" : String(check);
}

/**
 * True when `code` is a well-formed unified social credit code in canonical form
 * (call `normaliseCreditCode` first on user input: lower case is rejected here so that
 * nothing non-canonical is ever stored).
 *
 * The division (positions 3-8) is only checked to be six digits: a code keeps the
 * division current when it was issued, and divisions are renamed and merged since.
 */
export function isValidCreditCode(code: string): boolean {
  if (!CODE_PATTERN.test(code)) return false;
  const categories = CATEGORIES_BY_AUTHORITY[code[0]];
  if (categories === undefined || !categories.includes(code[1])) return false;
  return creditCodeCheckCharacter(code.slice(0, 17)) === code[17];
}

/** 瑞安市 in GB/T 2260: the default registrar for demo enterprises. */
export const RUIAN_DIVISION = "330381";

const ORG_BODY_LENGTH = 6;
const ORG_BODY_SPACE = 31n ** BigInt(ORG_BODY_LENGTH);
// Multiplier coprime with 31^6, so seed -> body is a bijection that does not look sequential.
const ORG_BODY_MULTIPLIER = 387_420_489n;
const ORG_BODY_OFFSET = 123_456_789n;

/**
 * Deterministic, valid enterprise code (authority 9 市场监管, category 1 企业) for demo
 * data. The organisation code follows the post-2015 "MA" style (MA + six characters +
 * GB 11714 check), e.g. 91330381MA29795C1P. Distinct seeds below 31^6 (≈ 8.9e8) give
 * distinct codes for the same division.
 */
export function generateCreditCode(seed: number, opts: { division?: string } = {}): string {
  const division = opts.division ?? RUIAN_DIVISION;
  if (!/^[0-9]{6}$/.test(division)) {
    throw new RangeError(`division must be six digits, got "${division}"`);
  }
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new RangeError(`seed must be a non-negative safe integer, got ${seed}`);
  }

  let n = (BigInt(seed) * ORG_BODY_MULTIPLIER + ORG_BODY_OFFSET) % ORG_BODY_SPACE;
  let body = "";
  for (let i = 0; i < ORG_BODY_LENGTH; i++) {
    body = CREDIT_CODE_ALPHABET[Number(n % 31n)] + body;
    n /= 31n;
  }
  const orgBody = `MA${body}`;
  // Inputs are drawn from the alphabet, so neither check can be null.
  const organisationCode = orgBody + organisationCodeCheckCharacter(orgBody)!;
  const first17 = `91${division}${organisationCode}`;
  return first17 + creditCodeCheckCharacter(first17)!;
}
