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

export const hardRules = ["validity", "amount", "term", "rate", "yearsInBusiness", "aboveSize", "annualOutput", "segment", "membersOnly", "collateral"] as const;
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

/**
 * One product against one need of one enterprise, with every reason. With `explain` false the
 * same rules run without building the reasons (for ranking many needs at once: no allocation but
 * the result); `eligible`, `score` and `excludedBy` are the same either way.
 */
export function matchProduct(product: ProductFacts, need: NeedFacts, enterprise: EnterpriseFacts, ctx: MatchContext, explain = true): Match {
  const reasons: Reason[] = [];
  const excludedBy: HardRule[] = [];
  const hard = (rule: HardRule, met: boolean, params?: () => Record<string, string | number>) => {
    if (explain) reasons.push({ kind: "hard", rule, met, params: params ? params() : {} });
    if (!met) excludedBy.push(rule);
  };

  hard("validity", product.status === "active" && product.validFrom <= ctx.today && (product.validTo === null || ctx.today <= product.validTo), () => ({
    from: product.validFrom,
    to: product.validTo ?? "",
  }));
  hard("amount", need.amountFen >= product.minAmountFen && need.amountFen <= product.maxAmountFen, () => ({ min: product.minAmountFen, max: product.maxAmountFen, amount: need.amountFen }));
  hard("term", need.termMonths >= product.minTermMonths && need.termMonths <= product.maxTermMonths, () => ({ min: product.minTermMonths, max: product.maxTermMonths, term: need.termMonths }));
  hard("rate", product.minRateBp <= need.maxRateBp, () => ({ rate: product.minRateBp, acceptable: need.maxRateBp }));
  if (product.minYearsInBusiness !== null && product.minYearsInBusiness > 0) {
    const years = yearsInBusiness(enterprise, ctx.today);
    hard("yearsInBusiness", years !== null && years >= product.minYearsInBusiness, () => ({ min: product.minYearsInBusiness!, years: years ?? "?" }));
  }
  if (product.aboveSizeOnly) hard("aboveSize", enterprise.aboveSize);
  if (product.minAnnualOutputFen !== null && product.minAnnualOutputFen > 0) {
    // An output not given cannot show the minimum is reached: not met, and said so.
    const output = enterprise.annualOutputFen;
    hard("annualOutput", output !== null && output >= product.minAnnualOutputFen, (): Record<string, number> =>
      output === null ? { min: product.minAnnualOutputFen!, notGiven: 1 } : { min: product.minAnnualOutputFen!, output },
    );
  }
  if (product.segments.length > 0) hard("segment", product.segments.includes(enterprise.segment), () => ({ segment: enterprise.segment, segments: product.segments.join(",") }));
  if (product.membersOnly) hard("membersOnly", enterprise.isMember);
  let collateralOffered = false;
  for (const c of need.collateral) if (product.acceptedCollateral.includes(c)) collateralOffered = true;
  if (product.collateralRequired) {
    hard("collateral", collateralOffered, () => ({ accepted: product.acceptedCollateral.join(","), offered: need.collateral.filter((c) => product.acceptedCollateral.includes(c)).join(",") }));
  }

  // Soft criteria: points out of 100.
  let score = 0;
  const soft = (rule: SoftCriterion, share: number, params?: () => Record<string, string | number>) => {
    const max = SOFT_WEIGHTS[rule];
    const points = Math.round(max * Math.max(0, Math.min(1, share)));
    score += points;
    if (explain) reasons.push({ kind: "soft", rule, points, max, params: params ? params() : {} });
  };
  const headroom = need.maxRateBp - product.minRateBp;
  soft("rateHeadroom", headroom / FULL_RATE_HEADROOM_BP, () => ({ headroom: Math.max(0, headroom) }));
  soft("collateralFree", product.collateralRequired ? (collateralOffered ? 0.5 : 0) : 1, () => ({ required: product.collateralRequired ? 1 : 0 }));
  soft("purposeFit", PURPOSE_FIT[need.purpose][product.type] ?? 0, () => ({ purpose: need.purpose, type: product.type }));
  soft("creditLine", ctx.creditLineBankIds.has(product.bankId) ? 1 : 0);
  soft("amountHeadroom", need.amountFen <= product.maxAmountFen * 0.8 ? 1 : need.amountFen <= product.maxAmountFen ? 0.5 : 0);

  const eligible = excludedBy.length === 0;
  return { productId: product.id, bankId: product.bankId, eligible, score: eligible ? score : 0, excludedBy, reasons };
}

function byRank(products: Map<number, ProductFacts>) {
  return (a: Match, b: Match) => {
    if (a.eligible !== b.eligible) return a.eligible ? -1 : 1;
    if (a.eligible) {
      if (b.score !== a.score) return b.score - a.score;
    } else if (a.excludedBy.length !== b.excludedBy.length) return a.excludedBy.length - b.excludedBy.length;
    const ra = products.get(a.productId)!.minRateBp;
    const rb = products.get(b.productId)!.minRateBp;
    return ra !== rb ? ra - rb : a.productId - b.productId;
  };
}

/**
 * Ranks products for a need: the eligible ones by score (then lowest rate), then the excluded ones,
 * the nearest misses (fewest broken rules) first. Every product keeps its reasons.
 */
export function rankProducts(products: readonly ProductFacts[], need: NeedFacts, enterprise: EnterpriseFacts, ctx: MatchContext, explain = true): Match[] {
  const index = new Map(products.map((p) => [p.id, p]));
  return products.map((p) => matchProduct(p, need, enterprise, ctx, explain)).sort(byRank(index));
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
