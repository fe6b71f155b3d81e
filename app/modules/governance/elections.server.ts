import { randomInt } from "node:crypto";
import { and, asc, count, desc, eq, inArray, sql } from "drizzle-orm";
import { getDb, type Executor } from "../../../db/client.server";
import {
  assemblies,
  assemblyRoll,
  electionBallots,
  electionCandidates,
  electionPaperCounts,
  electionPositions,
  electionResults,
  electionRoll,
  elections,
  electionVoters,
  type ElectionStatus,
} from "../../../db/schema/governance";
import { appendAudit } from "../../lib/audit.server";
import { isStaff } from "../../lib/permissions";
import { activeAssociationsOf, activeMemberRoll, associationOptions, enterpriseNames, isActiveMember, usersOfEnterprise } from "../members/rolls.server";
import { notify } from "../notifications/notifications.server";
import { fail, guarded, isStageLock, ok, rowsOf, type Options, type Result, type SignedIn, staffTransaction } from "./common.server";
import type { BallotInput, ElectionCreateInput, NominateInput, PositionInput } from "./forms";
import { electionTransition, newReceipt, normaliseReceipt, openProblems, tallyPosition, type ElectionAction } from "./rules";

export type Election = typeof elections.$inferSelect;
const PAGE_SIZE = 20;

async function loadElection(db: Executor, id: number, lock: "update" | "share" | null = null): Promise<Election | null> {
  const q = db.select().from(elections).where(eq(elections.id, id));
  const [row] = lock === "update" ? await q.for("update") : lock === "share" ? await q.for("share") : await q;
  return row ?? null;
}

/** Which elections an actor may see: staff all; members those of their associations; others none. */
async function visibleAssociationIds(db: Executor, actor: SignedIn): Promise<number[] | "all"> {
  if (isStaff(actor)) return "all";
  if (actor.role !== "member") return [];
  return activeAssociationsOf(db, actor.enterpriseIds);
}

// ---------------------------------------------------------------------------------------------
// Setup (draft)

export async function createElection(actor: SignedIn, input: ElectionCreateInput, opts: Options = {}): Promise<Result<Election>> {
  return staffTransaction(actor, async (tx) => {
    if (input.assemblyId) {
      const [a] = await tx.select({ associationId: assemblies.associationId }).from(assemblies).where(eq(assemblies.id, input.assemblyId));
      if (!a || a.associationId !== input.associationId) return fail("governance:errors.assembly");
    }
    const [row] = await tx
      .insert(elections)
      .values({ ...input, createdBy: actor.userId, createdAt: opts.now ?? new Date() })
      .returning();
    await appendAudit(tx, { actor, action: "election.create", entityType: "election", entityId: row.id, after: row });
    return ok(row);
  });
}

export async function addPosition(actor: SignedIn, electionId: number, input: PositionInput): Promise<Result<number>> {
  return staffTransaction(actor, async (tx) => {
    const election = await loadElection(tx, electionId);
    if (!election) return fail("notFound");
    const [{ n }] = await tx.select({ n: count() }).from(electionPositions).where(eq(electionPositions.electionId, electionId));
    const [row] = await tx
      .insert(electionPositions)
      .values({ electionId, ...input, sort: n })
      .returning();
    await appendAudit(tx, { actor, action: "election.position", entityType: "election", entityId: electionId, after: row });
    return ok(row.id);
  });
}

/**
 * Staff nominate (and may record that the candidate accepted in writing); a member representative
 * nominates for their own enterprise's vote and needs a seconder from another enterprise.
 */
export async function nominateCandidate(actor: SignedIn, electionId: number, input: NominateInput, opts: Options = {}): Promise<Result<number>> {
  const db = await getDb();
  const staff = isStaff(actor);
  if (!staff) {
    if (actor.role !== "member" || !input.nominatorEnterpriseId || !actor.enterpriseIds.includes(input.nominatorEnterpriseId))
      return fail("governance:errors.forbidden");
  }
  return guarded(
    () =>
      db.transaction(async (tx) => {
        const election = await loadElection(tx, electionId);
        if (!election) return fail("notFound");
        if (!staff && !(await isActiveMember(tx, election.associationId, input.nominatorEnterpriseId!))) return fail("governance:errors.notMember");
        const [position] = await tx
          .select()
          .from(electionPositions)
          .where(and(eq(electionPositions.id, input.positionId), eq(electionPositions.electionId, electionId)));
        if (!position) return fail("governance:errors.position");
        if (!(await isActiveMember(tx, election.associationId, input.enterpriseId))) return fail("governance:errors.candidateNotMember");
        const [candidateUser] = await usersOfEnterprise(tx, input.enterpriseId);
        const now = opts.now ?? new Date();
        const accepted = staff && input.acceptedInWriting;
        const [row] = await tx
          .insert(electionCandidates)
          .values({
            electionId,
            positionId: position.id,
            enterpriseId: input.enterpriseId,
            personName: input.personName,
            statement: input.statement,
            userId: candidateUser ?? null,
            nominatedBy: actor.userId,
            status: accepted ? "accepted" : "nominated",
            acceptedAt: accepted ? now : null,
            createdAt: now,
          })
          .returning();
        await appendAudit(tx, { actor, action: "election.nominate", entityType: "election", entityId: electionId, after: row });
        if (candidateUser && !accepted && candidateUser !== actor.userId) {
          await notify(tx, [
            { userId: candidateUser, messageKey: "governance:notify.nominated", params: { title: election.title }, link: `/elections/${electionId}` },
          ]);
        }
        return ok(row.id);
      }),
    "governance:errors.alreadyNominated",
  );
}

/** Another enterprise's representative seconds a member's nomination. */
export async function secondCandidate(actor: SignedIn, electionId: number, candidateId: number, seconderEnterpriseId: number): Promise<Result> {
  if (actor.role !== "member" || !actor.enterpriseIds.includes(seconderEnterpriseId)) return fail("governance:errors.forbidden");
  const db = await getDb();
  return guarded(() =>
    db.transaction(async (tx) => {
      const election = await loadElection(tx, electionId);
      if (!election) return fail("notFound");
      const [c] = await tx
        .select()
        .from(electionCandidates)
        .where(and(eq(electionCandidates.id, candidateId), eq(electionCandidates.electionId, electionId)));
      if (!c) return fail("notFound");
      if (c.secondedBy) return fail("governance:errors.alreadySeconded");
      if (c.nominatedBy === actor.userId || c.enterpriseId === seconderEnterpriseId) return fail("governance:errors.seconderSame");
      if (!(await isActiveMember(tx, election.associationId, seconderEnterpriseId))) return fail("governance:errors.notMember");
      await tx.update(electionCandidates).set({ secondedBy: actor.userId }).where(eq(electionCandidates.id, candidateId));
      await appendAudit(tx, { actor, action: "election.second", entityType: "election", entityId: electionId, after: { candidateId } });
      return ok(true);
    }),
  );
}

/** The candidate (a user of the nominated enterprise) accepts; staff record an acceptance in writing. */
export async function acceptNomination(actor: SignedIn, electionId: number, candidateId: number, opts: Options = {}): Promise<Result> {
  const db = await getDb();
  return guarded(() =>
    db.transaction(async (tx) => {
      const [c] = await tx
        .select()
        .from(electionCandidates)
        .where(and(eq(electionCandidates.id, candidateId), eq(electionCandidates.electionId, electionId)));
      if (!c) return fail("notFound");
      const own = actor.role === "member" && actor.enterpriseIds.includes(c.enterpriseId);
      if (!own && !isStaff(actor)) return fail("governance:errors.forbidden");
      if (c.status !== "nominated") return fail("governance:errors.stage");
      // A member's nomination counts only once seconded (staff nominations need no seconder).
      if (c.secondedBy === null && !(await nominatedByStaff(tx, c.nominatedBy))) return fail("governance:errors.needsSeconder");
      await tx
        .update(electionCandidates)
        .set({ status: "accepted", acceptedAt: opts.now ?? new Date() })
        .where(eq(electionCandidates.id, candidateId));
      await appendAudit(tx, { actor, action: "election.accept", entityType: "election", entityId: electionId, after: { candidateId } });
      return ok(true);
    }),
  );
}

async function nominatedByStaff(tx: Executor, userId: string): Promise<boolean> {
  const rows = rowsOf<{ role: string }>(await tx.execute(sql`select role from users where id = ${userId}`));
  return rows[0]?.role === "staff" || rows[0]?.role === "admin";
}

export async function withdrawCandidate(actor: SignedIn, electionId: number, candidateId: number): Promise<Result> {
  const db = await getDb();
  return guarded(() =>
    db.transaction(async (tx) => {
      const [c] = await tx
        .select()
        .from(electionCandidates)
        .where(and(eq(electionCandidates.id, candidateId), eq(electionCandidates.electionId, electionId)));
      if (!c) return fail("notFound");
      const own = actor.role === "member" && actor.enterpriseIds.includes(c.enterpriseId);
      if (!own && !isStaff(actor)) return fail("governance:errors.forbidden");
      await tx.update(electionCandidates).set({ status: "withdrawn" }).where(eq(electionCandidates.id, candidateId));
      await appendAudit(tx, { actor, action: "election.withdraw", entityType: "election", entityId: electionId, after: { candidateId } });
      return ok(true);
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Stages

/**
 * Opens voting: checks the competitive rule, freezes the roll (the linked assembly's roll when it
 * has one, else the association's active members) and tells the representatives.
 */
export async function openElection(actor: SignedIn, electionId: number, opts: Options = {}): Promise<Result<{ rollSize: number }>> {
  const now = opts.now ?? new Date();
  return staffTransaction(actor, async (tx) => {
    const election = await loadElection(tx, electionId, "update");
    if (!election) return fail("notFound");
    const step = electionTransition(election.status, "open");
    if (!step.ok) return fail(step.error);
    const positions = await tx.select().from(electionPositions).where(eq(electionPositions.electionId, electionId));
    if (positions.length === 0) return fail("governance:errors.noPositions");
    const accepted = await tx
      .select({ positionId: electionCandidates.positionId, n: count() })
      .from(electionCandidates)
      .where(and(eq(electionCandidates.electionId, electionId), eq(electionCandidates.status, "accepted")))
      .groupBy(electionCandidates.positionId);
    const acceptedOf = new Map(accepted.map((a) => [a.positionId, a.n]));
    const problems = openProblems(
      positions.map((p) => ({ id: p.id, name: p.nameZh, seats: p.seats, accepted: acceptedOf.get(p.id) ?? 0 })),
      election.competitivePct,
    );
    if (problems.length) return fail(election.competitivePct ? "governance:errors.notCompetitive" : "governance:errors.noCandidates");
    let roll: { enterpriseId: number; representativeUserId: string | null }[] = [];
    if (election.assemblyId) {
      roll = await tx
        .select({ enterpriseId: assemblyRoll.enterpriseId, representativeUserId: assemblyRoll.representativeUserId })
        .from(assemblyRoll)
        .where(eq(assemblyRoll.assemblyId, election.assemblyId));
    }
    if (roll.length === 0) roll = await activeMemberRoll(tx, election.associationId);
    if (roll.length === 0) return fail("governance:errors.emptyRoll");
    for (let i = 0; i < roll.length; i += 1000) {
      await tx.insert(electionRoll).values(roll.slice(i, i + 1000).map((r) => ({ electionId, ...r })));
    }
    await tx.update(elections).set({ status: "open", openedAt: now }).where(eq(elections.id, electionId));
    await appendAudit(tx, { actor, action: "election.open", entityType: "election", entityId: electionId, after: { rollSize: roll.length } });
    const reps = [...new Set(roll.map((r) => r.representativeUserId).filter((u): u is string => Boolean(u)))];
    if (reps.length <= 1000)
      await notify(
        tx,
        reps.map((userId) => ({
          userId,
          messageKey: "governance:notify.electionOpen",
          params: { title: election.title },
          link: `/elections/${electionId}/ballot`,
        })),
      );
    return ok({ rollSize: roll.length });
  });
}

/**
 * Closes voting. Then rewrites the ballots and the list of who voted as new rows in random
 * (ballots) and enterprise (voters) order: the physical order and the transaction ids of the rows
 * no longer follow the order in which votes were cast.
 */
export async function closeElection(actor: SignedIn, electionId: number, opts: Options = {}): Promise<Result> {
  const now = opts.now ?? new Date();
  return staffTransaction(actor, async (tx) => {
    const election = await loadElection(tx, electionId, "update");
    if (!election) return fail("notFound");
    const step = electionTransition(election.status, "close");
    if (!step.ok) return fail(step.error);
    await tx.update(elections).set({ status: "closed", closedAt: now }).where(eq(elections.id, electionId));
    await rewriteInNewOrder(tx, electionId);
    await appendAudit(tx, { actor, action: "election.close", entityType: "election", entityId: electionId });
    return ok(true);
  });
}

async function rewriteInNewOrder(tx: Executor, electionId: number): Promise<void> {
  await tx.execute(sql`select set_config('governance.rewrite', ${String(electionId)}, true)`);
  const ballots = await tx
    .select({ receipt: electionBallots.receipt, candidateIds: electionBallots.candidateIds })
    .from(electionBallots)
    .where(eq(electionBallots.electionId, electionId));
  // Fisher-Yates with the crypto generator.
  for (let i = ballots.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [ballots[i], ballots[j]] = [ballots[j], ballots[i]];
  }
  await tx.delete(electionBallots).where(eq(electionBallots.electionId, electionId));
  for (let i = 0; i < ballots.length; i += 1000) {
    await tx.insert(electionBallots).values(ballots.slice(i, i + 1000).map((b) => ({ electionId, receipt: b.receipt, candidateIds: b.candidateIds })));
  }
  const voters = await tx.select().from(electionVoters).where(eq(electionVoters.electionId, electionId)).orderBy(asc(electionVoters.enterpriseId));
  await tx.delete(electionVoters).where(eq(electionVoters.electionId, electionId));
  for (let i = 0; i < voters.length; i += 1000) await tx.insert(electionVoters).values(voters.slice(i, i + 1000));
  await tx.execute(sql`select set_config('governance.rewrite', '', true)`);
}

/** Counts the ballots (online, and paper totals once confirmed) and writes the results. */
export async function tallyElection(actor: SignedIn, electionId: number, opts: Options = {}): Promise<Result<{ tie: boolean; ballots: number }>> {
  const now = opts.now ?? new Date();
  return staffTransaction(actor, async (tx) => {
    const election = await loadElection(tx, electionId, "update");
    if (!election) return fail("notFound");
    const step = electionTransition(election.status, "tally");
    if (!step.ok) return fail(step.error);
    const [paper] = await tx.select().from(electionPaperCounts).where(eq(electionPaperCounts.electionId, electionId));
    const [{ paperVoters }] = await tx
      .select({ paperVoters: count() })
      .from(electionVoters)
      .where(and(eq(electionVoters.electionId, electionId), eq(electionVoters.channel, "paper")));
    if (paperVoters > 0 && !paper) return fail("governance:errors.paperMissing");
    if (paper && !paper.confirmedBy) return fail("governance:errors.paperUnconfirmed");
    const online = rowsOf<{ candidate_id: number; n: number }>(
      await tx.execute(
        sql`select c as candidate_id, count(*)::int as n from ${electionBallots}, unnest(candidate_ids) as c where election_id = ${electionId} group by c`,
      ),
    );
    const [totals] = rowsOf<{ ballots: number; blank: number }>(
      await tx.execute(
        sql`select count(*)::int as ballots, count(*) filter (where cardinality(candidate_ids) = 0)::int as blank from ${electionBallots} where election_id = ${electionId}`,
      ),
    );
    const onlineOf = new Map(online.map((r) => [Number(r.candidate_id), Number(r.n)]));
    const paperOf = new Map(Object.entries(paper?.totals ?? {}).map(([k, v]) => [Number(k), Number(v)]));
    const positions = await tx.select().from(electionPositions).where(eq(electionPositions.electionId, electionId));
    const candidates = await tx
      .select({ id: electionCandidates.id, positionId: electionCandidates.positionId })
      .from(electionCandidates)
      .where(and(eq(electionCandidates.electionId, electionId), eq(electionCandidates.status, "accepted")));
    let tie = false;
    const rows: (typeof electionResults.$inferInsert)[] = [];
    for (const p of positions) {
      const t = tallyPosition(
        p.seats,
        candidates.filter((c) => c.positionId === p.id).map((c) => ({ candidateId: c.id, online: onlineOf.get(c.id) ?? 0, paper: paperOf.get(c.id) ?? 0 })),
      );
      tie ||= t.tie;
      for (const r of t.results)
        rows.push({
          electionId,
          candidateId: r.candidateId,
          positionId: p.id,
          online: r.online,
          paper: r.paper,
          total: r.total,
          rank: r.rank,
          outcome: r.outcome,
        });
    }
    if (rows.length) await tx.insert(electionResults).values(rows);
    const [{ roll }] = await tx.select({ roll: count() }).from(electionRoll).where(eq(electionRoll.electionId, electionId));
    await tx
      .update(elections)
      .set({
        status: "tallied",
        talliedAt: now,
        rollSize: roll,
        onlineBallots: Number(totals.ballots),
        paperBallotCount: paper?.ballots ?? 0,
        blankBallots: Number(totals.blank) + (paper?.blank ?? 0),
        hasTie: tie,
      })
      .where(eq(elections.id, electionId));
    await appendAudit(tx, {
      actor,
      action: "election.tally",
      entityType: "election",
      entityId: electionId,
      after: { ballots: totals.ballots, paper: paper?.ballots ?? 0, tie },
    });
    return ok({ tie, ballots: Number(totals.ballots) + (paper?.ballots ?? 0) });
  });
}

export async function certifyElection(actor: SignedIn, electionId: number, opts: Options = {}): Promise<Result> {
  return staffTransaction(actor, async (tx) => {
    const election = await loadElection(tx, electionId, "update");
    if (!election) return fail("notFound");
    const step = electionTransition(election.status, "certify");
    if (!step.ok) return fail(step.error);
    await tx
      .update(elections)
      .set({ status: "certified", certifiedAt: opts.now ?? new Date(), certifiedBy: actor.userId })
      .where(eq(elections.id, electionId));
    await appendAudit(tx, { actor, action: "election.certify", entityType: "election", entityId: electionId });
    return ok(true);
  });
}

export async function advanceElection(actor: SignedIn, electionId: number, action: ElectionAction, opts: Options = {}): Promise<Result<unknown>> {
  switch (action) {
    case "open":
      return openElection(actor, electionId, opts);
    case "close":
      return closeElection(actor, electionId, opts);
    case "tally":
      return tallyElection(actor, electionId, opts);
    case "certify":
      return certifyElection(actor, electionId, opts);
  }
}

/** Staff replace the representative who casts an enterprise's vote (draft or open). */
export async function setRepresentative(actor: SignedIn, electionId: number, enterpriseId: number, userId: string): Promise<Result> {
  return staffTransaction(actor, async (tx) => {
    const users = await usersOfEnterprise(tx, enterpriseId);
    if (!users.includes(userId)) return fail("governance:errors.representative");
    const updated = await tx
      .update(electionRoll)
      .set({ representativeUserId: userId })
      .where(and(eq(electionRoll.electionId, electionId), eq(electionRoll.enterpriseId, enterpriseId)))
      .returning();
    if (updated.length === 0) return fail("governance:errors.notOnRoll");
    await appendAudit(tx, { actor, action: "election.representative", entityType: "election", entityId: electionId, after: { enterpriseId, userId } });
    return ok(true);
  });
}

// ---------------------------------------------------------------------------------------------
// Voting

export type CastResult = { ok: true; receipt: string } | { ok: false; error: string };

type QueuedVote = {
  userId: string;
  role: string;
  enterpriseId: number;
  ids: string;
  receipt: string;
  done: (r: CastResult) => void;
  failed: (e: unknown) => void;
};
/** Votes waiting to be written, per election, and whether a write is scheduled. */
const voteQueues = new Map<number, QueuedVote[]>();
// Votes per statement: fewer, larger statements measured best (bench p99 at load ~11: 50 per statement 401 ms, 200: 310 ms, 500: 239 ms).
const MAX_BATCH = 500;

/**
 * Casts an enterprise's ballot. Votes that arrive together are written together: each vote joins
 * its election's queue and the queue is written by one SQL statement per turn of the event loop
 * (one round trip and one implicit transaction for up to 200 votes). That statement reads the
 * election row under a share lock (closing waits for votes in flight, and a vote after closing is
 * refused), checks each vote (roll, representative, membership, candidates, seats), then writes,
 * for each vote that passes, the row of who voted (its primary key refuses a second vote, also
 * under concurrent submissions), the ballot (random id, no voter, no time) and the audit row (that
 * a vote was cast, never its content). Written one by one, 500 simultaneous votes queued on the
 * pool's connections: that queue, not the work of a vote, was the cost (see the README figures).
 */
export async function castVote(actor: SignedIn, electionId: number, input: BallotInput): Promise<CastResult> {
  if (actor.role !== "member" || !actor.enterpriseIds.includes(input.enterpriseId)) return fail("governance:errors.notRepresentative");
  const chosen = [...input.candidateIds].sort((a, b) => a - b);
  if (new Set(chosen).size !== chosen.length) return fail("governance:errors.duplicateChoice");
  const receipt = newReceipt(randomInt);
  return new Promise<CastResult>((done, failed) => {
    const queue = voteQueues.get(electionId);
    // Validated positive int32 ids, sent as an array literal.
    const vote = { userId: actor.userId, role: actor.role, enterpriseId: input.enterpriseId, ids: `{${chosen.join(",")}}`, receipt, done, failed };
    if (queue) queue.push(vote);
    else {
      voteQueues.set(electionId, [vote]);
      setImmediate(() => void writeQueuedVotes(electionId));
    }
  });
}

async function writeQueuedVotes(electionId: number): Promise<void> {
  const queue = voteQueues.get(electionId) ?? [];
  voteQueues.delete(electionId);
  // One vote per enterprise in a statement: a second one for the same enterprise waits for the
  // next (where the primary key refuses it if the first was recorded), as do votes beyond the batch.
  const batch: QueuedVote[] = [];
  const later: QueuedVote[] = [];
  const seen = new Set<number>();
  for (const v of queue) {
    if (batch.length < MAX_BATCH && !seen.has(v.enterpriseId)) {
      seen.add(v.enterpriseId);
      batch.push(v);
    } else later.push(v);
  }
  if (later.length) {
    const next = voteQueues.get(electionId);
    if (next) next.unshift(...later);
    else {
      voteQueues.set(electionId, later);
      setImmediate(() => void writeQueuedVotes(electionId));
    }
  }
  // Random order within the statement: the ballots' physical order does not follow arrival.
  for (let i = batch.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [batch[i], batch[j]] = [batch[j], batch[i]];
  }
  try {
    const rows = await writeVotes(electionId, batch);
    const byOrd = new Map(rows.map((r) => [Number(r.ord), r]));
    batch.forEach((v, i) => v.done(voteOutcome(byOrd.get(i + 1), v.receipt)));
  } catch (error) {
    if (isStageLock(error)) batch.forEach((v) => v.done(fail("governance:errors.locked")));
    else batch.forEach((v) => v.failed(error));
  }
}

function voteOutcome(row: VoteChecks | undefined, receipt: string): CastResult {
  if (!row || row.status === null) return fail("notFound");
  if (row.status !== "open") return fail("governance:errors.notOpen");
  if (!row.on_roll) return fail("governance:errors.notOnRoll");
  if (!row.representative) return fail("governance:errors.notRepresentative");
  if (!row.member) return fail("governance:errors.notMember");
  if (!row.known) return fail("governance:errors.unknownCandidate");
  if (!row.within_seats) return fail("governance:errors.overVote");
  return row.cast ? { ok: true, receipt } : fail("governance:errors.alreadyVoted");
}

async function writeVotes(electionId: number, batch: QueuedVote[]): Promise<VoteChecks[]> {
  const db = await getDb();
  const arr = (values: (string | number)[]) => `{${values.map((v) => `"${String(v).replace(/["\\]/g, "\\$&")}"`).join(",")}}`;
  return rowsOf<VoteChecks>(
    await db.execute(sql`
      with e as (
        select status, association_id from elections where id = ${electionId} for share
      ), input as (
        select * from unnest(${arr(batch.map((v) => v.enterpriseId))}::int[], ${arr(batch.map((v) => v.userId))}::text[], ${arr(batch.map((v) => v.role))}::text[], ${arr(batch.map((v) => v.ids))}::text[], ${arr(batch.map((v) => v.receipt))}::text[])
          with ordinality as i(enterprise_id, user_id, role, ids, receipt, ord)
      ), checks as (
        select i.ord, i.enterprise_id, i.user_id, i.role, i.ids::int[] as ids, i.receipt,
          (select status from e) as status,
          r.enterprise_id is not null as on_roll,
          coalesce(r.representative_user_id = i.user_id, false) as representative,
          exists (select 1 from memberships m where m.association_id = (select association_id from e) and m.enterprise_id = i.enterprise_id and m.status = 'active') as member,
          not exists (
            select 1 from unnest(i.ids::int[]) as c(id)
            left join election_candidates ec on ec.id = c.id and ec.election_id = ${electionId} and ec.status = 'accepted'
            where ec.id is null
          ) as known,
          not exists (
            select 1 from unnest(i.ids::int[]) as c(id)
            join election_candidates ec on ec.id = c.id and ec.election_id = ${electionId}
            join election_positions p on p.id = ec.position_id
            group by p.id, p.seats having count(*) > p.seats
          ) as within_seats
        from input i left join election_roll r on r.election_id = ${electionId} and r.enterprise_id = i.enterprise_id
      ), v as (
        insert into election_voters (election_id, enterprise_id, channel)
        select ${electionId}, enterprise_id, 'online' from checks
        where status = 'open' and on_roll and representative and member and known and within_seats
        order by ord
        on conflict do nothing
        returning enterprise_id
      ), b as (
        insert into election_ballots (election_id, receipt, candidate_ids)
        select ${electionId}, c.receipt, c.ids from checks c join v on v.enterprise_id = c.enterprise_id order by c.ord
        returning 1
      ), a as (
        insert into audit_events (actor_id, actor_role, action, entity_type, entity_id)
        select c.user_id, c.role, 'election.vote', 'election', ${String(electionId)} from checks c join v on v.enterprise_id = c.enterprise_id
        returning 1
      )
      select c.ord, c.status, c.on_roll, c.representative, c.member, c.known, c.within_seats, v.enterprise_id is not null as cast
      from checks c left join v on v.enterprise_id = c.enterprise_id`),
  );
}

type VoteChecks = {
  ord: number;
  status: string | null;
  on_roll: boolean;
  representative: boolean;
  member: boolean;
  known: boolean;
  within_seats: boolean;
  cast: boolean;
};

async function ballotPositions(tx: Executor, electionId: number) {
  const positions = await tx
    .select()
    .from(electionPositions)
    .where(eq(electionPositions.electionId, electionId))
    .orderBy(asc(electionPositions.sort), asc(electionPositions.id));
  const candidates = await tx
    .select({ id: electionCandidates.id, positionId: electionCandidates.positionId })
    .from(electionCandidates)
    .where(and(eq(electionCandidates.electionId, electionId), eq(electionCandidates.status, "accepted")));
  return positions.map((p) => ({ id: p.id, seats: p.seats, candidateIds: candidates.filter((c) => c.positionId === p.id).map((c) => c.id) }));
}

/** Staff hand an enterprise a paper ballot at the assembly: it is marked as voted (paper) and cannot vote online. */
export async function issuePaperBallot(actor: SignedIn, electionId: number, enterpriseId: number): Promise<Result> {
  return staffTransaction(
    actor,
    async (tx) => {
      const election = await loadElection(tx, electionId, "share");
      if (!election) return fail("notFound");
      if (!election.paperBallots) return fail("governance:errors.noPaper");
      if (election.status !== "open") return fail("governance:errors.notOpen");
      const [entry] = await tx
        .select()
        .from(electionRoll)
        .where(and(eq(electionRoll.electionId, electionId), eq(electionRoll.enterpriseId, enterpriseId)));
      if (!entry) return fail("governance:errors.notOnRoll");
      await tx.insert(electionVoters).values({ electionId, enterpriseId, channel: "paper" });
      await appendAudit(tx, { actor, action: "election.paperBallot", entityType: "election", entityId: electionId, after: { enterpriseId } });
      return ok(true);
    },
    "governance:errors.alreadyVoted",
  );
}

export type PaperTotalsInput = { ballots: number; blank: number; totals: Record<number, number> };

/** Staff enter the sealed paper totals (closed election); they count only after a second staff user confirms. */
export async function enterPaperTotals(actor: SignedIn, electionId: number, input: PaperTotalsInput, opts: Options = {}): Promise<Result> {
  return staffTransaction(actor, async (tx) => {
    const election = await loadElection(tx, electionId, "update");
    if (!election) return fail("notFound");
    if (election.status !== "closed") return fail("governance:errors.notClosed");
    const [{ issued }] = await tx
      .select({ issued: count() })
      .from(electionVoters)
      .where(and(eq(electionVoters.electionId, electionId), eq(electionVoters.channel, "paper")));
    if (input.ballots > issued) return fail("governance:errors.paperTooMany");
    if (input.blank > input.ballots) return fail("governance:errors.paperBlank");
    const positions = await ballotPositions(tx, electionId);
    const totals: Record<string, number> = {};
    for (const p of positions) {
      let marks = 0;
      for (const c of p.candidateIds) {
        const n = input.totals[c] ?? 0;
        if (n > input.ballots - input.blank) return fail("governance:errors.paperCandidate");
        totals[String(c)] = n;
        marks += n;
      }
      if (marks > (input.ballots - input.blank) * p.seats) return fail("governance:errors.paperCandidate");
    }
    const values = {
      electionId,
      ballots: input.ballots,
      blank: input.blank,
      totals,
      enteredBy: actor.userId,
      enteredAt: opts.now ?? new Date(),
      confirmedBy: null,
      confirmedAt: null,
    };
    await tx.insert(electionPaperCounts).values(values).onConflictDoUpdate({ target: electionPaperCounts.electionId, set: values });
    await appendAudit(tx, {
      actor,
      action: "election.paperTotals",
      entityType: "election",
      entityId: electionId,
      after: { ballots: input.ballots, blank: input.blank, totals },
    });
    return ok(true);
  });
}

export async function confirmPaperTotals(actor: SignedIn, electionId: number, opts: Options = {}): Promise<Result> {
  return staffTransaction(actor, async (tx) => {
    const [paper] = await tx.select().from(electionPaperCounts).where(eq(electionPaperCounts.electionId, electionId)).for("update");
    if (!paper) return fail("governance:errors.paperMissing");
    if (paper.confirmedBy) return fail("governance:errors.paperConfirmed");
    if (paper.enteredBy === actor.userId) return fail("governance:errors.paperSecondPerson");
    await tx
      .update(electionPaperCounts)
      .set({ confirmedBy: actor.userId, confirmedAt: opts.now ?? new Date() })
      .where(eq(electionPaperCounts.electionId, electionId));
    await appendAudit(tx, { actor, action: "election.paperConfirm", entityType: "election", entityId: electionId });
    return ok(true);
  });
}

// ---------------------------------------------------------------------------------------------
// Queries

export type ElectionListItem = Election & { associationZh: string; associationEn: string; voted: number };

export async function listElections(actor: SignedIn, filter: { status?: ElectionStatus | null }, page: number) {
  const db = await getDb();
  const scope = await visibleAssociationIds(db, actor);
  if (scope !== "all" && scope.length === 0) return { items: [], total: 0, page, pageSize: PAGE_SIZE };
  const where = and(
    scope === "all" ? undefined : inArray(elections.associationId, scope),
    filter.status ? eq(elections.status, filter.status) : undefined,
    // Members do not see drafts.
    scope === "all" ? undefined : sql`${elections.status} <> 'draft'`,
  );
  const [{ total }] = await db.select({ total: count() }).from(elections).where(where);
  const rows = await db
    .select()
    .from(elections)
    .where(where)
    .orderBy(desc(elections.createdAt), desc(elections.id))
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE);
  const assoc = new Map((await associationOptions(db)).map((a) => [a.id, a]));
  const voted = rows.length
    ? await db
        .select({ electionId: electionVoters.electionId, n: count() })
        .from(electionVoters)
        .where(
          inArray(
            electionVoters.electionId,
            rows.map((r) => r.id),
          ),
        )
        .groupBy(electionVoters.electionId)
    : [];
  const votedOf = new Map(voted.map((v) => [v.electionId, v.n]));
  return {
    items: rows.map((r) => ({
      ...r,
      associationZh: assoc.get(r.associationId)?.nameZh ?? "",
      associationEn: assoc.get(r.associationId)?.nameEn ?? "",
      voted: votedOf.get(r.id) ?? 0,
    })),
    total,
    page,
    pageSize: PAGE_SIZE,
  };
}

export async function electionFormOptions() {
  const db = await getDb();
  const assemblyRows = await db
    .select({ id: assemblies.id, title: assemblies.title, associationId: assemblies.associationId })
    .from(assemblies)
    .where(sql`${assemblies.status} <> 'closed'`)
    .orderBy(desc(assemblies.startsAt));
  return { associations: await associationOptions(db), assemblies: assemblyRows };
}

/** An election as the actor may see it: null when it is outside their scope (or a draft for a member). */
export async function getElection(actor: SignedIn, electionId: number) {
  const db = await getDb();
  const election = await loadElection(db, electionId);
  if (!election) return null;
  const staff = isStaff(actor);
  if (!staff) {
    const scope = await visibleAssociationIds(db, actor);
    if (scope === "all" ? false : !scope.includes(election.associationId)) return null;
    if (election.status === "draft") return null;
  }
  const positions = await db
    .select()
    .from(electionPositions)
    .where(eq(electionPositions.electionId, electionId))
    .orderBy(asc(electionPositions.sort), asc(electionPositions.id));
  const candidates = await db.select().from(electionCandidates).where(eq(electionCandidates.electionId, electionId)).orderBy(asc(electionCandidates.id));
  const [{ rollSize }] = await db.select({ rollSize: count() }).from(electionRoll).where(eq(electionRoll.electionId, electionId));
  const voters = await db.select().from(electionVoters).where(eq(electionVoters.electionId, electionId)).orderBy(asc(electionVoters.enterpriseId));
  const mine =
    actor.role === "member" && actor.enterpriseIds.length
      ? await db
          .select()
          .from(electionRoll)
          .where(and(eq(electionRoll.electionId, electionId), inArray(electionRoll.enterpriseId, actor.enterpriseIds)))
      : [];
  const votedSet = new Set(voters.map((v) => v.enterpriseId));
  const roll = staff ? await db.select().from(electionRoll).where(eq(electionRoll.electionId, electionId)).orderBy(asc(electionRoll.enterpriseId)) : [];
  const names = await enterpriseNames(db, [...candidates.map((c) => c.enterpriseId), ...roll.map((r) => r.enterpriseId), ...mine.map((m) => m.enterpriseId)]);
  const [paper] = staff ? await db.select().from(electionPaperCounts).where(eq(electionPaperCounts.electionId, electionId)) : [];
  const results =
    election.status === "tallied" || election.status === "certified"
      ? await db.select().from(electionResults).where(eq(electionResults.electionId, electionId))
      : [];
  const assoc = (await associationOptions(db)).find((a) => a.id === election.associationId);
  return {
    election,
    association: assoc ?? null,
    positions,
    candidates: candidates.map((c) => ({ ...c, enterpriseName: names.get(c.enterpriseId) ?? "" })),
    rollSize,
    votedCount: voters.length,
    paperVoters: voters.filter((v) => v.channel === "paper").length,
    // Staff see who has voted (never how); members see only their own enterprises.
    roll: roll.map((r) => ({
      ...r,
      enterpriseName: names.get(r.enterpriseId) ?? "",
      voted: votedSet.has(r.enterpriseId),
      channel: voters.find((v) => v.enterpriseId === r.enterpriseId)?.channel ?? null,
    })),
    mine: mine.map((m) => ({
      enterpriseId: m.enterpriseId,
      enterpriseName: names.get(m.enterpriseId) ?? "",
      representative: m.representativeUserId === actor.userId,
      voted: votedSet.has(m.enterpriseId),
    })),
    paper: paper ?? null,
    results,
  };
}

/** The ballot: positions with accepted candidates, and the enterprises the actor casts a vote for. */
export async function getBallot(actor: SignedIn, electionId: number) {
  const found = await getElection(actor, electionId);
  if (!found) return null;
  return {
    election: found.election,
    association: found.association,
    positions: found.positions.map((p) => ({ ...p, candidates: found.candidates.filter((c) => c.positionId === p.id && c.status === "accepted") })),
    voters: found.mine.filter((m) => m.representative),
  };
}

/**
 * The public bulletin after the tally: every receipt with its ballot, in receipt order, so anyone
 * can check their ballot and recount. Null before the tally.
 */
export async function getBulletin(electionId: number, page: number, receiptQuery?: string | null) {
  const db = await getDb();
  const election = await loadElection(db, electionId);
  if (!election || election.status === "draft") return null;
  const published = election.status === "tallied" || election.status === "certified";
  const positions = await db
    .select()
    .from(electionPositions)
    .where(eq(electionPositions.electionId, electionId))
    .orderBy(asc(electionPositions.sort), asc(electionPositions.id));
  const candidates = await db
    .select({ id: electionCandidates.id, positionId: electionCandidates.positionId, personName: electionCandidates.personName })
    .from(electionCandidates)
    .where(and(eq(electionCandidates.electionId, electionId), eq(electionCandidates.status, "accepted")));
  if (!published) return { election, published, positions, candidates, ballots: [], total: 0, page, pageSize: 50, found: null, searched: false };
  const [{ total }] = await db.select({ total: count() }).from(electionBallots).where(eq(electionBallots.electionId, electionId));
  const ballots = await db
    .select({ receipt: electionBallots.receipt, candidateIds: electionBallots.candidateIds })
    .from(electionBallots)
    .where(eq(electionBallots.electionId, electionId))
    .orderBy(asc(electionBallots.receipt))
    .limit(50)
    .offset((page - 1) * 50);
  let found: { receipt: string; candidateIds: number[] } | null = null;
  const searched = Boolean(receiptQuery);
  if (receiptQuery) {
    const code = normaliseReceipt(receiptQuery);
    if (code) {
      const [row] = await db
        .select({ receipt: electionBallots.receipt, candidateIds: electionBallots.candidateIds })
        .from(electionBallots)
        .where(and(eq(electionBallots.electionId, electionId), eq(electionBallots.receipt, code)));
      found = row ?? null;
    }
  }
  return { election, published, positions, candidates, ballots, total, page, pageSize: 50, found, searched };
}

/** Verifies a receipt: whether a ballot with it was counted, and what it says. */
export async function verifyReceipt(electionId: number, receipt: string) {
  const bulletin = await getBulletin(electionId, 1, receipt);
  return bulletin?.found ?? null;
}

/** All ballots of a tallied election as CSV rows (receipt, candidate ids): the bulletin for a recount. */
export async function bulletinRows(electionId: number): Promise<{ receipt: string; candidateIds: number[] }[] | null> {
  const db = await getDb();
  const election = await loadElection(db, electionId);
  if (!election || !(election.status === "tallied" || election.status === "certified")) return null;
  return db
    .select({ receipt: electionBallots.receipt, candidateIds: electionBallots.candidateIds })
    .from(electionBallots)
    .where(eq(electionBallots.electionId, electionId))
    .orderBy(asc(electionBallots.receipt));
}

/** Results page data (tallied or certified), public. */
export async function getResults(electionId: number) {
  const db = await getDb();
  const election = await loadElection(db, electionId);
  if (!election || !(election.status === "tallied" || election.status === "certified")) return null;
  const positions = await db
    .select()
    .from(electionPositions)
    .where(eq(electionPositions.electionId, electionId))
    .orderBy(asc(electionPositions.sort), asc(electionPositions.id));
  const candidates = await db.select().from(electionCandidates).where(eq(electionCandidates.electionId, electionId));
  const results = await db
    .select()
    .from(electionResults)
    .where(eq(electionResults.electionId, electionId))
    .orderBy(asc(electionResults.positionId), asc(electionResults.rank), asc(electionResults.candidateId));
  const names = await enterpriseNames(
    db,
    candidates.map((c) => c.enterpriseId),
  );
  const assoc = (await associationOptions(db)).find((a) => a.id === election.associationId) ?? null;
  const [{ voted }] = await db.select({ voted: count() }).from(electionVoters).where(eq(electionVoters.electionId, electionId));
  let assembly: { title: string; startsAt: Date; quorumRule: string } | null = null;
  if (election.assemblyId) {
    const [a] = await db
      .select({ title: assemblies.title, startsAt: assemblies.startsAt, quorumRule: assemblies.quorumRule })
      .from(assemblies)
      .where(eq(assemblies.id, election.assemblyId));
    assembly = a ?? null;
  }
  const byId = new Map(candidates.map((c) => [c.id, c]));
  return {
    election,
    association: assoc,
    assembly,
    voted,
    positions: positions.map((p) => ({
      ...p,
      results: results
        .filter((r) => r.positionId === p.id)
        .map((r) => ({
          ...r,
          personName: byId.get(r.candidateId)?.personName ?? "",
          enterpriseName: names.get(byId.get(r.candidateId)?.enterpriseId ?? 0) ?? "",
        })),
    })),
  };
}
