// The ranking-only path (explain = false, what the kept matches and the benchmark use) against the
// explaining path, on a generated set the size of the demo data: same order, eligibility, scores and
// broken rules, and the reasons agree with the verdicts.
import { describe, expect, it } from "vitest";
import { collateralKinds, needPurposes, productStatuses, productTypes } from "../../app/modules/finance/constants";
import { SOFT_WEIGHTS, rankProducts, type EnterpriseFacts, type MatchContext, type NeedFacts, type ProductFacts } from "../../app/modules/finance/matching";
import { segments } from "../../app/modules/members/constants";

/** mulberry32: a small seeded generator, so a failure can be replayed. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)];
  const some = <T>(xs: readonly T[], p: number): T[] => xs.filter(() => next() < p);
  return { next, int, pick, some };
}

const today = "2026-12-04";
const WAN = 10_000_00; // 1 万元 in fen

function generate(seed: number, productCount: number, needCount: number) {
  const g = generator(seed);
  const products: ProductFacts[] = Array.from({ length: productCount }, (_, i) => {
    const minAmountFen = g.int(1, 500) * WAN;
    const minRateBp = g.int(250, 900);
    const minTermMonths = g.int(1, 24);
    const collateralRequired = g.next() < 0.4;
    return {
      id: i + 1,
      bankId: g.int(1, 6),
      type: g.pick(productTypes),
      status: g.next() < 0.85 ? "active" : g.pick(productStatuses),
      minAmountFen,
      maxAmountFen: minAmountFen + g.int(0, 5000) * WAN,
      // Same lowest rates on purpose: ties are broken by rate, then by id.
      minRateBp: g.next() < 0.3 ? 385 : minRateBp,
      maxRateBp: minRateBp + g.int(0, 400),
      minTermMonths,
      maxTermMonths: minTermMonths + g.int(0, 60),
      minYearsInBusiness: g.next() < 0.5 ? null : g.int(0, 10),
      aboveSizeOnly: g.next() < 0.3,
      minAnnualOutputFen: g.next() < 0.5 ? null : g.int(0, 50_000) * WAN,
      segments: g.some(segments, 0.3),
      membersOnly: g.next() < 0.3,
      collateralRequired,
      acceptedCollateral: collateralRequired || g.next() < 0.5 ? g.some(collateralKinds, 0.4) : [],
      validFrom: g.next() < 0.9 ? "2026-01-01" : g.pick(["2026-12-04", "2026-12-05", "2027-01-01"]),
      validTo: g.next() < 0.7 ? null : g.pick(["2026-12-03", "2026-12-04", "2027-12-31"]),
    };
  });
  const cases = Array.from({ length: needCount }, () => {
    const need: NeedFacts = {
      amountFen: g.next() < 0.1 ? g.pick(products).maxAmountFen : g.int(1, 6000) * WAN,
      termMonths: g.int(1, 84),
      maxRateBp: g.next() < 0.1 ? g.pick(products).minRateBp : g.int(250, 1200),
      collateral: g.some(collateralKinds, 0.25),
      purpose: g.pick(needPurposes),
    };
    const enterprise: EnterpriseFacts = {
      foundedYear: g.next() < 0.1 ? null : g.int(1990, 2026),
      aboveSize: g.next() < 0.4,
      annualOutputFen: g.int(0, 60_000) * WAN,
      segment: g.pick(segments),
      isMember: g.next() < 0.7,
    };
    const ctx: MatchContext = { today, creditLineBankIds: new Set(g.some([1, 2, 3, 4, 5, 6], 0.2)) };
    return { need, enterprise, ctx };
  });
  return { products, cases };
}

describe("ranking only and ranking with every reason agree", () => {
  // The demo's size: 42 products, 1,400+ needs.
  const { products, cases } = generate(20261204, 42, 1418);

  it("the generated set exercises every rule, both ways", () => {
    const broken = new Set<string>();
    let fits = 0;
    for (const c of cases)
      for (const m of rankProducts(products, c.need, c.enterprise, c.ctx, false)) {
        if (m.eligible) fits++;
        for (const r of m.excludedBy) broken.add(r);
      }
    expect(fits).toBeGreaterThan(0);
    expect([...broken].sort()).toEqual([
      "aboveSize",
      "amount",
      "annualOutput",
      "collateral",
      "membersOnly",
      "rate",
      "segment",
      "term",
      "validity",
      "yearsInBusiness",
    ]);
  });

  it("returns the same ranking, eligibility, scores and broken rules, and no reasons", () => {
    for (const c of cases) {
      const full = rankProducts(products, c.need, c.enterprise, c.ctx, true);
      const fast = rankProducts(products, c.need, c.enterprise, c.ctx, false);
      expect(fast.every((m) => m.reasons.length === 0)).toBe(true);
      expect(fast.map(({ reasons: _r, ...m }) => m)).toEqual(full.map(({ reasons: _r, ...m }) => m));
    }
  });

  it("the reasons of the full path say what the verdict says", () => {
    for (const c of cases.slice(0, 200)) {
      for (const m of rankProducts(products, c.need, c.enterprise, c.ctx, true)) {
        const brokenByReasons = m.reasons.flatMap((r) => (r.kind === "hard" && !r.met ? [r.rule] : []));
        expect(brokenByReasons).toEqual(m.excludedBy);
        const soft = m.reasons.flatMap((r) => (r.kind === "soft" ? [r] : []));
        expect(soft.map((r) => r.rule)).toEqual(Object.keys(SOFT_WEIGHTS));
        expect(m.score).toBe(m.eligible ? soft.reduce((s, r) => s + r.points, 0) : 0);
      }
    }
  });
});
