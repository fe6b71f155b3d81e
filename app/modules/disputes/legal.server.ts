import { and, asc, count, desc, eq, gte, ilike, lt, or, sql, type SQL } from "drizzle-orm";
import { getDb, type Executor } from "../../../db/client.server";
import { legalServices, type LegalServiceKind } from "../../../db/schema/disputes";
import { associations, enterprises } from "../../../db/schema/members";
import { appendAudit } from "../../lib/audit.server";
import type { Actor } from "../../lib/permissions";
import type { LegalServiceInput } from "./forms";

/**
 * Legal services for members: legal health checks (法治体检) of an enterprise and law lectures at a
 * chamber (or for one enterprise), with the lawyer or firm, findings and follow-up. Staff records.
 */
type SignedIn = NonNullable<Actor>;
export const LEGAL_PAGE_SIZE = 20;

export async function recordLegalService(actor: SignedIn, input: LegalServiceInput, opts: { db?: Executor; ip?: string | null } = {}) {
  const db = opts.db ?? (await getDb());
  return db.transaction(async (tx) => {
    if (input.enterpriseId !== null) {
      const [e] = await tx.select({ id: enterprises.id }).from(enterprises).where(eq(enterprises.id, input.enterpriseId));
      if (!e) return { ok: false as const, error: "disputes:errors.legalWhom" };
    }
    if (input.associationId !== null) {
      const [a] = await tx.select({ id: associations.id }).from(associations).where(eq(associations.id, input.associationId));
      if (!a) return { ok: false as const, error: "disputes:errors.legalWhom" };
    }
    const [row] = await tx
      .insert(legalServices)
      .values({ ...input, findings: input.findings ?? "", followUp: input.followUp ?? "", createdBy: actor.userId })
      .returning();
    await appendAudit(tx, { actor, action: "legalService.record", entityType: "legal_service", entityId: row.id, after: row, ip: opts.ip ?? null });
    return { ok: true as const, service: row };
  });
}

export async function listLegalServices(f: { kind?: LegalServiceKind; year?: number; q?: string }, page: number) {
  const db = await getDb();
  const where: SQL[] = [];
  if (f.kind) where.push(eq(legalServices.kind, f.kind));
  if (f.year) where.push(gte(legalServices.heldOn, `${f.year}-01-01`), lt(legalServices.heldOn, `${f.year + 1}-01-01`));
  if (f.q) {
    const pattern = `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    where.push(
      or(ilike(legalServices.provider, pattern), ilike(legalServices.topic, pattern), ilike(enterprises.name, pattern), ilike(associations.nameZh, pattern))!,
    );
  }
  const condition = where.length ? and(...where) : undefined;
  const base = () =>
    db
      .select({ n: count() })
      .from(legalServices)
      .leftJoin(enterprises, eq(enterprises.id, legalServices.enterpriseId))
      .leftJoin(associations, eq(associations.id, legalServices.associationId))
      .where(condition);
  const [total] = await base();
  const rows = await db
    .select({
      id: legalServices.id,
      kind: legalServices.kind,
      heldOn: legalServices.heldOn,
      provider: legalServices.provider,
      topic: legalServices.topic,
      findings: legalServices.findings,
      followUp: legalServices.followUp,
      attendees: legalServices.attendees,
      enterpriseName: enterprises.name,
      associationZh: associations.nameZh,
      associationEn: associations.nameEn,
    })
    .from(legalServices)
    .leftJoin(enterprises, eq(enterprises.id, legalServices.enterpriseId))
    .leftJoin(associations, eq(associations.id, legalServices.associationId))
    .where(condition)
    .orderBy(desc(legalServices.heldOn), desc(legalServices.id))
    .limit(LEGAL_PAGE_SIZE)
    .offset((page - 1) * LEGAL_PAGE_SIZE);
  return { rows, total: total.n };
}

/** The chambers and enterprises a service may be recorded for. */
export async function legalFormOptions() {
  const db = await getDb();
  const chambers = await db
    .select({ id: associations.id, nameZh: associations.nameZh, nameEn: associations.nameEn })
    .from(associations)
    .where(eq(associations.kind, "chamber"))
    .orderBy(asc(associations.id));
  const firms = await db.selectDistinct({ provider: legalServices.provider }).from(legalServices).orderBy(asc(legalServices.provider)).limit(50);
  return { chambers, providers: firms.map((f) => f.provider), enterpriseCount: (await db.select({ n: sql<number>`count(*)::int` }).from(enterprises))[0].n };
}
