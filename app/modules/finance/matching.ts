/**
 * Explainable matching of financing needs and credit products: a pure function (no database, no
 * clock: `today` is given), unit-tested rule by rule in tests/unit/finance-matching.test.ts.
 *
 * Hard rules exclude a product and are named in the result; soft criteria add points (0-100);
 * every product comes back with its reasons, each an i18n key under finance:rules plus params,
 * so the page says "amount within range" or "requires an above-size enterprise: not met".
 */
import type { Segment } from "../members/constants";
import type { CollateralKind, NeedPurpose, ProductStatus, ProductType } from "./constants";

export type ProductFacts = {
  id: number;
  bankId: number;
  type: ProductType;
  status: ProductStatus;
  minAmountFen: number;
  maxAmountFen: number;
  minRateBp: number;
  maxRateBp: number;
  minTermMonths: number;
  maxTermMonths: number;
  minYearsInBusiness: number | null;
  aboveSizeOnly: boolean;
  minAnnualOutputFen: number | null;
  segments: readonly Segment[];
  membersOnly: boolean;
  collateralRequired: boolean;
  acceptedCollateral: readonly CollateralKind[];
  validFrom: string;
  validTo: string | null;
};

export type NeedFacts = {
  amountFen: number;
  termMonths: number;
  maxRateBp: number;
  collateral: readonly CollateralKind[];
  purpose: NeedPurpose;
};

export type EnterpriseFacts = {
  foundedYear: number | null;
  aboveSize: boolean;
  /** Null when the enterprise did not give it. */
  annualOutputFen: number | null;
  segment: Segment;
  /** An active membership of any association. */
  isMember: boolean;
};

export type MatchContext = {
  /** Shanghai calendar day, YYYY-MM-DD. */
  today: string;
  /** Banks that granted a credit line with room left to an association the enterprise is an active member of. */
  creditLineBankIds: ReadonlySet<number>;
};

export const hardRules = [
  "validity",
  "amount",
  "term",
  "rate",
  "yearsInBusiness",
  "aboveSize",
  "annualOutput",
  "segment",
  "membersOnly",
  "collateral",
] as const;
export type HardRule = (typeof hardRules)[number];
export const softCriteria = ["rateHeadroom", "collateralFree", "purposeFit", "creditLine", "amountHeadroom"] as const;
export type SoftCriterion = (typeof softCriteria)[number];

/** The most points each soft criterion gives; they add up to 100. */
export const SOFT_WEIGHTS: Record<SoftCriterion, number> = { rateHeadroom: 35, collateralFree: 20, purposeFit: 20, creditLine: 15, amountHeadroom: 10 };
/** Rate headroom of this many basis points or more below the acceptable rate earns all the rate points. */
export const FULL_RATE_HEADROOM_BP = 300;

export type Reason =
  | { kind: "hard"; rule: HardRule; met: boolean; params: Record<string, string | number> }
  | { kind: "soft"; rule: SoftCriterion; points: number; max: number; params: Record<string, string | number> };

export type Match = {
  productId: number;
  bankId: number;
  eligible: boolean;
  score: number;
  excludedBy: HardRule[];
  reasons: Reason[];
};

/** How well a product type serves a purpose (share of the purpose points). */
const PURPOSE_FIT: Record<NeedPurpose, Partial<Record<ProductType, number>>> = {
  working_capital: { credit: 1, supply_chain: 0.75, guarantee: 0.5, policy_subsidised: 0.5 },
  equipment: { mortgage: 1, policy_subsidised: 1, credit: 0.5 },
  renewal: { renewal: 1, credit: 0.5 },
  expansion: { mortgage: 1, policy_subsidised: 0.75, guarantee: 0.5 },
  raw_materials: { supply_chain: 1, credit: 0.75 },
  export_orders: { supply_chain: 1, credit: 0.5, policy_subsidised: 0.5 },
  other: { credit: 0.5, guarantee: 0.5 },
};

function yearsInBusiness(enterprise: EnterpriseFacts, today: string): number | null {
  return enterprise.foundedYear === null ? null : Number(today.slice(0, 4)) - enterprise.foundedYear;
}

/** Points of one soft criterion for a share (0-1) of its weight. */
function softPoints(rule: SoftCriterion, share: number): number {
  return Math.round(SOFT_WEIGHTS[rule] * Math.max(0, Math.min(1, share)));
}

/**
 * One product against one need of one enterprise, with every reason. With `explain` false the
 * same rules run without building the reasons (for ranking many needs at once: no allocation but
 * the result); `eligible`, `score` and `excludedBy` are the same either way. Each rule is one
 * boolean computed once and read by both paths; no closures per call (ranking runs this
 * 60,000 times for the demo data).
 */
export function matchProduct(product: ProductFacts, need: NeedFacts, enterprise: EnterpriseFacts, ctx: MatchContext, explain = true): Match {
  const reasons: Reason[] = [];
  const excludedBy: HardRule[] = [];
  let met: boolean;

  met = product.status === "active" && product.validFrom <= ctx.today && (product.validTo === null || ctx.today <= product.validTo);
  if (!met) excludedBy.push("validity");
  if (explain) reasons.push({ kind: "hard", rule: "validity", met, params: { from: product.validFrom, to: product.validTo ?? "" } });

  met = need.amountFen >= product.minAmountFen && need.amountFen <= product.maxAmountFen;
  if (!met) excludedBy.push("amount");
  if (explain) reasons.push({ kind: "hard", rule: "amount", met, params: { min: product.minAmountFen, max: product.maxAmountFen, amount: need.amountFen } });

  met = need.termMonths >= product.minTermMonths && need.termMonths <= product.maxTermMonths;
  if (!met) excludedBy.push("term");
  if (explain) reasons.push({ kind: "hard", rule: "term", met, params: { min: product.minTermMonths, max: product.maxTermMonths, term: need.termMonths } });

  met = product.minRateBp <= need.maxRateBp;
  if (!met) excludedBy.push("rate");
  if (explain) reasons.push({ kind: "hard", rule: "rate", met, params: { rate: product.minRateBp, acceptable: need.maxRateBp } });

  if (product.minYearsInBusiness !== null && product.minYearsInBusiness > 0) {
    const years = yearsInBusiness(enterprise, ctx.today);
    met = years !== null && years >= product.minYearsInBusiness;
    if (!met) excludedBy.push("yearsInBusiness");
    if (explain) reasons.push({ kind: "hard", rule: "yearsInBusiness", met, params: { min: product.minYearsInBusiness, years: years ?? "?" } });
  }
  if (product.aboveSizeOnly) {
    met = enterprise.aboveSize;
    if (!met) excludedBy.push("aboveSize");
    if (explain) reasons.push({ kind: "hard", rule: "aboveSize", met, params: {} });
  }
  if (product.minAnnualOutputFen !== null && product.minAnnualOutputFen > 0) {
    // An output not given cannot show the minimum is reached: not met, and said so.
    const output = enterprise.annualOutputFen;
    met = output !== null && output >= product.minAnnualOutputFen;
    if (!met) excludedBy.push("annualOutput");
    if (explain)
      reasons.push({
        kind: "hard",
        rule: "annualOutput",
        met,
        params: output === null ? { min: product.minAnnualOutputFen, notGiven: 1 } : { min: product.minAnnualOutputFen, output },
      });
  }
  if (product.segments.length > 0) {
    met = product.segments.includes(enterprise.segment);
    if (!met) excludedBy.push("segment");
    if (explain) reasons.push({ kind: "hard", rule: "segment", met, params: { segment: enterprise.segment, segments: product.segments.join(",") } });
  }
  if (product.membersOnly) {
    met = enterprise.isMember;
    if (!met) excludedBy.push("membersOnly");
    if (explain) reasons.push({ kind: "hard", rule: "membersOnly", met, params: {} });
  }
  let collateralOffered = false;
  for (let i = 0; i < need.collateral.length && !collateralOffered; i++) collateralOffered = product.acceptedCollateral.includes(need.collateral[i]);
  if (product.collateralRequired) {
    met = collateralOffered;
    if (!met) excludedBy.push("collateral");
    if (explain) {
      const offered = need.collateral.filter((c) => product.acceptedCollateral.includes(c)).join(",");
      reasons.push({ kind: "hard", rule: "collateral", met, params: { accepted: product.acceptedCollateral.join(","), offered } });
    }
  }

  // Soft criteria: points out of 100.
  const headroom = need.maxRateBp - product.minRateBp;
  const rate = softPoints("rateHeadroom", headroom / FULL_RATE_HEADROOM_BP);
  const collateralFree = softPoints("collateralFree", product.collateralRequired ? (collateralOffered ? 0.5 : 0) : 1);
  const purposeFit = softPoints("purposeFit", PURPOSE_FIT[need.purpose][product.type] ?? 0);
  const creditLine = softPoints("creditLine", ctx.creditLineBankIds.has(product.bankId) ? 1 : 0);
  const amountHeadroom = softPoints("amountHeadroom", need.amountFen <= product.maxAmountFen * 0.8 ? 1 : need.amountFen <= product.maxAmountFen ? 0.5 : 0);
  if (explain) {
    reasons.push(
      { kind: "soft", rule: "rateHeadroom", points: rate, max: SOFT_WEIGHTS.rateHeadroom, params: { headroom: Math.max(0, headroom) } },
      {
        kind: "soft",
        rule: "collateralFree",
        points: collateralFree,
        max: SOFT_WEIGHTS.collateralFree,
        params: { required: product.collateralRequired ? 1 : 0 },
      },
      { kind: "soft", rule: "purposeFit", points: purposeFit, max: SOFT_WEIGHTS.purposeFit, params: { purpose: need.purpose, type: product.type } },
      { kind: "soft", rule: "creditLine", points: creditLine, max: SOFT_WEIGHTS.creditLine, params: {} },
      { kind: "soft", rule: "amountHeadroom", points: amountHeadroom, max: SOFT_WEIGHTS.amountHeadroom, params: {} },
    );
  }
  const eligible = excludedBy.length === 0;
  const score = eligible ? rate + collateralFree + purposeFit + creditLine + amountHeadroom : 0;
  return { productId: product.id, bankId: product.bankId, eligible, score, excludedBy, reasons };
}

/** Rank order of two matches given their products' lowest rates. */
function compareRank(a: Match, b: Match, rateA: number, rateB: number): number {
  if (a.eligible !== b.eligible) return a.eligible ? -1 : 1;
  if (a.eligible) {
    if (b.score !== a.score) return b.score - a.score;
  } else if (a.excludedBy.length !== b.excludedBy.length) return a.excludedBy.length - b.excludedBy.length;
  return rateA !== rateB ? rateA - rateB : a.productId - b.productId;
}

/**
 * Ranks products for a need: the eligible ones by score (then lowest rate), then the excluded ones,
 * the nearest misses (fewest broken rules) first. Every product keeps its reasons.
 */
export function rankProducts(products: readonly ProductFacts[], need: NeedFacts, enterprise: EnterpriseFacts, ctx: MatchContext, explain = true): Match[] {
  // Sort positions, not matches: the comparator reads each product's rate by position (no lookup map per ranking).
  const matches = new Array<Match>(products.length);
  const order = new Array<number>(products.length);
  for (let i = 0; i < products.length; i++) {
    matches[i] = matchProduct(products[i], need, enterprise, ctx, explain);
    order[i] = i;
  }
  order.sort((i, j) => compareRank(matches[i], matches[j], products[i].minRateBp, products[j].minRateBp));
  return order.map((i) => matches[i]);
}

export type NeedCandidate = { needId: number; need: NeedFacts; enterprise: EnterpriseFacts; ctx: MatchContext };

/** The reverse view: the needs a product fits, best score first (then the oldest need). */
export function needsForProduct(product: ProductFacts, candidates: readonly NeedCandidate[]): (Match & { needId: number })[] {
  const out: (Match & { needId: number })[] = [];
  for (const c of candidates) {
    const m = matchProduct(product, c.need, c.enterprise, c.ctx, false);
    if (m.eligible) out.push({ ...m, needId: c.needId });
  }
  return out.sort((a, b) => b.score - a.score || a.needId - b.needId);
}

/** Annual rate in basis points as a percentage text: 385 → "3.85%". */
export function formatRate(bp: number | null | undefined): string {
  if (bp == null) return "—";
  return `${(bp / 100).toFixed(2)}%`;
}
