import { randomInt } from "node:crypto";
import { and, asc, count, desc, eq, inArray, sql } from "drizzle-orm";
import { getDb, type Executor } from "../../../db/client.server";
import {
  assemblies,
  assemblyAttendance,
  assemblyProxies,
  assemblyRoll,
  documentVersions,
  governanceDocuments,
  motionBallots,
  motions,
  motionVoters,
  type MotionChoice,
} from "../../../db/schema/governance";
import { appendAudit } from "../../lib/audit.server";
import { isStaff } from "../../lib/permissions";
import { activeAssociationsOf, activeMemberRoll, associationOptions, COUNCIL_TYPES, enterpriseNames } from "../members/rolls.server";
import { fail, guarded, ok, rowsOf, type Options, type Result, type SignedIn, staffTransaction } from "./common.server";
import type { AssemblyCreateInput, MotionCreateInput, MotionResultInput } from "./forms";
import { checkMotionCounts, motionOutcome, motionPasses, quorumMet, quorumNeeded, tallyMotionBallots } from "./rules";
import { adoptVersionInTx, settleAmendmentMotion } from "./charters.server";

export type Assembly = typeof assemblies.$inferSelect;
const PAGE_SIZE = 20;

async function loadAssembly(db: Executor, id: number, lock = false): Promise<Assembly | null> {
  const q = db.select().from(assemblies).where(eq(assemblies.id, id));
  const [row] = lock ? await q.for("update") : await q;
  return row ?? null;
}

/**
 * A motion still to be decided, of an assembly in session, with the motion row locked for update
 * (and the assembly's too when the caller decides the motion).
 */
async function pendingMotion(
  tx: Executor,
  assemblyId: number,
  motionId: number,
  lockAssembly: boolean,
): Promise<Result<{ assembly: Assembly; motion: typeof motions.$inferSelect }>> {
  const assembly = await loadAssembly(tx, assemblyId, lockAssembly);
  if (!assembly) return fail("notFound");
  if (assembly.status !== "open") return fail("governance:errors.assemblyNotOpen");
  const [motion] = await tx
    .select()
    .from(motions)
    .where(and(eq(motions.id, motionId), eq(motions.assemblyId, assemblyId)))
    .for("update");
  if (!motion) return fail("notFound");
  if (motion.status !== "pending") return fail("governance:errors.motionDecided");
  return ok({ assembly, motion });
}

/** Shanghai wall-clock date and time as an instant (UTC+8, no daylight saving). */
export function shanghaiInstant(date: string, time: string): Date {
  return new Date(`${date}T${time}:00+08:00`);
}

export async function scheduleAssembly(actor: SignedIn, input: AssemblyCreateInput, opts: Options = {}): Promise<Result<Assembly>> {
  return staffTransaction(actor, async (tx) => {
    const [row] = await tx
      .insert(assemblies)
      .values({
        associationId: input.associationId,
        kind: input.kind,
        title: input.title,
        startsAt: shanghaiInstant(input.date, input.time),
        place: input.place,
        onlineUrl: input.onlineUrl,
        agenda: input.agenda,
        quorumRule: input.quorumRule,
        proxyLimit: input.allowProxies ? 1 : 0,
        createdBy: actor.userId,
        createdAt: opts.now ?? new Date(),
      })
      .returning();
    await appendAudit(tx, { actor, action: "assembly.schedule", entityType: "assembly", entityId: row.id, after: row });
    return ok(row);
  });
}

/** Opens the assembly: computes the roll (active members; council meetings: the council) and freezes it. */
export async function openAssembly(actor: SignedIn, assemblyId: number, opts: Options = {}): Promise<Result<{ rollSize: number; code: string }>> {
  return staffTransaction(actor, async (tx) => {
    const a = await loadAssembly(tx, assemblyId, true);
    if (!a) return fail("notFound");
    if (a.status !== "scheduled") return fail("governance:errors.stage");
    const roll = await activeMemberRoll(tx, a.associationId, a.kind === "council" ? COUNCIL_TYPES : undefined);
    if (roll.length === 0) return fail("governance:errors.emptyRoll");
    for (let i = 0; i < roll.length; i += 1000) await tx.insert(assemblyRoll).values(roll.slice(i, i + 1000).map((r) => ({ assemblyId, ...r })));
    const code = String(randomInt(100000, 1000000));
    await tx
      .update(assemblies)
      .set({ status: "open", openedAt: opts.now ?? new Date(), meetingCode: code })
      .where(eq(assemblies.id, assemblyId));
    await appendAudit(tx, { actor, action: "assembly.open", entityType: "assembly", entityId: assemblyId, after: { rollSize: roll.length } });
    return ok({ rollSize: roll.length, code });
  });
}

export async function closeAssembly(actor: SignedIn, assemblyId: number, opts: Options = {}): Promise<Result> {
  return staffTransaction(actor, async (tx) => {
    const a = await loadAssembly(tx, assemblyId, true);
    if (!a) return fail("notFound");
    if (a.status !== "open") return fail("governance:errors.stage");
    await tx
      .update(assemblies)
      .set({ status: "closed", closedAt: opts.now ?? new Date() })
      .where(eq(assemblies.id, assemblyId));
    await appendAudit(tx, { actor, action: "assembly.close", entityType: "assembly", entityId: assemblyId });
    return ok(true);
  });
}

async function onRoll(tx: Executor, assemblyId: number, enterpriseId: number) {
  const [row] = await tx
    .select()
    .from(assemblyRoll)
    .where(and(eq(assemblyRoll.assemblyId, assemblyId), eq(assemblyRoll.enterpriseId, enterpriseId)));
  return row ?? null;
}

/** Staff check a representative in, or the representative checks in with the code shown in the room. */
export async function checkIn(actor: SignedIn, assemblyId: number, enterpriseId: number, code: string | null, opts: Options = {}): Promise<Result> {
  const db = await getDb();
  const staff = isStaff(actor);
  if (!staff && !(actor.role === "member" && actor.enterpriseIds.includes(enterpriseId))) return fail("governance:errors.forbidden");
  return guarded(
    () =>
      db.transaction(async (tx) => {
        const a = await loadAssembly(tx, assemblyId);
        if (!a) return fail("notFound");
        if (a.status !== "open") return fail("governance:errors.assemblyNotOpen");
        const entry = await onRoll(tx, assemblyId, enterpriseId);
        if (!entry) return fail("governance:errors.notOnRoll");
        if (!staff) {
          if (entry.representativeUserId !== actor.userId) return fail("governance:errors.notRepresentative");
          if (!code || code.trim() !== a.meetingCode) return fail("governance:errors.meetingCode");
        }
        const [proxied] = await tx
          .select()
          .from(assemblyProxies)
          .where(and(eq(assemblyProxies.assemblyId, assemblyId), eq(assemblyProxies.fromEnterpriseId, enterpriseId)));
        if (proxied) return fail("governance:errors.heldByProxy");
        await tx
          .insert(assemblyAttendance)
          .values({ assemblyId, enterpriseId, method: staff ? "staff" : "code", checkedInBy: actor.userId, checkedInAt: opts.now ?? new Date() });
        await appendAudit(tx, { actor, action: "assembly.checkIn", entityType: "assembly", entityId: assemblyId, after: { enterpriseId } });
        return ok(true);
      }),
    "governance:errors.alreadyCheckedIn",
  );
}

/** Records a proxy: a present enterprise holds one absent enterprise's vote (as the rules allow). */
export async function recordProxy(
  actor: SignedIn,
  assemblyId: number,
  fromEnterpriseId: number,
  holderEnterpriseId: number,
  opts: Options = {},
): Promise<Result> {
  return staffTransaction(
    actor,
    async (tx) => {
      if (fromEnterpriseId === holderEnterpriseId) return fail("governance:errors.proxySelf");
      const a = await loadAssembly(tx, assemblyId);
      if (!a) return fail("notFound");
      if (a.status !== "open") return fail("governance:errors.assemblyNotOpen");
      if (a.proxyLimit < 1) return fail("governance:errors.noProxies");
      if (!(await onRoll(tx, assemblyId, fromEnterpriseId)) || !(await onRoll(tx, assemblyId, holderEnterpriseId))) return fail("governance:errors.notOnRoll");
      const present = await tx
        .select()
        .from(assemblyAttendance)
        .where(and(eq(assemblyAttendance.assemblyId, assemblyId), inArray(assemblyAttendance.enterpriseId, [fromEnterpriseId, holderEnterpriseId])));
      if (!present.some((p) => p.enterpriseId === holderEnterpriseId)) return fail("governance:errors.holderAbsent");
      if (present.some((p) => p.enterpriseId === fromEnterpriseId)) return fail("governance:errors.fromPresent");
      const [holderIsProxied] = await tx
        .select()
        .from(assemblyProxies)
        .where(and(eq(assemblyProxies.assemblyId, assemblyId), eq(assemblyProxies.fromEnterpriseId, holderEnterpriseId)));
      if (holderIsProxied) return fail("governance:errors.proxyChain");
      await tx
        .insert(assemblyProxies)
        .values({ assemblyId, fromEnterpriseId, holderEnterpriseId, recordedBy: actor.userId, recordedAt: opts.now ?? new Date() });
      await appendAudit(tx, { actor, action: "assembly.proxy", entityType: "assembly", entityId: assemblyId, after: { fromEnterpriseId, holderEnterpriseId } });
      return ok(true);
    },
    "governance:errors.proxyTaken",
  );
}

/** Votes present: enterprises checked in plus the absent ones whose vote a proxy holds. */
export async function presence(db: Executor, assemblyId: number) {
  const [{ roll }] = await db.select({ roll: count() }).from(assemblyRoll).where(eq(assemblyRoll.assemblyId, assemblyId));
  const [{ attending }] = await db.select({ attending: count() }).from(assemblyAttendance).where(eq(assemblyAttendance.assemblyId, assemblyId));
  const [{ proxies }] = await db.select({ proxies: count() }).from(assemblyProxies).where(eq(assemblyProxies.assemblyId, assemblyId));
  return { roll, attending, proxies, present: attending + proxies };
}

export async function createMotion(actor: SignedIn, assemblyId: number, input: MotionCreateInput, opts: Options = {}): Promise<Result<number>> {
  return staffTransaction(actor, async (tx) => {
    const a = await loadAssembly(tx, assemblyId);
    if (!a) return fail("notFound");
    if (a.status === "closed") return fail("governance:errors.stage");
    if (input.kind === "adopt_charter" || input.kind === "adopt_rules") {
      if (!input.versionId) return fail("governance:errors.versionNeeded");
      const [v] = await tx
        .select({ status: documentVersions.status, associationId: governanceDocuments.associationId, kind: governanceDocuments.kind })
        .from(documentVersions)
        .innerJoin(governanceDocuments, eq(governanceDocuments.id, documentVersions.documentId))
        .where(eq(documentVersions.id, input.versionId));
      if (!v || v.associationId !== a.associationId || v.kind !== (input.kind === "adopt_charter" ? "charter" : "election_rules"))
        return fail("governance:errors.versionNeeded");
      if (v.status !== "proposed") return fail("governance:errors.versionNotProposed");
    }
    const [row] = await tx
      .insert(motions)
      .values({
        assemblyId,
        kind: input.kind,
        title: input.title,
        body: input.body,
        versionId: input.kind === "other" ? null : input.versionId,
        secret: input.secret,
        threshold: input.threshold,
        createdAt: opts.now ?? new Date(),
      })
      .returning();
    await appendAudit(tx, { actor, action: "motion.create", entityType: "motion", entityId: row.id, after: row });
    return ok(row.id);
  });
}

/**
 * Records a motion's result (yes / no / abstain counted in the room, open or secret), with the
 * votes present and whether quorum held. A passed motion to adopt a text adopts that version; a
 * passed amendment motion accepts the amendment.
 */
export async function recordMotionResult(
  actor: SignedIn,
  assemblyId: number,
  input: MotionResultInput,
  opts: Options = {},
): Promise<Result<{ passed: boolean; quorum: boolean }>> {
  const now = opts.now ?? new Date();
  return staffTransaction(actor, async (tx) => {
    const found = await pendingMotion(tx, assemblyId, input.motionId, true);
    if (!found.ok) return found;
    const { assembly: a, motion: m } = found.value;
    // Once online voting is open the result comes from closing it (online plus room counts).
    if (m.votingOpenedAt) return fail("governance:errors.motionVotingOpen");
    const p = await presence(tx, assemblyId);
    const counts = { yes: input.yes, no: input.no, abstain: input.abstain };
    const countError = checkMotionCounts(counts, p.present);
    if (countError) return fail(countError);
    const quorum = quorumMet(a.quorumRule, p.roll, p.present);
    const passed = motionPasses(m.threshold, counts, p.present, quorum);
    await tx
      .update(motions)
      .set({
        ...counts,
        present: p.present,
        rollSize: p.roll,
        quorumMet: quorum,
        status: passed ? "passed" : "failed",
        decidedAt: now,
        decidedBy: actor.userId,
      })
      .where(eq(motions.id, m.id));
    if (passed && m.versionId) await adoptVersionInTx(tx, m.versionId, m.id, now);
    if (m.amendmentId) await settleAmendmentMotion(tx, m.amendmentId, passed, actor.userId, now);
    await appendAudit(tx, { actor, action: "motion.result", entityType: "motion", entityId: m.id, after: { ...counts, present: p.present, quorum, passed } });
    return ok({ passed, quorum });
  });
}

// ---------------------------------------------------------------------------------------------
// Online voting on a motion. The same secrecy as an election ballot (elections.server.ts castVote):
// who voted (motion_voters) and the ballots (motion_ballots: random id, no voter, no time) are
// separate rows written in one statement, the primary key of motion_voters refuses a second vote,
// and a secret motion's ballots are rewritten in random order when voting closes. For an open
// motion the choice is also kept with the voter, so everyone sees who voted how.

/** Staff open online voting on a pending motion of an open assembly. */
export async function openMotionVoting(actor: SignedIn, assemblyId: number, motionId: number, opts: Options = {}): Promise<Result> {
  return staffTransaction(actor, async (tx) => {
    const found = await pendingMotion(tx, assemblyId, motionId, false);
    if (!found.ok) return found;
    if (found.value.motion.votingOpenedAt) return fail("governance:errors.motionVotingOpen");
    await tx
      .update(motions)
      .set({ votingOpenedAt: opts.now ?? new Date() })
      .where(eq(motions.id, motionId));
    await appendAudit(tx, { actor, action: "motion.openVoting", entityType: "motion", entityId: motionId });
    return ok(true);
  });
}

export type MotionVoteInput = { motionId: number; enterpriseId: number; choice: MotionChoice };

/**
 * A representative votes for an enterprise on the frozen roll: its own, when it is checked in, or
 * an absent one whose vote its enterprise holds by proxy. One statement (one implicit
 * transaction): the motion row under a share lock (closing waits for votes in flight), the checks,
 * then the voter row, the ballot and the audit row (that a vote was cast, never how).
 */
export async function castMotionVote(actor: SignedIn, assemblyId: number, input: MotionVoteInput): Promise<Result> {
  if (actor.role !== "member") return fail("governance:errors.notRepresentative");
  const db = await getDb();
  const { motionId, enterpriseId, choice } = input;
  return guarded(async () => {
    const [row] = rowsOf<MotionVoteChecks>(
      await db.execute(sql`
        with m as (
          select status, secret, voting_opened_at is not null as voting from motions where id = ${motionId} and assembly_id = ${assemblyId} for share
        ), a as (
          select status from assemblies where id = ${assemblyId}
        ), r as (
          select representative_user_id from assembly_roll where assembly_id = ${assemblyId} and enterprise_id = ${enterpriseId}
        ), px as (
          select p.holder_enterprise_id, hr.representative_user_id
          from assembly_proxies p left join assembly_roll hr on hr.assembly_id = p.assembly_id and hr.enterprise_id = p.holder_enterprise_id
          where p.assembly_id = ${assemblyId} and p.from_enterprise_id = ${enterpriseId}
        ), checks as (
          select
            (select status from m) as motion_status,
            coalesce((select voting from m), false) as voting,
            coalesce((select secret from m), true) as secret,
            (select status from a) as assembly_status,
            exists (select 1 from r) as on_roll,
            exists (select 1 from assembly_attendance where assembly_id = ${assemblyId} and enterprise_id = ${enterpriseId}) as present,
            coalesce((select representative_user_id from r) = ${actor.userId}, false) as own_representative,
            (select holder_enterprise_id from px) as holder,
            coalesce((select representative_user_id from px) = ${actor.userId}, false) as holder_representative
        ), v as (
          insert into motion_voters (motion_id, enterprise_id, held_by, open_choice)
          select ${motionId}, ${enterpriseId}, case when present then null else holder end, case when secret then null else ${choice} end from checks
          where motion_status = 'pending' and voting and assembly_status = 'open' and on_roll
            and ((present and own_representative) or (not present and holder is not null and holder_representative))
          returning 1
        ), b as (
          insert into motion_ballots (motion_id, choice) select ${motionId}, ${choice} from v returning 1
        ), au as (
          insert into audit_events (actor_id, actor_role, action, entity_type, entity_id)
          select ${actor.userId}, ${actor.role}, 'motion.vote', 'motion', ${String(motionId)} from v returning 1
        )
        select checks.*, (select count(*)::int from b) as cast from checks`),
    );
    if (!row || row.motion_status === null || row.assembly_status === null) return fail("notFound");
    if (row.assembly_status !== "open") return fail("governance:errors.assemblyNotOpen");
    if (row.motion_status !== "pending" || !row.voting) return fail("governance:errors.motionVotingClosed");
    if (!row.on_roll) return fail("governance:errors.notOnRoll");
    // Present: its own representative votes; absent: only the representative of the proxy holder.
    if (!row.present && row.holder === null) return fail("governance:errors.notPresent");
    if (!(row.present ? row.own_representative : row.holder_representative)) return fail("governance:errors.notRepresentative");
    return Number(row.cast) === 1 ? ok(true) : fail("governance:errors.alreadyVoted");
  }, "governance:errors.alreadyVoted");
}

type MotionVoteChecks = {
  motion_status: string | null;
  voting: boolean;
  secret: boolean;
  assembly_status: string | null;
  on_roll: boolean;
  present: boolean;
  own_representative: boolean;
  holder: number | null;
  holder_representative: boolean;
  cast: number;
};

/**
 * Staff close online voting: the online ballots are counted, the counts entered for the voters in
 * the room (or on paper) are added, and the result is decided by the quorum and threshold rules.
 * A secret motion's ballots and voters are then rewritten in new order (as an election's at closing).
 */
export async function closeMotionVoting(
  actor: SignedIn,
  assemblyId: number,
  input: MotionResultInput,
  opts: Options = {},
): Promise<Result<{ passed: boolean; quorum: boolean }>> {
  const now = opts.now ?? new Date();
  return staffTransaction(actor, async (tx) => {
    // The motion's update lock waits for votes in flight (they hold a share lock on it).
    const found = await pendingMotion(tx, assemblyId, input.motionId, true);
    if (!found.ok) return found;
    const { assembly: a, motion: m } = found.value;
    if (!m.votingOpenedAt) return fail("governance:errors.motionVotingClosed");
    const p = await presence(tx, assemblyId);
    const online = tallyMotionBallots(
      await tx.select({ choice: motionBallots.choice, n: count() }).from(motionBallots).where(eq(motionBallots.motionId, m.id)).groupBy(motionBallots.choice),
    );
    const room = { yes: input.yes, no: input.no, abstain: input.abstain };
    const outcome = motionOutcome({ threshold: m.threshold, quorumRule: a.quorumRule, rollSize: p.roll, present: p.present, online, room });
    if (!outcome.ok) return fail(outcome.error);
    const { total, quorum, passed } = outcome;
    await tx
      .update(motions)
      .set({
        ...total,
        onlineYes: online.yes,
        onlineNo: online.no,
        onlineAbstain: online.abstain,
        present: p.present,
        rollSize: p.roll,
        quorumMet: quorum,
        status: passed ? "passed" : "failed",
        votingClosedAt: now,
        decidedAt: now,
        decidedBy: actor.userId,
      })
      .where(eq(motions.id, m.id));
    if (m.secret) await rewriteMotionVotes(tx, m.id);
    if (passed && m.versionId) await adoptVersionInTx(tx, m.versionId, m.id, now);
    if (m.amendmentId) await settleAmendmentMotion(tx, m.amendmentId, passed, actor.userId, now);
    await appendAudit(tx, {
      actor,
      action: "motion.closeVoting",
      entityType: "motion",
      entityId: m.id,
      after: { online, room, present: p.present, quorum, passed },
    });
    return ok({ passed, quorum });
  });
}

/** New rows in random (ballots) and enterprise (voters) order: the physical order no longer follows the votes. */
async function rewriteMotionVotes(tx: Executor, motionId: number): Promise<void> {
  const ballots = await tx.select({ choice: motionBallots.choice }).from(motionBallots).where(eq(motionBallots.motionId, motionId));
  for (let i = ballots.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [ballots[i], ballots[j]] = [ballots[j], ballots[i]];
  }
  await tx.delete(motionBallots).where(eq(motionBallots.motionId, motionId));
  for (let i = 0; i < ballots.length; i += 1000) await tx.insert(motionBallots).values(ballots.slice(i, i + 1000).map((b) => ({ motionId, choice: b.choice })));
  const voters = await tx.select().from(motionVoters).where(eq(motionVoters.motionId, motionId)).orderBy(asc(motionVoters.enterpriseId));
  await tx.delete(motionVoters).where(eq(motionVoters.motionId, motionId));
  for (let i = 0; i < voters.length; i += 1000) await tx.insert(motionVoters).values(voters.slice(i, i + 1000));
}

// ---------------------------------------------------------------------------------------------
// Queries

async function visibleAssociations(db: Executor, actor: SignedIn): Promise<number[] | "all"> {
  if (isStaff(actor)) return "all";
  if (actor.role !== "member") return [];
  return activeAssociationsOf(db, actor.enterpriseIds);
}

export async function listAssemblies(actor: SignedIn, page: number) {
  const db = await getDb();
  const scope = await visibleAssociations(db, actor);
  if (scope !== "all" && scope.length === 0) return { items: [], total: 0, page, pageSize: PAGE_SIZE };
  const where = scope === "all" ? undefined : inArray(assemblies.associationId, scope);
  const [{ total }] = await db.select({ total: count() }).from(assemblies).where(where);
  const rows = await db
    .select()
    .from(assemblies)
    .where(where)
    .orderBy(desc(assemblies.startsAt), desc(assemblies.id))
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE);
  const assoc = new Map((await associationOptions(db)).map((a) => [a.id, a]));
  return {
    items: rows.map((r) => ({
      ...r,
      meetingCode: null,
      associationZh: assoc.get(r.associationId)?.nameZh ?? "",
      associationEn: assoc.get(r.associationId)?.nameEn ?? "",
    })),
    total,
    page,
    pageSize: PAGE_SIZE,
  };
}

export async function getAssembly(actor: SignedIn, assemblyId: number) {
  const db = await getDb();
  const a = await loadAssembly(db, assemblyId);
  if (!a) return null;
  const staff = isStaff(actor);
  if (!staff) {
    const scope = await visibleAssociations(db, actor);
    if (scope !== "all" && !scope.includes(a.associationId)) return null;
  }
  const roll = await db.select().from(assemblyRoll).where(eq(assemblyRoll.assemblyId, assemblyId)).orderBy(asc(assemblyRoll.enterpriseId));
  const attendance = await db.select().from(assemblyAttendance).where(eq(assemblyAttendance.assemblyId, assemblyId));
  const proxies = await db.select().from(assemblyProxies).where(eq(assemblyProxies.assemblyId, assemblyId));
  const motionRows = await db.select().from(motions).where(eq(motions.assemblyId, assemblyId)).orderBy(asc(motions.id));
  const names = await enterpriseNames(
    db,
    roll.map((r) => r.enterpriseId),
  );
  const present = attendance.length + proxies.length;
  const assoc = (await associationOptions(db)).find((x) => x.id === a.associationId) ?? null;
  const versions = staff
    ? await db
        .select({ id: documentVersions.id, version: documentVersions.version, title: documentVersions.title, kind: governanceDocuments.kind })
        .from(documentVersions)
        .innerJoin(governanceDocuments, eq(governanceDocuments.id, documentVersions.documentId))
        .where(and(eq(governanceDocuments.associationId, a.associationId), eq(documentVersions.status, "proposed")))
    : [];
  const attendingSet = new Set(attendance.map((x) => x.enterpriseId));
  const mine = actor.role === "member" ? roll.filter((r) => actor.enterpriseIds.includes(r.enterpriseId)) : [];
  const voterRows = motionRows.length
    ? await db
        .select()
        .from(motionVoters)
        .where(
          inArray(
            motionVoters.motionId,
            motionRows.map((m) => m.id),
          ),
        )
        .orderBy(asc(motionVoters.enterpriseId))
    : [];
  // The votes this actor casts: each enterprise they represent that is checked in, and the absent
  // enterprise whose vote it holds by proxy.
  const represented = mine.filter((r) => r.representativeUserId === actor.userId && attendingSet.has(r.enterpriseId)).map((r) => r.enterpriseId);
  const castFor = [
    ...represented.map((enterpriseId) => ({ enterpriseId, proxy: false })),
    ...proxies.filter((p) => represented.includes(p.holderEnterpriseId)).map((p) => ({ enterpriseId: p.fromEnterpriseId, proxy: true })),
  ];
  const motionView = motionRows.map((m) => {
    const voters = voterRows.filter((v) => v.motionId === m.id);
    const votedSet = new Set(voters.map((v) => v.enterpriseId));
    return {
      ...m,
      votingOpen: m.status === "pending" && m.votingOpenedAt !== null,
      onlineVoted: voters.length,
      // Open motions: everyone sees who voted how. Secret motions: staff see who voted, never how.
      votes:
        !m.secret || staff
          ? voters.map((v) => ({
              enterpriseId: v.enterpriseId,
              enterpriseName: names.get(v.enterpriseId) ?? "",
              choice: m.secret ? null : v.openChoice,
              heldByName: v.heldBy ? (names.get(v.heldBy) ?? "") : null,
            }))
          : [],
      myVotes: castFor.map((c) => ({ ...c, enterpriseName: names.get(c.enterpriseId) ?? "", voted: votedSet.has(c.enterpriseId) })),
    };
  });
  return {
    assembly: { ...a, meetingCode: staff ? a.meetingCode : null },
    association: assoc,
    // Members see the figures and their own entry; staff the whole roll.
    roll: staff
      ? roll.map((r) => ({
          ...r,
          enterpriseName: names.get(r.enterpriseId) ?? "",
          present: attendingSet.has(r.enterpriseId),
          proxyHolder: proxies.find((p) => p.fromEnterpriseId === r.enterpriseId)?.holderEnterpriseId ?? null,
        }))
      : [],
    mine: mine.map((r) => ({
      enterpriseId: r.enterpriseId,
      enterpriseName: names.get(r.enterpriseId) ?? "",
      representative: r.representativeUserId === actor.userId,
      present: attendingSet.has(r.enterpriseId),
    })),
    figures: {
      roll: roll.length,
      attending: attendance.length,
      proxies: proxies.length,
      present,
      needed: quorumNeeded(a.quorumRule, roll.length),
      quorum: quorumMet(a.quorumRule, roll.length, present),
    },
    motions: motionView,
    versions,
  };
}

export async function assemblyOptions() {
  const db = await getDb();
  return { associations: await associationOptions(db) };
}
