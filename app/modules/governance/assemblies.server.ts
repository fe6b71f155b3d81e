import { randomInt } from "node:crypto";
import { and, asc, count, desc, eq, inArray } from "drizzle-orm";
import { getDb, type Executor } from "../../../db/client.server";
import { assemblies, assemblyAttendance, assemblyProxies, assemblyRoll, documentVersions, governanceDocuments, motions } from "../../../db/schema/governance";
import { appendAudit } from "../../lib/audit.server";
import { isStaff } from "../../lib/permissions";
import { activeAssociationsOf, activeMemberRoll, associationOptions, COUNCIL_TYPES, enterpriseNames } from "../members/rolls.server";
import { fail, guarded, ok, type Options, type Result, type SignedIn } from "./common.server";
import type { AssemblyCreateInput, MotionCreateInput, MotionResultInput } from "./forms";
import { checkMotionCounts, motionPasses, quorumMet, quorumNeeded } from "./rules";
import { adoptVersionInTx, settleAmendmentMotion } from "./charters.server";

export type Assembly = typeof assemblies.$inferSelect;
const PAGE_SIZE = 20;

async function loadAssembly(db: Executor, id: number, lock = false): Promise<Assembly | null> {
  const q = db.select().from(assemblies).where(eq(assemblies.id, id));
  const [row] = lock ? await q.for("update") : await q;
  return row ?? null;
}

function staffOnly(actor: SignedIn) {
  return isStaff(actor) ? null : fail("governance:errors.forbidden");
}

/** Shanghai wall-clock date and time as an instant (UTC+8, no daylight saving). */
export function shanghaiInstant(date: string, time: string): Date {
  return new Date(`${date}T${time}:00+08:00`);
}

export async function scheduleAssembly(actor: SignedIn, input: AssemblyCreateInput, opts: Options = {}): Promise<Result<Assembly>> {
  const denied = staffOnly(actor);
  if (denied) return denied;
  const db = await getDb();
  return guarded(() =>
    db.transaction(async (tx) => {
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
    }),
  );
}

/** Opens the assembly: computes the roll (active members; council meetings: the council) and freezes it. */
export async function openAssembly(actor: SignedIn, assemblyId: number, opts: Options = {}): Promise<Result<{ rollSize: number; code: string }>> {
  const denied = staffOnly(actor);
  if (denied) return denied;
  const db = await getDb();
  return guarded(() =>
    db.transaction(async (tx) => {
      const a = await loadAssembly(tx, assemblyId, true);
      if (!a) return fail("notFound");
      if (a.status !== "scheduled") return fail("governance:errors.stage");
      const roll = await activeMemberRoll(tx, a.associationId, a.kind === "council" ? COUNCIL_TYPES : undefined);
      if (roll.length === 0) return fail("governance:errors.emptyRoll");
      for (let i = 0; i < roll.length; i += 1000) await tx.insert(assemblyRoll).values(roll.slice(i, i + 1000).map((r) => ({ assemblyId, ...r })));
      const code = String(randomInt(100000, 1000000));
      await tx.update(assemblies).set({ status: "open", openedAt: opts.now ?? new Date(), meetingCode: code }).where(eq(assemblies.id, assemblyId));
      await appendAudit(tx, { actor, action: "assembly.open", entityType: "assembly", entityId: assemblyId, after: { rollSize: roll.length } });
      return ok({ rollSize: roll.length, code });
    }),
  );
}

export async function closeAssembly(actor: SignedIn, assemblyId: number, opts: Options = {}): Promise<Result> {
  const denied = staffOnly(actor);
  if (denied) return denied;
  const db = await getDb();
  return guarded(() =>
    db.transaction(async (tx) => {
      const a = await loadAssembly(tx, assemblyId, true);
      if (!a) return fail("notFound");
      if (a.status !== "open") return fail("governance:errors.stage");
      await tx.update(assemblies).set({ status: "closed", closedAt: opts.now ?? new Date() }).where(eq(assemblies.id, assemblyId));
      await appendAudit(tx, { actor, action: "assembly.close", entityType: "assembly", entityId: assemblyId });
      return ok(true);
    }),
  );
}

async function onRoll(tx: Executor, assemblyId: number, enterpriseId: number) {
  const [row] = await tx.select().from(assemblyRoll).where(and(eq(assemblyRoll.assemblyId, assemblyId), eq(assemblyRoll.enterpriseId, enterpriseId)));
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
        const [proxied] = await tx.select().from(assemblyProxies).where(and(eq(assemblyProxies.assemblyId, assemblyId), eq(assemblyProxies.fromEnterpriseId, enterpriseId)));
        if (proxied) return fail("governance:errors.heldByProxy");
        await tx.insert(assemblyAttendance).values({ assemblyId, enterpriseId, method: staff ? "staff" : "code", checkedInBy: actor.userId, checkedInAt: opts.now ?? new Date() });
        await appendAudit(tx, { actor, action: "assembly.checkIn", entityType: "assembly", entityId: assemblyId, after: { enterpriseId } });
        return ok(true);
      }),
    "governance:errors.alreadyCheckedIn",
  );
}

/** Records a proxy: a present enterprise holds one absent enterprise's vote (as the rules allow). */
export async function recordProxy(actor: SignedIn, assemblyId: number, fromEnterpriseId: number, holderEnterpriseId: number, opts: Options = {}): Promise<Result> {
  const denied = staffOnly(actor);
  if (denied) return denied;
  if (fromEnterpriseId === holderEnterpriseId) return fail("governance:errors.proxySelf");
  const db = await getDb();
  return guarded(
    () =>
      db.transaction(async (tx) => {
        const a = await loadAssembly(tx, assemblyId);
        if (!a) return fail("notFound");
        if (a.status !== "open") return fail("governance:errors.assemblyNotOpen");
        if (a.proxyLimit < 1) return fail("governance:errors.noProxies");
        if (!(await onRoll(tx, assemblyId, fromEnterpriseId)) || !(await onRoll(tx, assemblyId, holderEnterpriseId))) return fail("governance:errors.notOnRoll");
        const present = await tx.select().from(assemblyAttendance).where(and(eq(assemblyAttendance.assemblyId, assemblyId), inArray(assemblyAttendance.enterpriseId, [fromEnterpriseId, holderEnterpriseId])));
        if (!present.some((p) => p.enterpriseId === holderEnterpriseId)) return fail("governance:errors.holderAbsent");
        if (present.some((p) => p.enterpriseId === fromEnterpriseId)) return fail("governance:errors.fromPresent");
        const [holderIsProxied] = await tx.select().from(assemblyProxies).where(and(eq(assemblyProxies.assemblyId, assemblyId), eq(assemblyProxies.fromEnterpriseId, holderEnterpriseId)));
        if (holderIsProxied) return fail("governance:errors.proxyChain");
        await tx.insert(assemblyProxies).values({ assemblyId, fromEnterpriseId, holderEnterpriseId, recordedBy: actor.userId, recordedAt: opts.now ?? new Date() });
        await appendAudit(tx, { actor, action: "assembly.proxy", entityType: "assembly", entityId: assemblyId, after: { fromEnterpriseId, holderEnterpriseId } });
        return ok(true);
      }),
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
  const denied = staffOnly(actor);
  if (denied) return denied;
  const db = await getDb();
  return guarded(() =>
    db.transaction(async (tx) => {
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
        if (!v || v.associationId !== a.associationId || v.kind !== (input.kind === "adopt_charter" ? "charter" : "election_rules")) return fail("governance:errors.versionNeeded");
        if (v.status !== "proposed") return fail("governance:errors.versionNotProposed");
      }
      const [row] = await tx
        .insert(motions)
        .values({ assemblyId, kind: input.kind, title: input.title, body: input.body, versionId: input.kind === "other" ? null : input.versionId, secret: input.secret, threshold: input.threshold, createdAt: opts.now ?? new Date() })
        .returning();
      await appendAudit(tx, { actor, action: "motion.create", entityType: "motion", entityId: row.id, after: row });
      return ok(row.id);
    }),
  );
}

/**
 * Records a motion's result (yes / no / abstain counted in the room, open or secret), with the
 * votes present and whether quorum held. A passed motion to adopt a text adopts that version; a
 * passed amendment motion accepts the amendment.
 */
export async function recordMotionResult(actor: SignedIn, assemblyId: number, input: MotionResultInput, opts: Options = {}): Promise<Result<{ passed: boolean; quorum: boolean }>> {
  const denied = staffOnly(actor);
  if (denied) return denied;
  const db = await getDb();
  const now = opts.now ?? new Date();
  return guarded(() =>
    db.transaction(async (tx) => {
      const a = await loadAssembly(tx, assemblyId, true);
      if (!a) return fail("notFound");
      if (a.status !== "open") return fail("governance:errors.assemblyNotOpen");
      const [m] = await tx.select().from(motions).where(and(eq(motions.id, input.motionId), eq(motions.assemblyId, assemblyId))).for("update");
      if (!m) return fail("notFound");
      if (m.status !== "pending") return fail("governance:errors.motionDecided");
      const p = await presence(tx, assemblyId);
      const counts = { yes: input.yes, no: input.no, abstain: input.abstain };
      const countError = checkMotionCounts(counts, p.present);
      if (countError) return fail(countError);
      const quorum = quorumMet(a.quorumRule, p.roll, p.present);
      const passed = motionPasses(m.threshold, counts, p.present, quorum);
      await tx
        .update(motions)
        .set({ ...counts, present: p.present, rollSize: p.roll, quorumMet: quorum, status: passed ? "passed" : "failed", decidedAt: now, decidedBy: actor.userId })
        .where(eq(motions.id, m.id));
      if (passed && m.versionId) await adoptVersionInTx(tx, m.versionId, m.id, now);
      if (m.amendmentId) await settleAmendmentMotion(tx, m.amendmentId, passed, actor.userId, now);
      await appendAudit(tx, { actor, action: "motion.result", entityType: "motion", entityId: m.id, after: { ...counts, present: p.present, quorum, passed } });
      return ok({ passed, quorum });
    }),
  );
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
  const rows = await db.select().from(assemblies).where(where).orderBy(desc(assemblies.startsAt), desc(assemblies.id)).limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE);
  const assoc = new Map((await associationOptions(db)).map((a) => [a.id, a]));
  return { items: rows.map((r) => ({ ...r, meetingCode: null, associationZh: assoc.get(r.associationId)?.nameZh ?? "", associationEn: assoc.get(r.associationId)?.nameEn ?? "" })), total, page, pageSize: PAGE_SIZE };
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
  const names = await enterpriseNames(db, roll.map((r) => r.enterpriseId));
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
  return {
    assembly: { ...a, meetingCode: staff ? a.meetingCode : null },
    association: assoc,
    // Members see the figures and their own entry; staff the whole roll.
    roll: staff ? roll.map((r) => ({ ...r, enterpriseName: names.get(r.enterpriseId) ?? "", present: attendingSet.has(r.enterpriseId), proxyHolder: proxies.find((p) => p.fromEnterpriseId === r.enterpriseId)?.holderEnterpriseId ?? null })) : [],
    mine: mine.map((r) => ({ enterpriseId: r.enterpriseId, enterpriseName: names.get(r.enterpriseId) ?? "", representative: r.representativeUserId === actor.userId, present: attendingSet.has(r.enterpriseId) })),
    figures: { roll: roll.length, attending: attendance.length, proxies: proxies.length, present, needed: quorumNeeded(a.quorumRule, roll.length), quorum: quorumMet(a.quorumRule, roll.length, present) },
    motions: motionRows,
    versions,
  };
}

export async function assemblyOptions() {
  const db = await getDb();
  return { associations: await associationOptions(db) };
}
