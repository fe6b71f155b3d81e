/**
 * Deterministic Chinese demo data for Rui'an shoe enterprises: the same index always
 * gives the same value, so seeds, screenshots and tests are reproducible. No Math.random.
 *
 * Uniqueness comes from bijections, not from retry loops: an index is scrambled by an
 * affine permutation of the whole combination space and then read as a mixed-radix
 * number, so distinct indices below the space size always give distinct values.
 */

/** mulberry32: a small 32-bit seeded PRNG; good enough to vary demo data. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random stream per (index, purpose), so one field's draws never shift another's. */
function streamFor(index: number, salt: number): () => number {
  return mulberry32(Math.imul(index + 1, 0x9e3779b1) ^ salt);
}

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)];
}

function greatestCommonDivisor(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** Maps 0..size-1 onto itself, one to one, in a scrambled order. */
function scramble(index: number, size: number, salt: number): number {
  let multiplier = (salt % (size - 1)) + 1;
  while (greatestCommonDivisor(multiplier, size) !== 1) multiplier++;
  // BigInt: multiplier * index can exceed 2^53 for large spaces.
  return Number((BigInt(multiplier) * BigInt(index) + BigInt(salt)) % BigInt(size));
}

function assertIndex(name: string, index: number, size: number): void {
  if (!Number.isSafeInteger(index) || index < 0 || index >= size) {
    throw new RangeError(`${name}: index must be an integer in 0..${size - 1}, got ${index}`);
  }
}

// Characters common in Wenzhou firms' trade names (字号): auspicious, easy to read.
const TRADE_NAME_CHARACTERS = [
  "云",
  "江",
  "华",
  "泰",
  "鑫",
  "瑞",
  "达",
  "丰",
  "盛",
  "源",
  "宏",
  "兴",
  "隆",
  "恒",
  "宝",
  "金",
  "新",
  "富",
  "利",
  "顺",
  "安",
  "捷",
  "博",
  "嘉",
  "佳",
  "凯",
  "豪",
  "星",
  "龙",
  "飞",
  "腾",
  "远",
  "康",
  "力",
  "正",
  "明",
  "德",
  "锦",
  "诚",
  "汇",
  "海",
  "邦",
  "美",
  "欧",
  "奥",
  "展",
  "亿",
  "通",
] as const;

// What the district's makers and their suppliers (配套企业) call their trade.
const ENTERPRISE_TRADES = ["鞋业", "鞋材", "鞋底", "模具", "机械", "塑胶", "鞋面"] as const;

const TRADE_COUNT = TRADE_NAME_CHARACTERS.length;
// First and second characters differ, so "云云" never appears.
const ENTERPRISE_NAME_SPACE = TRADE_COUNT * (TRADE_COUNT - 1) * ENTERPRISE_TRADES.length;

export type EnterpriseTrade = (typeof ENTERPRISE_TRADES)[number];

/** The trade word in enterpriseName(i), so the demo's segment can agree with the name. */
export function enterpriseTrade(i: number): EnterpriseTrade {
  assertIndex("enterpriseTrade", i, ENTERPRISE_NAME_SPACE);
  return ENTERPRISE_TRADES[scramble(i, ENTERPRISE_NAME_SPACE, 7_919) % ENTERPRISE_TRADES.length];
}

/** 瑞安市 + two-character trade name + trade + 有限公司, e.g. 瑞安市云江鞋业有限公司. */
export function enterpriseName(i: number): string {
  assertIndex("enterpriseName", i, ENTERPRISE_NAME_SPACE);
  let n = scramble(i, ENTERPRISE_NAME_SPACE, 7_919);
  const trade = n % ENTERPRISE_TRADES.length;
  n = Math.floor(n / ENTERPRISE_TRADES.length);
  const first = n % TRADE_COUNT;
  const secondOffset = Math.floor(n / TRADE_COUNT); // 0..TRADE_COUNT-2
  const second = (first + 1 + secondOffset) % TRADE_COUNT;
  return `瑞安市${TRADE_NAME_CHARACTERS[first]}${TRADE_NAME_CHARACTERS[second]}${ENTERPRISE_TRADES[trade]}有限公司`;
}

// Surnames frequent in Rui'an and Wenzhou; 陈, 林 and 王 lead locally.
const SURNAMES = [
  "陈",
  "林",
  "王",
  "张",
  "李",
  "黄",
  "周",
  "吴",
  "郑",
  "潘",
  "金",
  "杨",
  "胡",
  "叶",
  "蔡",
  "朱",
  "孙",
  "徐",
  "谢",
  "戴",
  "余",
  "薛",
  "项",
  "池",
] as const;

const GIVEN_FIRST = [
  "建",
  "志",
  "海",
  "伟",
  "晓",
  "丽",
  "雪",
  "文",
  "成",
  "明",
  "春",
  "秀",
  "小",
  "国",
  "永",
  "德",
  "爱",
  "美",
  "亚",
  "乐",
  "宏",
  "瑞",
  "云",
  "静",
] as const;

// The empty entry yields one-character given names (陈洁), common in the region too.
const GIVEN_SECOND = [
  "",
  "平",
  "华",
  "军",
  "芳",
  "敏",
  "强",
  "勇",
  "燕",
  "杰",
  "飞",
  "玲",
  "东",
  "峰",
  "琴",
  "辉",
  "波",
  "红",
  "霞",
  "斌",
  "洁",
  "坚",
  "光",
  "娟",
] as const;

const PERSON_NAME_SPACE = SURNAMES.length * GIVEN_FIRST.length * GIVEN_SECOND.length;

/** A plausible Wenzhou personal name; distinct for distinct i (up to 13,824 names). */
export function personName(i: number): string {
  assertIndex("personName", i, PERSON_NAME_SPACE);
  let n = scramble(i, PERSON_NAME_SPACE, 104_729);
  const second = n % GIVEN_SECOND.length;
  n = Math.floor(n / GIVEN_SECOND.length);
  const first = n % GIVEN_FIRST.length;
  const surname = Math.floor(n / GIVEN_FIRST.length);
  return `${SURNAMES[surname]}${GIVEN_FIRST[first]}${GIVEN_SECOND[second]}`;
}

// Real mainland mobile number segments (China Mobile, Unicom, Telecom).
const MOBILE_PREFIXES = [
  "130",
  "131",
  "132",
  "133",
  "135",
  "136",
  "137",
  "138",
  "139",
  "150",
  "151",
  "152",
  "153",
  "155",
  "157",
  "158",
  "159",
  "166",
  "177",
  "180",
  "181",
  "182",
  "183",
  "186",
  "187",
  "188",
  "189",
  "198",
  "199",
] as const;

const SUBSCRIBER_SPACE = 100_000_000;

/**
 * An 11-digit mainland mobile number, 1[3-9]x xxxx xxxx. The eight subscriber digits are
 * a bijection of i, so numbers are distinct whatever prefix is drawn.
 */
export function phone(i: number): string {
  assertIndex("phone", i, SUBSCRIBER_SPACE);
  const prefix = pick(MOBILE_PREFIXES, streamFor(i, 0x70686f6e));
  const subscriber = scramble(i, SUBSCRIBER_SPACE, 27_182_817);
  return prefix + String(subscriber).padStart(8, "0");
}

/**
 * Villages and communities of 仙降街道. Names from the sub-district's published list of
 * administrative villages (仙降 and the former 江溪 township); 金山社区 hosts the micro-park
 * and 新安村 is named in the source articles.
 */
export const XIANJIANG_VILLAGES = [
  "仙降村",
  "横街村",
  "金光村",
  "塘头村",
  "新河村",
  "项岙村",
  "金山社区",
  "下社村",
  "新安村",
  "前林村",
  "坊额底村",
  "大坑村",
] as const;

export function village(i: number): string {
  return pick(XIANJIANG_VILLAGES, streamFor(i, 0x76696c6c));
}

const ADDRESS_STREETS = ["工业区", "工业园区", "兴业路", "创业路", "中心路", "新村路"] as const;

/** A full postal address in 仙降街道, e.g. 浙江省瑞安市仙降街道新安村工业区18号. */
export function address(i: number): string {
  const random = streamFor(i, 0x61646472);
  const number = 1 + Math.floor(random() * 198);
  return `浙江省瑞安市仙降街道${village(i)}${pick(ADDRESS_STREETS, random)}${number}号`;
}

export interface Chamber {
  /** Stable key for seeds and URLs. */
  slug: string;
  zh: string;
  en: string;
  /** Hosts a shared-court (共享法庭) station. */
  sharedCourt: boolean;
  /** Hosts a legal-service station (法律服务站). */
  legalStation: boolean;
}

type ChamberRow = [slug: string, zh: string, en: string, sharedCourt: boolean, legalStation: boolean];

// The 38 chambers and trade associations under 瑞安市工商联. The four shared-court hosts
// are the ones the source names; they also count among the 23 legal-service stations.
const CHAMBER_ROWS: readonly ChamberRow[] = [
  ["food", "瑞安市食品行业协会", "Rui'an Food Industry Association", true, true],
  ["auto-moto-parts", "瑞安市汽摩配行业协会", "Rui'an Auto and Motorcycle Parts Industry Association", true, true],
  ["machinery-electronics", "瑞安市机械电子行业协会", "Rui'an Machinery and Electronics Industry Association", true, true],
  ["xinchen", "瑞安市莘塍商会", "Rui'an Xinchen Chamber of Commerce", true, true],
  ["footwear", "瑞安市鞋业协会", "Rui'an Footwear Association", false, true],
  ["garment", "瑞安市服装协会", "Rui'an Garment Association", false, true],
  ["valve", "瑞安市阀门行业协会", "Rui'an Valve Industry Association", false, true],
  ["printing", "瑞安市印刷协会", "Rui'an Printing Association", false, true],
  ["pharma-machinery", "瑞安市制药机械行业协会", "Rui'an Pharmaceutical Machinery Industry Association", false, true],
  ["packaging-machinery", "瑞安市包装机械行业协会", "Rui'an Packaging Machinery Industry Association", false, true],
  ["eyewear", "瑞安市眼镜行业协会", "Rui'an Eyewear Industry Association", false, true],
  ["plastics", "瑞安市塑料行业协会", "Rui'an Plastics Industry Association", false, true],
  ["electric-motor", "瑞安市电机行业协会", "Rui'an Electric Motor Industry Association", false, true],
  ["construction", "瑞安市建筑业协会", "Rui'an Construction Industry Association", false, true],
  ["real-estate", "瑞安市房地产业协会", "Rui'an Real Estate Association", false, true],
  ["logistics", "瑞安市物流行业协会", "Rui'an Logistics Association", false, true],
  ["catering", "瑞安市餐饮行业协会", "Rui'an Catering Association", false, false],
  ["e-commerce", "瑞安市电子商务协会", "Rui'an E-commerce Association", false, false],
  ["young-entrepreneurs", "瑞安市青年企业家协会", "Rui'an Young Entrepreneurs Association", false, false],
  ["women-entrepreneurs", "瑞安市女企业家协会", "Rui'an Women Entrepreneurs Association", false, false],
  ["tangxia", "瑞安市塘下商会", "Rui'an Tangxia Chamber of Commerce", false, true],
  ["feiyun", "瑞安市飞云商会", "Rui'an Feiyun Chamber of Commerce", false, true],
  ["xianjiang", "瑞安市仙降商会", "Rui'an Xianjiang Chamber of Commerce", false, true],
  ["mayu", "瑞安市马屿商会", "Rui'an Mayu Chamber of Commerce", false, true],
  ["anyang", "瑞安市安阳商会", "Rui'an Anyang Chamber of Commerce", false, true],
  ["shangwang", "瑞安市上望商会", "Rui'an Shangwang Chamber of Commerce", false, true],
  ["tingtian", "瑞安市汀田商会", "Rui'an Tingtian Chamber of Commerce", false, true],
  ["taoshan", "瑞安市陶山商会", "Rui'an Taoshan Chamber of Commerce", false, false],
  ["huling", "瑞安市湖岭商会", "Rui'an Huling Chamber of Commerce", false, false],
  ["shanghai", "上海瑞安商会", "Shanghai Rui'an Chamber of Commerce", false, false],
  ["beijing", "北京瑞安商会", "Beijing Rui'an Chamber of Commerce", false, false],
  ["hangzhou", "杭州瑞安商会", "Hangzhou Rui'an Chamber of Commerce", false, false],
  ["nanjing", "南京瑞安商会", "Nanjing Rui'an Chamber of Commerce", false, false],
  ["guangzhou", "广州瑞安商会", "Guangzhou Rui'an Chamber of Commerce", false, false],
  ["shenzhen", "深圳瑞安商会", "Shenzhen Rui'an Chamber of Commerce", false, false],
  ["wuhan", "武汉瑞安商会", "Wuhan Rui'an Chamber of Commerce", false, false],
  ["chengdu", "成都瑞安商会", "Chengdu Rui'an Chamber of Commerce", false, false],
  ["xian", "西安瑞安商会", "Xi'an Rui'an Chamber of Commerce", false, false],
];

export const chamberNames: readonly Chamber[] = CHAMBER_ROWS.map(([slug, zh, en, sharedCourt, legalStation]) => ({ slug, zh, en, sharedCourt, legalStation }));
