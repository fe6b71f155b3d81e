import { describe, expect, it } from "vitest";
import { matchScore, overlapDays, rankMatches, type MatchSide } from "../../app/modules/labour/match";

const surplus: MatchSide = {
  enterpriseId: 1,
  skills: ["sewing", "cutting"],
  periodStart: "2026-04-01",
  periodEnd: "2026-04-30",
  location: "仙降村",
  remaining: 6,
};
const shortage: MatchSide = { enterpriseId: 2, skills: ["sewing"], periodStart: "2026-04-01", periodEnd: "2026-04-30", location: "仙降村", remaining: 4 };

describe("labour exchange match score", () => {
  it("gives 100 to a full fit: every needed skill, the whole period, the same village", () => {
    expect(matchScore(surplus, shortage)).toMatchObject({
      score: 100,
      skills: 1,
      period: 1,
      place: 1,
      commonSkills: ["sewing"],
      overlapDays: 30,
      headcount: 4,
    });
  });

  it("weighs skills 50%, period 30%, place 20%", () => {
    // Half the skills needed.
    expect(matchScore(surplus, { ...shortage, skills: ["sewing", "injection"] }).score).toBe(75);
    // Another village of the sub-district: half the place points.
    expect(matchScore(surplus, { ...shortage, location: "新安村" }).score).toBe(90);
    // Lenders cover 10 of the 30 days needed.
    const partial = matchScore({ ...surplus, periodEnd: "2026-04-10" }, shortage);
    expect(partial.overlapDays).toBe(10);
    expect(partial.score).toBe(80);
    // A longer offer than needed does not score above full.
    expect(matchScore({ ...surplus, periodStart: "2026-03-01", periodEnd: "2026-06-30" }, shortage).period).toBe(1);
  });

  it("is zero for no common skill, periods that do not meet, one enterprise on both sides, or nobody left", () => {
    expect(matchScore(surplus, { ...shortage, skills: ["injection"] }).score).toBe(0);
    expect(matchScore(surplus, { ...shortage, periodStart: "2026-05-01", periodEnd: "2026-05-31" }).score).toBe(0);
    expect(matchScore(surplus, { ...shortage, enterpriseId: 1 }).score).toBe(0);
    expect(matchScore({ ...surplus, remaining: 0 }, shortage).score).toBe(0);
    expect(matchScore(surplus, { ...shortage, remaining: 0 }).score).toBe(0);
    expect(matchScore(surplus, { ...shortage, skills: [] }).score).toBe(0);
  });

  it("gives no place points for an unknown place", () => {
    expect(matchScore(surplus, { ...shortage, location: " " }).place).toBe(0);
  });

  it("counts inclusive overlaps", () => {
    expect(overlapDays("2026-04-01", "2026-04-01", "2026-04-01", "2026-04-30")).toBe(1);
    expect(overlapDays("2026-04-01", "2026-04-10", "2026-04-11", "2026-04-30")).toBe(0);
    expect(overlapDays("2026-02-20", "2026-03-10", "2026-02-01", "2026-12-31")).toBe(19);
  });

  it("ranks counterparts best first and drops the ones that do not fit", () => {
    const others = [
      { ...shortage, id: 10, location: "新安村" },
      { ...shortage, id: 11 },
      { ...shortage, id: 12, skills: ["forklift"] },
      { ...shortage, id: 13, remaining: 10 },
    ];
    const ranked = rankMatches({ ...surplus, kind: "surplus" }, others);
    expect(ranked.map((r) => r.post.id)).toEqual([13, 11, 10]);
    expect(ranked[0].match.headcount).toBe(6);
    // From the shortage side the roles swap.
    const fromShortage = rankMatches({ ...shortage, kind: "shortage" }, [{ ...surplus, id: 20 }]);
    expect(fromShortage[0].match.score).toBe(100);
  });
});
