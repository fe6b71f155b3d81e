import { and, asc, desc, eq, inArray, max } from "drizzle-orm";
import { getDb, type Executor } from "../../../db/client.server";
import { amendments, assemblies, documentVersions, governanceDocuments, motions, type DocumentKind, type VersionStatus } from "../../../db/schema/governance";
import { appendAudit } from "../../lib/audit.server";
import type { Actor } from "../../lib/permissions";
import { isStaff } from "../../lib/permissions";
import { associationOptions, isActiveMember } from "../members/rolls.server";
import { fail, guarded, ok, type Options, type Result, type SignedIn, staffTransaction } from "./common.server";
import { diffStats, diffTexts } from "./diff";
import type { AmendmentInput } from "./forms";
import { clauseOutline, clauseText, renderCharter } from "./markdown.server";

export type Version = typeof documentVersions.$inferSelect;

/** Which statuses an actor may read: the public the adopted (and superseded) texts; members also proposed ones; staff all. */
export function readableStatuses(actor: Actor): VersionStatus[] {
  if (isStaff(actor)) return ["draft", "proposed", "adopted", "superseded"];
  if (actor?.role === "member") return ["proposed", "adopted", "superseded"];
  return ["adopted", "superseded"];
}

export async function listCharters(actor: Actor) {
  const db = await getDb();
  const docs = await db.select().from(governanceDocuments).orderBy(asc(governanceDocuments.associationId), asc(governanceDocuments.kind));
  const versions = docs.length
    ? await db
        .select({
          id: documentVersions.id,
          documentId: documentVersions.documentId,
          version: documentVersions.version,
          title: documentVersions.title,
          status: documentVersions.status,
          adoptedAt: documentVersions.adoptedAt,
          createdAt: documentVersions.createdAt,
        })
        .from(documentVersions)
        .where(inArray(documentVersions.status, readableStatuses(actor)))
        .orderBy(asc(documentVersions.documentId), desc(documentVersions.version))
    : [];
  const assoc = new Map((await associationOptions(db)).map((a) => [a.id, a]));
  return docs
    .map((d) => ({
      ...d,
      associationZh: assoc.get(d.associationId)?.nameZh ?? "",
      associationEn: assoc.get(d.associationId)?.nameEn ?? "",
      versions: versions.filter((v) => v.documentId === d.id),
    }))
    .filter((d) => d.versions.length > 0);
}

/** A version as the actor may read it, with the outline, amendments and a diff against `compareId`. */
export async function getVersion(actor: Actor, versionId: number, compareId: number | null) {
  const db = await getDb();
  const readable = readableStatuses(actor);
  const [v] = await db
    .select()
    .from(documentVersions)
    .where(and(eq(documentVersions.id, versionId), inArray(documentVersions.status, readable)));
  if (!v) return null;
  const [doc] = await db.select().from(governanceDocuments).where(eq(governanceDocuments.id, v.documentId));
  const siblings = await db
    .select({ id: documentVersions.id, version: documentVersions.version, status: documentVersions.status, title: documentVersions.title })
    .from(documentVersions)
    .where(and(eq(documentVersions.documentId, v.documentId), inArray(documentVersions.status, readable)))
    .orderBy(asc(documentVersions.version));
  const compareTo = compareId === null ? (siblings.filter((s) => s.version < v.version).at(-1)?.id ?? null) : compareId;
  let diff: { against: { id: number; version: number }; rows: ReturnType<typeof diffTexts>; stats: ReturnType<typeof diffStats> } | null = null;
  if (compareTo !== null && compareTo !== v.id && siblings.some((s) => s.id === compareTo)) {
    const [other] = await db.select().from(documentVersions).where(eq(documentVersions.id, compareTo));
    const [older, newer] = other.version < v.version ? [other, v] : [v, other];
    const rows = diffTexts(older.body, newer.body);
    diff = { against: { id: other.id, version: other.version }, rows, stats: diffStats(rows) };
  }
  const amendmentRows =
    v.status === "draft" && !isStaff(actor) ? [] : await db.select().from(amendments).where(eq(amendments.versionId, v.id)).orderBy(asc(amendments.id));
  const assoc = (await associationOptions(db)).find((a) => a.id === doc.associationId) ?? null;
  const motionRows = amendmentRows.some((a) => a.motionId)
    ? await db
        .select({ id: motions.id, assemblyId: motions.assemblyId, status: motions.status })
        .from(motions)
        .where(
          inArray(
            motions.id,
            amendmentRows.filter((a) => a.motionId).map((a) => a.motionId!),
          ),
        )
    : [];
  const openAssemblies = isStaff(actor)
    ? await db
        .select({ id: assemblies.id, title: assemblies.title })
        .from(assemblies)
        .where(and(eq(assemblies.associationId, doc.associationId), inArray(assemblies.status, ["scheduled", "open"])))
    : [];
  return {
    version: v,
    document: doc,
    association: assoc,
    html: renderCharter(v.body),
    outline: clauseOutline(v.body),
    siblings,
    diff,
    amendments: amendmentRows.map((a) => ({ ...a, motion: motionRows.find((m) => m.id === a.motionId) ?? null })),
    openAssemblies,
  };
}

export async function createDocument(
  actor: SignedIn,
  input: { associationId: number; kind: DocumentKind; title: string; body: string },
  opts: Options = {},
): Promise<Result<number>> {
  return staffTransaction(
    actor,
    async (tx) => {
      const [doc] = await tx.insert(governanceDocuments).values({ associationId: input.associationId, kind: input.kind }).returning();
      const [v] = await tx
        .insert(documentVersions)
        .values({ documentId: doc.id, version: 1, title: input.title, body: input.body, createdBy: actor.userId, createdAt: opts.now ?? new Date() })
        .returning();
      await appendAudit(tx, {
        actor,
        action: "charter.create",
        entityType: "document_version",
        entityId: v.id,
        after: { documentId: doc.id, kind: input.kind },
      });
      return ok(v.id);
    },
    "governance:errors.documentExists",
  );
}

/** A new draft version from an existing one (its text, edited). */
export async function createDraft(
  actor: SignedIn,
  fromVersionId: number,
  input: { title: string; body: string; note: string | null },
  opts: Options = {},
): Promise<Result<number>> {
  return staffTransaction(actor, async (tx) => {
    const [from] = await tx.select().from(documentVersions).where(eq(documentVersions.id, fromVersionId));
    if (!from) return fail("notFound");
    const [{ top }] = await tx
      .select({ top: max(documentVersions.version) })
      .from(documentVersions)
      .where(eq(documentVersions.documentId, from.documentId));
    const [v] = await tx
      .insert(documentVersions)
      .values({
        documentId: from.documentId,
        version: (top ?? 0) + 1,
        title: input.title,
        body: input.body,
        note: input.note,
        createdBy: actor.userId,
        createdAt: opts.now ?? new Date(),
      })
      .returning();
    await appendAudit(tx, {
      actor,
      action: "charter.draft",
      entityType: "document_version",
      entityId: v.id,
      after: { from: fromVersionId, version: v.version },
    });
    return ok(v.id);
  });
}

export async function editDraft(actor: SignedIn, versionId: number, input: { title: string; body: string; note: string | null }): Promise<Result> {
  return staffTransaction(actor, async (tx) => {
    const [v] = await tx.select().from(documentVersions).where(eq(documentVersions.id, versionId)).for("update");
    if (!v) return fail("notFound");
    if (v.status !== "draft") return fail("governance:errors.notDraft");
    await tx.update(documentVersions).set(input).where(eq(documentVersions.id, versionId));
    await appendAudit(tx, {
      actor,
      action: "charter.edit",
      entityType: "document_version",
      entityId: versionId,
      before: { title: v.title },
      after: { title: input.title },
    });
    return ok(true);
  });
}

/** Draft -> proposed: members may read it and propose amendments. */
export async function proposeVersion(actor: SignedIn, versionId: number, opts: Options = {}): Promise<Result> {
  return staffTransaction(actor, async (tx) => {
    const [v] = await tx.select().from(documentVersions).where(eq(documentVersions.id, versionId)).for("update");
    if (!v) return fail("notFound");
    if (v.status !== "draft") return fail("governance:errors.notDraft");
    await tx
      .update(documentVersions)
      .set({ status: "proposed", proposedAt: opts.now ?? new Date() })
      .where(eq(documentVersions.id, versionId));
    await appendAudit(tx, { actor, action: "charter.propose", entityType: "document_version", entityId: versionId });
    return ok(true);
  });
}

/** Proposed -> adopted (by a passed motion); the previously adopted version becomes superseded. */
export async function adoptVersionInTx(tx: Executor, versionId: number, motionId: number | null, now: Date): Promise<void> {
  const [v] = await tx.select().from(documentVersions).where(eq(documentVersions.id, versionId)).for("update");
  if (!v || v.status !== "proposed") return;
  await tx
    .update(documentVersions)
    .set({ status: "superseded" })
    .where(and(eq(documentVersions.documentId, v.documentId), eq(documentVersions.status, "adopted")));
  await tx.update(documentVersions).set({ status: "adopted", adoptedAt: now, adoptedByMotionId: motionId }).where(eq(documentVersions.id, versionId));
}

/** A member representative (for an enterprise that is an active member) or staff propose an amendment to a clause of a proposed version. */
export async function proposeAmendment(actor: SignedIn, versionId: number, input: AmendmentInput, opts: Options = {}): Promise<Result<number>> {
  const staff = isStaff(actor);
  if (!staff && !(actor.role === "member" && input.enterpriseId && actor.enterpriseIds.includes(input.enterpriseId)))
    return fail("governance:errors.forbidden");
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [v] = await tx.select().from(documentVersions).where(eq(documentVersions.id, versionId));
    if (!v || (!staff && v.status === "draft")) return fail("notFound");
    if (v.status !== "proposed") return fail("governance:errors.notProposed");
    const [doc] = await tx.select().from(governanceDocuments).where(eq(governanceDocuments.id, v.documentId));
    if (!staff && !(await isActiveMember(tx, doc.associationId, input.enterpriseId!))) return fail("governance:errors.notMember");
    const current = clauseText(v.body, input.clause);
    if (current === null) return fail("governance:errors.clause");
    const oldText = input.oldText.trim() || current;
    if (!v.body.includes(oldText)) return fail("governance:errors.oldText");
    const [row] = await tx
      .insert(amendments)
      .values({
        versionId,
        clause: input.clause,
        oldText,
        newText: input.newText,
        reason: input.reason,
        proposedBy: actor.userId,
        enterpriseId: staff ? null : input.enterpriseId,
        createdAt: opts.now ?? new Date(),
      })
      .returning();
    await appendAudit(tx, { actor, action: "amendment.propose", entityType: "amendment", entityId: row.id, after: row });
    return ok(row.id);
  });
}

async function applyAmendment(tx: Executor, amendmentId: number): Promise<string | null> {
  const [a] = await tx.select().from(amendments).where(eq(amendments.id, amendmentId));
  const [v] = await tx.select().from(documentVersions).where(eq(documentVersions.id, a.versionId)).for("update");
  if (v.status !== "proposed") return "governance:errors.notProposed";
  if (!v.body.includes(a.oldText)) return "governance:errors.oldText";
  await tx
    .update(documentVersions)
    .set({ body: v.body.replace(a.oldText, a.newText) })
    .where(eq(documentVersions.id, v.id));
  return null;
}

export async function decideAmendment(
  actor: SignedIn,
  amendmentId: number,
  decision: "accept" | "reject",
  reason: string | null,
  opts: Options = {},
): Promise<Result> {
  return staffTransaction(actor, async (tx) => {
    if (decision === "reject" && !reason) return fail("governance:errors.reasonNeeded");
    const [a] = await tx.select().from(amendments).where(eq(amendments.id, amendmentId)).for("update");
    if (!a) return fail("notFound");
    if (a.status !== "proposed") return fail("governance:errors.amendmentDecided");
    if (decision === "accept") {
      const error = await applyAmendment(tx, amendmentId);
      if (error) return fail(error);
    }
    await tx
      .update(amendments)
      .set({ status: decision === "accept" ? "accepted" : "rejected", decisionReason: reason, decidedBy: actor.userId, decidedAt: opts.now ?? new Date() })
      .where(eq(amendments.id, amendmentId));
    await appendAudit(tx, { actor, action: `amendment.${decision}`, entityType: "amendment", entityId: amendmentId, after: { reason } });
    return ok(true);
  });
}

/** Puts an amendment to a motion of an assembly of the same association (decided by its vote). */
export async function amendmentToMotion(actor: SignedIn, amendmentId: number, assemblyId: number, opts: Options = {}): Promise<Result<number>> {
  return staffTransaction(actor, async (tx) => {
    const [a] = await tx.select().from(amendments).where(eq(amendments.id, amendmentId)).for("update");
    if (!a) return fail("notFound");
    if (a.status !== "proposed") return fail("governance:errors.amendmentDecided");
    const [v] = await tx.select().from(documentVersions).where(eq(documentVersions.id, a.versionId));
    const [doc] = await tx.select().from(governanceDocuments).where(eq(governanceDocuments.id, v.documentId));
    const [assembly] = await tx.select().from(assemblies).where(eq(assemblies.id, assemblyId));
    if (!assembly || assembly.associationId !== doc.associationId || assembly.status === "closed") return fail("governance:errors.assembly");
    const [m] = await tx
      .insert(motions)
      .values({
        assemblyId,
        kind: "amendment",
        title: a.clause,
        body: `${a.oldText}\n→\n${a.newText}\n\n${a.reason}`,
        amendmentId,
        threshold: "majority_cast",
        createdAt: opts.now ?? new Date(),
      })
      .returning();
    await tx.update(amendments).set({ status: "to_motion", motionId: m.id }).where(eq(amendments.id, amendmentId));
    await appendAudit(tx, { actor, action: "amendment.toMotion", entityType: "amendment", entityId: amendmentId, after: { motionId: m.id } });
    return ok(m.id);
  });
}

/** When an amendment's motion passes, its text goes into the proposed version. */
export async function settleAmendmentMotion(tx: Executor, amendmentId: number, passed: boolean, actorId: string, now: Date): Promise<void> {
  if (passed) await applyAmendment(tx, amendmentId);
  await tx
    .update(amendments)
    .set({ status: passed ? "accepted" : "rejected", decidedAt: now, decidedBy: actorId })
    .where(eq(amendments.id, amendmentId));
}

export async function charterFormOptions() {
  const db = await getDb();
  return { associations: await associationOptions(db) };
}

export { guarded };
