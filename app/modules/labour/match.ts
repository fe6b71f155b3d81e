/**
 * How well a surplus post (workers an enterprise can lend) fits a shortage post (workers another
 * enterprise needs). Pure: the exchange page ranks suggestions with it, the tests pin it down.
 *
 * score = 100 × (0.5 × skills + 0.3 × period + 0.2 × place), and 0 when any of these holds:
 * the same enterprise on both sides, no skill in common, periods that do not overlap, or nobody
 * left to place on either side.
 *   skills: share of the needed skills the lenders have (|needed ∩ offered| / |needed|)
 *   period: share of the needed period the lenders cover (overlapping days / needed days)
 *   place:  1 in the same village or community, 0.5 elsewhere in the same sub-district
 *           (the exchange is local: a short commute), 0 when either place is unknown
 */
export type MatchSide = {
  enterpriseId: number;
  skills: readonly string[];
  /** YYYY-MM-DD, inclusive. */
  periodStart: string;
  periodEnd: string;
  location: string;
  /** Headcount still open (posted minus already placed). */
  remaining: number;
};

export type MatchScore = {
  score: number;
  skills: number;
  period: number;
  place: number;
  commonSkills: string[];
  overlapDays: number;
  /** How many people could move under this match. */
  headcount: number;
};

export const MATCH_WEIGHTS = { skills: 0.5, period: 0.3, place: 0.2 } as const;
export const SAME_AREA_PLACE = 0.5;

const DAY_MS = 86_400_000;
function dayNumber(iso: string): number {
  return Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
}

/** Inclusive overlap of two date ranges in days (0 when they do not meet). */
export function overlapDays(aStart: string, aEnd: string, bStart: string, bEnd: string): number {
  const start = Math.max(dayNumber(aStart), dayNumber(bStart));
  const end = Math.min(dayNumber(aEnd), dayNumber(bEnd));
  return end < start ? 0 : end - start + 1;
}

const none = (commonSkills: string[] = [], overlap = 0): MatchScore => ({
  score: 0,
  skills: 0,
  period: 0,
  place: 0,
  commonSkills,
  overlapDays: overlap,
  headcount: 0,
});

export function matchScore(surplus: MatchSide, shortage: MatchSide): MatchScore {
  if (surplus.enterpriseId === shortage.enterpriseId) return none();
  const offered = new Set(surplus.skills);
  const needed = [...new Set(shortage.skills)];
  const commonSkills = needed.filter((s) => offered.has(s));
  if (needed.length === 0 || commonSkills.length === 0) return none();
  const overlap = overlapDays(surplus.periodStart, surplus.periodEnd, shortage.periodStart, shortage.periodEnd);
  if (overlap === 0) return none(commonSkills);
  const headcount = Math.min(surplus.remaining, shortage.remaining);
  if (headcount <= 0) return none(commonSkills, overlap);
  const neededDays = dayNumber(shortage.periodEnd) - dayNumber(shortage.periodStart) + 1;
  const skills = commonSkills.length / needed.length;
  const period = Math.min(1, overlap / neededDays);
  const a = surplus.location.trim();
  const b = shortage.location.trim();
  const place = !a || !b ? 0 : a === b ? 1 : SAME_AREA_PLACE;
  const score = Math.round(100 * (MATCH_WEIGHTS.skills * skills + MATCH_WEIGHTS.period * period + MATCH_WEIGHTS.place * place));
  return { score, skills, period, place, commonSkills, overlapDays: overlap, headcount };
}

/** The best counterparts of one post, highest score first, dropping the zero scores. */
export function rankMatches<T extends MatchSide & { id: number }>(post: MatchSide & { kind: "surplus" | "shortage" }, others: T[], limit = 10) {
  return others
    .map((other) => ({ post: other, match: post.kind === "surplus" ? matchScore(post, other) : matchScore(other, post) }))
    .filter((m) => m.match.score > 0)
    .sort((x, y) => y.match.score - x.match.score || y.match.headcount - x.match.headcount || x.post.id - y.post.id)
    .slice(0, limit);
}
