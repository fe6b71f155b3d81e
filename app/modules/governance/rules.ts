import type { ElectionStatus, MotionChoice, MotionThreshold, QuorumRule, ResultOutcome } from "./constants";

// The pure rules of governance: stages, quorum, motion thresholds, the competitive rule, ballot
// validation and the tally. No database here: tests/unit/governance-rules.test.ts covers them.

// ---------------------------------------------------------------------------------------------
// Election stages: draft -> open -> closed -> tallied -> certified (the database enforces the same).

export const electionActions = ["open", "close", "tally", "certify"] as const;
export type ElectionAction = (typeof electionActions)[number];

const stageSteps: Record<ElectionAction, { from: ElectionStatus; to: ElectionStatus }> = {
  open: { from: "draft", to: "open" },
  close: { from: "open", to: "closed" },
  tally: { from: "closed", to: "tallied" },
  certify: { from: "tallied", to: "certified" },
};

export type StageResult = { ok: true; to: ElectionStatus } | { ok: false; error: "governance:errors.stage" };

export function electionTransition(from: ElectionStatus, action: ElectionAction): StageResult {
  const step = stageSteps[action];
  return step.from === from ? { ok: true, to: step.to } : { ok: false, error: "governance:errors.stage" };
}

export function nextElectionAction(status: ElectionStatus): ElectionAction | null {
  return electionActions.find((a) => stageSteps[a].from === status) ?? null;
}

/** Candidates, seats, roll and rules may change only in a draft. */
export function setupEditable(status: ElectionStatus): boolean {
  return status === "draft";
}

// ---------------------------------------------------------------------------------------------
// Quorum and motion thresholds

/** Votes needed present for quorum: more than half, or at least two thirds, of the roll. */
export function quorumNeeded(rule: QuorumRule, rollSize: number): number {
  if (rollSize <= 0) return 0;
  return rule === "half" ? Math.floor(rollSize / 2) + 1 : Math.ceil((rollSize * 2) / 3);
}

export function quorumMet(rule: QuorumRule, rollSize: number, present: number): boolean {
  return rollSize > 0 && present >= quorumNeeded(rule, rollSize);
}

export type MotionCounts = { yes: number; no: number; abstain: number };

/**
 * Whether a motion passes. "cast" thresholds count yes and no (abstentions are not votes cast);
 * "present" thresholds count everyone present (attendance plus proxies), so abstaining weighs
 * like no. Majority means more than half; two thirds means at least two thirds.
 * A motion without quorum never passes.
 */
export function motionPasses(threshold: MotionThreshold, counts: MotionCounts, present: number, quorum: boolean): boolean {
  if (!quorum) return false;
  const base = threshold.endsWith("_cast") ? counts.yes + counts.no : present;
  if (base <= 0) return false;
  if (threshold.startsWith("majority")) return counts.yes * 2 > base;
  return counts.yes * 3 >= base * 2;
}

export type MotionCountError = "governance:errors.countsExceedPresent" | null;

/** The counts of one motion cannot exceed the votes present. */
export function checkMotionCounts(counts: MotionCounts, present: number): MotionCountError {
  return counts.yes + counts.no + counts.abstain > present ? "governance:errors.countsExceedPresent" : null;
}

export type MotionOutcome =
  | { ok: true; total: MotionCounts; online: MotionCounts; room: MotionCounts; quorum: boolean; passed: boolean }
  | { ok: false; error: NonNullable<MotionCountError> };

/**
 * The result of a motion voted online, with any counts entered for the voters in the room or on
 * paper: the two are added (and kept apart for the record), may not together exceed the votes
 * present, and the sum is judged by the same quorum and threshold rules as a count in the room.
 */
export function motionOutcome(input: {
  threshold: MotionThreshold;
  quorumRule: QuorumRule;
  rollSize: number;
  present: number;
  online: MotionCounts;
  room: MotionCounts;
}): MotionOutcome {
  const { online, room } = input;
  const total = { yes: online.yes + room.yes, no: online.no + room.no, abstain: online.abstain + room.abstain };
  const error = checkMotionCounts(total, input.present);
  if (error) return { ok: false, error };
  const quorum = quorumMet(input.quorumRule, input.rollSize, input.present);
  return { ok: true, total, online, room, quorum, passed: motionPasses(input.threshold, total, input.present, quorum) };
}

/** Online motion ballots grouped by choice (rows of `select choice, count(*)`) as counts. */
export function tallyMotionBallots(rows: { choice: MotionChoice | string; n: number }[]): MotionCounts {
  const counts: MotionCounts = { yes: 0, no: 0, abstain: 0 };
  for (const r of rows) if (r.choice === "yes" || r.choice === "no" || r.choice === "abstain") counts[r.choice] += Number(r.n);
  return counts;
}

// ---------------------------------------------------------------------------------------------
// Opening an election: accepted candidates per position, and the competitive rule (差额选举).

/** Candidates a position needs: at least one; with the rule, seats plus the share (at least one more). */
export function candidatesNeeded(seats: number, competitivePct: number | null): number {
  if (!competitivePct) return 1;
  return seats + Math.max(1, Math.ceil((seats * competitivePct) / 100));
}

export type PositionSetup = { id: number; name: string; seats: number; accepted: number };
export type OpenProblem = { positionId: number; name: string; needed: number; accepted: number };

/** What stops an election from opening: positions without enough accepted candidates. */
export function openProblems(positions: PositionSetup[], competitivePct: number | null): OpenProblem[] {
  return positions
    .map((p) => ({ positionId: p.id, name: p.name, needed: candidatesNeeded(p.seats, competitivePct), accepted: p.accepted }))
    .filter((p) => p.accepted < p.needed);
}

// ---------------------------------------------------------------------------------------------
// Ballots

export type BallotPosition = { id: number; seats: number; candidateIds: number[] };
export type BallotError = "governance:errors.overVote" | "governance:errors.unknownCandidate" | "governance:errors.duplicateChoice";

/**
 * Checks a ballot: each chosen candidate is on it once, and no position gets more marks than
 * seats. A blank ballot (no marks) is valid.
 */
export function validateBallot(positions: BallotPosition[], chosen: number[]): BallotError | null {
  if (new Set(chosen).size !== chosen.length) return "governance:errors.duplicateChoice";
  const positionOf = new Map<number, number>();
  for (const p of positions) for (const c of p.candidateIds) positionOf.set(c, p.id);
  const marks = new Map<number, number>();
  for (const c of chosen) {
    const p = positionOf.get(c);
    if (p === undefined) return "governance:errors.unknownCandidate";
    marks.set(p, (marks.get(p) ?? 0) + 1);
  }
  for (const p of positions) if ((marks.get(p.id) ?? 0) > p.seats) return "governance:errors.overVote";
  return null;
}

// ---------------------------------------------------------------------------------------------
// Tally

export type CandidateCount = { candidateId: number; online: number; paper: number };
export type CandidateResult = CandidateCount & { total: number; rank: number; outcome: ResultOutcome };
export type PositionTally = { results: CandidateResult[]; seatsFilled: number; tie: boolean; vacant: number };

/**
 * Seats go to the highest totals. Candidates tied across the last seat (some of them would be
 * elected, some not) are all marked "tie": the seat needs a run-off and is never given silently.
 * Fewer candidates than seats leaves seats vacant. A candidate with no votes is not elected.
 * Ranks are competition ranks (1, 2, 2, 4).
 */
export function tallyPosition(seats: number, counts: CandidateCount[]): PositionTally {
  const withTotals = counts.map((c) => ({ ...c, total: c.online + c.paper })).sort((a, b) => b.total - a.total || a.candidateId - b.candidateId);
  const results: CandidateResult[] = [];
  let seatsFilled = 0;
  let tie = false;
  let i = 0;
  while (i < withTotals.length) {
    let j = i;
    while (j < withTotals.length && withTotals[j].total === withTotals[i].total) j++;
    const group = withTotals.slice(i, j);
    const rank = i + 1;
    const free = seats - seatsFilled;
    let outcome: ResultOutcome;
    if (group[0].total === 0 || free <= 0) outcome = "not_elected";
    else if (group.length <= free) outcome = "elected";
    else {
      outcome = "tie";
      tie = true;
    }
    for (const c of group) results.push({ ...c, rank, outcome });
    if (outcome === "elected") seatsFilled += group.length;
    if (outcome === "tie") seatsFilled = seats; // the remaining seats await the run-off
    i = j;
  }
  const elected = results.filter((r) => r.outcome === "elected").length;
  return { results, seatsFilled: elected, tie, vacant: tie ? 0 : seats - elected };
}

/** Online votes per candidate from ballots (each ballot: the candidate ids marked). */
export function countBallots(ballots: number[][]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const b of ballots) for (const c of b) counts.set(c, (counts.get(c) ?? 0) + 1);
  return counts;
}

/** Turnout as a share of the roll (0..1), null without a roll. */
export function turnout(voted: number, rollSize: number): number | null {
  return rollSize > 0 ? voted / rollSize : null;
}

// ---------------------------------------------------------------------------------------------
// Receipts: 12 characters from an alphabet without look-alikes, shown in groups of four.

export const RECEIPT_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/** A receipt from a source of uniform random indexes (crypto.randomInt on the server). */
export function newReceipt(randomIndex: (size: number) => number): string {
  let out = "";
  for (let i = 0; i < 12; i++) out += RECEIPT_ALPHABET[randomIndex(RECEIPT_ALPHABET.length)];
  return out;
}

export function formatReceipt(code: string): string {
  return code.match(/.{1,4}/g)?.join("-") ?? code;
}

/** What a person typed (spaces, dashes, lower case) as a stored code, or null. */
export function normaliseReceipt(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, "");
  if (code.length !== 12) return null;
  for (const ch of code) if (!RECEIPT_ALPHABET.includes(ch)) return null;
  return code;
}
