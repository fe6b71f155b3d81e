import { describe, expect, it } from "vitest";
import {
  FULL_RATE_HEADROOM_BP,
  SOFT_WEIGHTS,
  matchProduct,
  needsForProduct,
  rankProducts,
  type EnterpriseFacts,
  type HardRule,
  type Match,
  type MatchContext,
  type NeedFacts,
  type ProductFacts,
} from "../../app/modules/finance/matching";

const product = (over: Partial<ProductFacts> = {}): ProductFacts => ({
  id: 1,
  bankId: 1,
  type: "credit",
  status: "active",
  minAmountFen: 100_000_00,
  maxAmountFen: 5_000_000_00,
  minRateBp: 385,
  maxRateBp: 600,
  minTermMonths: 6,
  maxTermMonths: 36,
  minYearsInBusiness: null,
  aboveSizeOnly: false,
  minAnnualOutputFen: null,
  segments: [],
  membersOnly: false,
  collateralRequired: false,
  acceptedCollateral: [],
  validFrom: "2026-01-01",
  validTo: null,
  ...over,
});
const need = (over: Partial<NeedFacts> = {}): NeedFacts => ({
  amountFen: 1_000_000_00,
  termMonths: 12,
  maxRateBp: 685,
  collateral: [],
  purpose: "working_capital",
  ...over,
});
const firm = (over: Partial<EnterpriseFacts> = {}): EnterpriseFacts => ({
  foundedYear: 2010,
  aboveSize: false,
  annualOutputFen: 8_000_000_00,
  segment: "soles",
  isMember: true,
  ...over,
});
const ctx: MatchContext = { today: "2026-12-04", creditLineBankIds: new Set() };

const hardReason = (m: Match, rule: HardRule) => m.reasons.find((r) => r.kind === "hard" && r.rule === rule);
const softPoints = (m: Match, rule: string) => m.reasons.find((r) => r.kind === "soft" && r.rule === rule) as { points: number; max: number } | undefined;

/** A rule that holds keeps the product; the same rule broken excludes it and is named. */
function expectRule(rule: HardRule, pass: Match, fail: Match) {
  expect(pass.eligible, `${rule} met`).toBe(true);
  expect(hardReason(pass, rule)).toMatchObject({ met: true });
  expect(fail.eligible, `${rule} broken`).toBe(false);
  expect(fail.excludedBy).toEqual([rule]);
  expect(hardReason(fail, rule)).toMatchObject({ met: false });
  expect(fail.score).toBe(0);
}

describe("hard rules: each excludes a product and is named", () => {
  it("validity: active and within the validity dates", () => {
    expectRule("validity", matchProduct(product(), need(), firm(), ctx), matchProduct(product({ status: "suspended" }), need(), firm(), ctx));
    expect(matchProduct(product({ validTo: "2026-12-03" }), need(), firm(), ctx).excludedBy).toEqual(["validity"]);
    expect(matchProduct(product({ validFrom: "2026-12-05" }), need(), firm(), ctx).excludedBy).toEqual(["validity"]);
    expect(matchProduct(product({ validTo: "2026-12-04" }), need(), firm(), ctx).eligible).toBe(true);
  });
  it("amount: within the product's range, both ends included", () => {
    expectRule(
      "amount",
      matchProduct(product(), need({ amountFen: 5_000_000_00 }), firm(), ctx),
      matchProduct(product(), need({ amountFen: 5_000_000_01 }), firm(), ctx),
    );
    expect(matchProduct(product(), need({ amountFen: 99_999_99 }), firm(), ctx).excludedBy).toEqual(["amount"]);
    expect(hardReason(matchProduct(product(), need(), firm(), ctx), "amount")).toMatchObject({ params: { min: 100_000_00, max: 5_000_000_00 } });
  });
  it("term: within the product's term range", () => {
    expectRule("term", matchProduct(product(), need({ termMonths: 36 }), firm(), ctx), matchProduct(product(), need({ termMonths: 48 }), firm(), ctx));
    expect(matchProduct(product(), need({ termMonths: 3 }), firm(), ctx).excludedBy).toEqual(["term"]);
  });
  it("rate: the product's lowest rate is at most the rate the enterprise accepts", () => {
    expectRule("rate", matchProduct(product(), need({ maxRateBp: 385 }), firm(), ctx), matchProduct(product(), need({ maxRateBp: 384 }), firm(), ctx));
  });
  it("years in business: founded long enough ago (unknown is not met)", () => {
    const p = product({ minYearsInBusiness: 3 });
    expectRule("yearsInBusiness", matchProduct(p, need(), firm({ foundedYear: 2023 }), ctx), matchProduct(p, need(), firm({ foundedYear: 2024 }), ctx));
    expect(matchProduct(p, need(), firm({ foundedYear: null }), ctx).excludedBy).toEqual(["yearsInBusiness"]);
    // No such rule on the product: no reason about it either.
    expect(hardReason(matchProduct(product(), need(), firm({ foundedYear: null }), ctx), "yearsInBusiness")).toBeUndefined();
  });
  it("above designated size only", () => {
    const p = product({ aboveSizeOnly: true });
    expectRule("aboveSize", matchProduct(p, need(), firm({ aboveSize: true }), ctx), matchProduct(p, need(), firm({ aboveSize: false }), ctx));
  });
  it("minimum annual output", () => {
    const p = product({ minAnnualOutputFen: 20_000_000_00 });
    expectRule(
      "annualOutput",
      matchProduct(p, need(), firm({ annualOutputFen: 20_000_000_00 }), ctx),
      matchProduct(p, need(), firm({ annualOutputFen: 19_999_999_99 }), ctx),
    );
  });
  it("minimum annual output: an output the enterprise did not give is not met, with its own reason", () => {
    const p = product({ minAnnualOutputFen: 20_000_000_00 });
    const m = matchProduct(p, need(), firm({ annualOutputFen: null }), ctx);
    expect(m.eligible).toBe(false);
    expect(m.excludedBy).toEqual(["annualOutput"]);
    expect(hardReason(m, "annualOutput")).toMatchObject({ met: false, params: { min: 20_000_000_00, notGiven: 1 } });
    expect(hardReason(m, "annualOutput")?.params).not.toHaveProperty("output");
    // Without explanation the verdict is the same.
    expect(matchProduct(p, need(), firm({ annualOutputFen: null }), ctx, false)).toMatchObject({ eligible: false, excludedBy: ["annualOutput"] });
    // A product without a minimum does not ask for the output.
    expect(matchProduct(product(), need(), firm({ annualOutputFen: null }), ctx).eligible).toBe(true);
  });
  it("segments: the enterprise's segment is one of the product's", () => {
    const p = product({ segments: ["soles", "moulds"] });
    expectRule("segment", matchProduct(p, need(), firm({ segment: "moulds" }), ctx), matchProduct(p, need(), firm({ segment: "uppers" }), ctx));
  });
  it("members only: an active membership", () => {
    const p = product({ membersOnly: true });
    expectRule("membersOnly", matchProduct(p, need(), firm({ isMember: true }), ctx), matchProduct(p, need(), firm({ isMember: false }), ctx));
  });
  it("collateral required: the need offers one of the accepted kinds", () => {
    const p = product({ collateralRequired: true, acceptedCollateral: ["property", "equipment"] });
    expectRule(
      "collateral",
      matchProduct(p, need({ collateral: ["land", "equipment"] }), firm(), ctx),
      matchProduct(p, need({ collateral: ["receivables"] }), firm(), ctx),
    );
    expect(hardReason(matchProduct(p, need({ collateral: ["land", "equipment"] }), firm(), ctx), "collateral")).toMatchObject({
      params: { offered: "equipment" },
    });
  });
  it("names every broken rule at once", () => {
    const p = product({ aboveSizeOnly: true, membersOnly: true, maxAmountFen: 100_000_00 });
    expect(matchProduct(p, need(), firm({ isMember: false }), ctx).excludedBy).toEqual(["amount", "aboveSize", "membersOnly"]);
  });
});

describe("the score: soft criteria with their points", () => {
  it("adds up to 100 at most", () => {
    expect(Object.values(SOFT_WEIGHTS).reduce((a, b) => a + b, 0)).toBe(100);
    const best = matchProduct(product({ minRateBp: 300 }), need({ maxRateBp: 300 + FULL_RATE_HEADROOM_BP, amountFen: 200_000_00 }), firm(), {
      ...ctx,
      creditLineBankIds: new Set([1]),
    });
    expect(best.score).toBe(100);
    expect(best.reasons.filter((r) => r.kind === "soft").every((r) => r.kind === "soft" && r.points === r.max)).toBe(true);
  });
  it("rate headroom: in proportion to how far below the acceptable rate, capped", () => {
    expect(softPoints(matchProduct(product({ minRateBp: 385 }), need({ maxRateBp: 535 }), firm(), ctx), "rateHeadroom")?.points).toBe(
      Math.round((35 * 150) / 300),
    );
    expect(softPoints(matchProduct(product({ minRateBp: 385 }), need({ maxRateBp: 385 }), firm(), ctx), "rateHeadroom")?.points).toBe(0);
    expect(softPoints(matchProduct(product({ minRateBp: 100 }), need({ maxRateBp: 900 }), firm(), ctx), "rateHeadroom")?.points).toBe(35);
  });
  it("collateral-free: all points without collateral, half when pledged collateral is accepted", () => {
    expect(softPoints(matchProduct(product(), need(), firm(), ctx), "collateralFree")?.points).toBe(20);
    const p = product({ collateralRequired: true, acceptedCollateral: ["property"] });
    expect(softPoints(matchProduct(p, need({ collateral: ["property"] }), firm(), ctx), "collateralFree")?.points).toBe(10);
  });
  it("purpose fit: the product type serves the purpose", () => {
    expect(softPoints(matchProduct(product({ type: "renewal" }), need({ purpose: "renewal" }), firm(), ctx), "purposeFit")?.points).toBe(20);
    expect(softPoints(matchProduct(product({ type: "mortgage" }), need({ purpose: "renewal" }), firm(), ctx), "purposeFit")?.points).toBe(0);
    expect(softPoints(matchProduct(product({ type: "supply_chain" }), need({ purpose: "working_capital" }), firm(), ctx), "purposeFit")?.points).toBe(15);
  });
  it("credit line: the bank granted the enterprise's association a line", () => {
    expect(softPoints(matchProduct(product(), need(), firm(), { ...ctx, creditLineBankIds: new Set([1]) }), "creditLine")?.points).toBe(15);
    expect(softPoints(matchProduct(product(), need(), firm(), { ...ctx, creditLineBankIds: new Set([2]) }), "creditLine")?.points).toBe(0);
  });
  it("amount headroom: comfortably inside the range scores more than at the limit", () => {
    expect(softPoints(matchProduct(product(), need({ amountFen: 4_000_000_00 }), firm(), ctx), "amountHeadroom")?.points).toBe(10);
    expect(softPoints(matchProduct(product(), need({ amountFen: 4_500_000_00 }), firm(), ctx), "amountHeadroom")?.points).toBe(5);
  });
  it("the score is the sum of the soft points", () => {
    const m = matchProduct(product(), need(), firm(), ctx);
    const sum = m.reasons.reduce((s, r) => s + (r.kind === "soft" ? r.points : 0), 0);
    expect(m.score).toBe(sum);
    expect(m.score).toBeGreaterThan(0);
  });
});

describe("ranking and the reverse view", () => {
  const products = [
    product({ id: 1, minRateBp: 500 }),
    product({ id: 2, minRateBp: 385 }),
    product({ id: 3, aboveSizeOnly: true }),
    product({ id: 4, aboveSizeOnly: true, membersOnly: true }),
    product({ id: 5, minRateBp: 385, type: "supply_chain" }),
  ];
  it("puts eligible products first by score, then excluded ones with the fewest broken rules", () => {
    const ranked = rankProducts(products, need(), firm({ isMember: false }), ctx);
    expect(ranked.map((m) => m.productId)).toEqual([2, 5, 1, 3, 4]);
    expect(ranked.slice(0, 3).every((m) => m.eligible)).toBe(true);
    expect(ranked[3].excludedBy).toEqual(["aboveSize"]);
    expect(ranked[4].excludedBy).toEqual(["aboveSize", "membersOnly"]);
  });
  it("lists for a product the needs it fits, best first", () => {
    const p = product({ aboveSizeOnly: true });
    const found = needsForProduct(p, [
      { needId: 10, need: need(), enterprise: firm({ aboveSize: false }), ctx },
      { needId: 11, need: need({ maxRateBp: 500 }), enterprise: firm({ aboveSize: true }), ctx },
      { needId: 12, need: need({ maxRateBp: 685 }), enterprise: firm({ aboveSize: true }), ctx },
    ]);
    expect(found.map((m) => m.needId)).toEqual([12, 11]);
  });
  it("ranks the same without building the reasons", () => {
    const firms = [firm(), firm({ isMember: false, aboveSize: true }), firm({ foundedYear: null, segment: "uppers" })];
    const needs = [need(), need({ amountFen: 4_900_000_00, collateral: ["property"], purpose: "renewal" }), need({ maxRateBp: 390, termMonths: 40 })];
    const all = [...products, product({ id: 6, collateralRequired: true, acceptedCollateral: ["property"], minYearsInBusiness: 5, segments: ["soles"] })];
    for (const f of firms)
      for (const n of needs) {
        const full = rankProducts(all, n, f, ctx).map(({ reasons: _r, ...m }) => m);
        const fast = rankProducts(all, n, f, ctx, false);
        expect(fast.every((m) => m.reasons.length === 0)).toBe(true);
        expect(fast.map(({ reasons: _r, ...m }) => m)).toEqual(full);
      }
  });
});
