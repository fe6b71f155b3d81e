/** Membership applications at /join and the staff decision on them. */
import { and, count, desc, eq, inArray, isNull } from "drizzle-orm";
import { getDb, type Executor } from "../../../db/client.server";
import { users } from "../../../db/schema/accounts";
import { associations, enterpriseUsers, enterprises, joinApplications, type MembershipType } from "../../../db/schema/members";
import { appendAudit } from "../../lib/audit.server";
import { shanghaiToday } from "../../lib/format";
import type { Actor } from "../../lib/permissions";
import { emailTaken, insertUser, isUniqueViolation, signupRefused, signupThrottled } from "../accounts/accounts.server";
import { notify } from "../notifications/notifications.server";
import { createActiveMembership, insertEnterprise } from "./records.server";
import { enterpriseProfileSchema, type JoinApplicationInput } from "./forms";

export type ApplyError = "members:errors.creditCodeUnavailable" | "auth:register.emailTaken" | "members:errors.noSuchAssociation" | "members:errors.throttled";
export type ApplyResult = { ok: true; userId: string; applicationId: number } | { ok: false; field: string; error: ApplyError };

export async function listAssociations(db?: Executor) {
  const ex = db ?? (await getDb());
  return ex
    .select({ id: associations.id, code: associations.code, nameZh: associations.nameZh, nameEn: associations.nameEn, kind: associations.kind })
    .from(associations)
    .orderBy(associations.id);
}

/**
 * Who already holds a credit code: the accounts of the member enterprise with it, or the applicant
 * of a pending application; null when it is free. The public answer is the same in both cases
 * (creditCodeUnavailable); these people are told by email that someone tried.
 */
async function creditCodeHolders(ex: Executor, code: string): Promise<string[] | null> {
  const [e] = await ex.select({ id: enterprises.id }).from(enterprises).where(eq(enterprises.creditCode, code));
  if (e) {
    const rows = await ex
      .select({ email: users.email })
      .from(enterpriseUsers)
      .innerJoin(users, eq(users.id, enterpriseUsers.userId))
      .where(and(eq(enterpriseUsers.enterpriseId, e.id), isNull(users.disabledAt)));
    return rows.map((r) => r.email);
  }
  const [a] = await ex
    .select({ email: users.email })
    .from(joinApplications)
    .innerJoin(users, eq(users.id, joinApplications.applicantUserId))
    .where(and(eq(joinApplications.creditCode, code), eq(joinApplications.status, "pending")));
  if (a) return [a.email];
  return null;
}

/** A refusal of /join, counted against the source address (see signupRefused); past the limit, only "try later". */
async function refuse(ip: string | null, field: string, error: ApplyError, tell: string[], params: Record<string, string>): Promise<ApplyResult> {
  const [subjectKey, bodyKey] =
    field === "creditCode"
      ? ["members:join.ownerNotice.subject", "members:join.ownerNotice.body"]
      : ["auth:register.ownerNotice.subject", "auth:register.ownerNotice.body"];
  const answered = await signupRefused(
    ip,
    tell.map((to) => ({ to, subjectKey, bodyKey, params })),
  );
  return answered ? { ok: false, field, error } : { ok: false, field: "_form", error: "members:errors.throttled" };
}

async function staffIds(ex: Executor): Promise<string[]> {
  const rows = await ex
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.role, ["staff", "admin"]), isNull(users.disabledAt)));
  return rows.map((r) => r.id);
}

/** The public applies: a member account without an enterprise, and a pending application, in one transaction. */
export async function applyToJoin(input: JoinApplicationInput, ip: string | null): Promise<ApplyResult> {
  if (await signupThrottled(ip)) return { ok: false, field: "_form", error: "members:errors.throttled" };
  const db = await getDb();
  const [association] = await db.select().from(associations).where(eq(associations.id, input.associationId));
  if (!association) return { ok: false, field: "associationId", error: "members:errors.noSuchAssociation" };
  const codeParams = { creditCode: input.creditCode };
  const holders = await creditCodeHolders(db, input.creditCode);
  if (holders) return refuse(ip, "creditCode", "members:errors.creditCodeUnavailable", holders, codeParams);
  const applicantEmail = input.userEmail.trim().toLowerCase();
  if (await emailTaken(applicantEmail)) return refuse(ip, "userEmail", "auth:register.emailTaken", [applicantEmail], codeParams);
  const { associationId, displayName, userEmail, password, confirmPassword: _c, ...profile } = input;
  try {
    return await db.transaction(async (tx) => {
      const userId = await insertUser(tx, { email: userEmail, password, displayName, phone: profile.phone, role: "member" }, null, ip);
      const [application] = await tx
        .insert(joinApplications)
        .values({ associationId, applicantUserId: userId, profile, creditCode: profile.creditCode })
        .returning();
      const actor: Actor = { userId, role: "member", email: userEmail, displayName, enterpriseIds: [], departmentId: null, bankId: null, isLead: false };
      await appendAudit(tx, { actor, action: "join_application.create", entityType: "join_application", entityId: application.id, after: application, ip });
      await notify(
        tx,
        (await staffIds(tx)).map((id) => ({
          userId: id,
          messageKey: "notifications.joinSubmitted",
          params: { enterprise: profile.name },
          link: `/members/applications/${application.id}`,
        })),
      );
      return { ok: true as const, userId, applicationId: application.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      const again = await creditCodeHolders(db, input.creditCode);
      if (again) return refuse(ip, "creditCode", "members:errors.creditCodeUnavailable", again, codeParams);
      return refuse(ip, "userEmail", "auth:register.emailTaken", [applicantEmail], codeParams);
    }
    throw error;
  }
}

export const APPLICATIONS_PAGE_SIZE = 25;

export async function listApplications(status: "pending" | "approved" | "rejected", page: number) {
  const db = await getDb();
  const where = eq(joinApplications.status, status);
  const [total] = await db.select({ n: count() }).from(joinApplications).where(where);
  const rows = await db
    .select({
      id: joinApplications.id,
      profile: joinApplications.profile,
      creditCode: joinApplications.creditCode,
      status: joinApplications.status,
      createdAt: joinApplications.createdAt,
      decidedAt: joinApplications.decidedAt,
      associationZh: associations.nameZh,
      associationEn: associations.nameEn,
      applicantEmail: users.email,
    })
    .from(joinApplications)
    .innerJoin(associations, eq(associations.id, joinApplications.associationId))
    .innerJoin(users, eq(users.id, joinApplications.applicantUserId))
    .where(where)
    .orderBy(status === "pending" ? joinApplications.createdAt : desc(joinApplications.decidedAt), joinApplications.id)
    .limit(APPLICATIONS_PAGE_SIZE)
    .offset((page - 1) * APPLICATIONS_PAGE_SIZE);
  return { rows: rows.map((r) => ({ ...r, name: String(r.profile.name ?? "") })), total: total.n };
}

export async function getApplication(id: number) {
  const db = await getDb();
  const [row] = await db
    .select({
      application: joinApplications,
      associationZh: associations.nameZh,
      associationEn: associations.nameEn,
      applicantEmail: users.email,
      applicantName: users.displayName,
    })
    .from(joinApplications)
    .innerJoin(associations, eq(associations.id, joinApplications.associationId))
    .innerJoin(users, eq(users.id, joinApplications.applicantUserId))
    .where(eq(joinApplications.id, id));
  return row ?? null;
}

export type DecideResult =
  | { ok: true; enterpriseId?: number }
  | { ok: false; error: "members:errors.alreadyDecided" | "members:errors.creditCodeTaken" | "members:errors.profileInvalid" };

/** Approval: enterprise, owner link, active membership with its status row and this year's dues; audited; the applicant is told. */
export async function approveApplication(actor: Actor, id: number, type: MembershipType, ip: string | null, today = shanghaiToday()): Promise<DecideResult> {
  const db = await getDb();
  try {
    return await db.transaction(async (tx) => {
      const [app] = await tx.select().from(joinApplications).where(eq(joinApplications.id, id)).for("update");
      if (!app || app.status !== "pending") return { ok: false as const, error: "members:errors.alreadyDecided" as const };
      // Re-validated as submitted (output value was stored in fen, the form takes 万元).
      const profile = enterpriseProfileSchema.safeParse({
        ...app.profile,
        email: app.profile.email ?? "",
        annualOutputWan: app.profile.annualOutputWan == null ? null : Number(app.profile.annualOutputWan) / 1_000_000,
      });
      if (!profile.success) return { ok: false as const, error: "members:errors.profileInvalid" as const };
      const [taken] = await tx.select({ id: enterprises.id }).from(enterprises).where(eq(enterprises.creditCode, app.creditCode));
      if (taken) return { ok: false as const, error: "members:errors.creditCodeTaken" as const };
      const enterprise = await insertEnterprise(tx, profile.data, actor, ip);
      await tx.insert(enterpriseUsers).values({ enterpriseId: enterprise.id, userId: app.applicantUserId, isOwner: true });
      await appendAudit(tx, {
        actor,
        action: "enterprise_user.add",
        entityType: "enterprise",
        entityId: enterprise.id,
        after: { userId: app.applicantUserId, isOwner: true },
        ip,
      });
      await createActiveMembership(tx, { enterpriseId: enterprise.id, associationId: app.associationId, type, today }, actor, ip);
      const [after] = await tx
        .update(joinApplications)
        .set({ status: "approved", decidedBy: actor?.userId ?? null, decidedAt: new Date(), enterpriseId: enterprise.id, requestedType: type })
        .where(eq(joinApplications.id, id))
        .returning();
      await appendAudit(tx, {
        actor,
        action: "join_application.approve",
        entityType: "join_application",
        entityId: id,
        before: { status: app.status },
        after: { status: after.status, enterpriseId: enterprise.id, type },
        ip,
      });
      const [association] = await tx.select().from(associations).where(eq(associations.id, app.associationId));
      await notify(tx, [
        {
          userId: app.applicantUserId,
          messageKey: "notifications.joinApproved",
          params: { enterprise: enterprise.name, association: association.nameZh },
          link: "/my",
        },
      ]);
      return { ok: true as const, enterpriseId: enterprise.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, error: "members:errors.creditCodeTaken" };
    throw error;
  }
}

export async function rejectApplication(actor: Actor, id: number, reason: string, ip: string | null): Promise<DecideResult> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [app] = await tx.select().from(joinApplications).where(eq(joinApplications.id, id)).for("update");
    if (!app || app.status !== "pending") return { ok: false as const, error: "members:errors.alreadyDecided" as const };
    await tx
      .update(joinApplications)
      .set({ status: "rejected", decisionReason: reason, decidedBy: actor?.userId ?? null, decidedAt: new Date() })
      .where(eq(joinApplications.id, id));
    await appendAudit(tx, {
      actor,
      action: "join_application.reject",
      entityType: "join_application",
      entityId: id,
      before: { status: app.status },
      after: { status: "rejected", reason },
      ip,
    });
    await notify(tx, [
      { userId: app.applicantUserId, messageKey: "notifications.joinRejected", params: { enterprise: String(app.profile.name ?? ""), reason }, link: "/my" },
    ]);
    return { ok: true as const };
  });
}

/** The applications a user made (for /my). */
export async function applicationsOf(userId: string) {
  const db = await getDb();
  return db
    .select({
      id: joinApplications.id,
      profile: joinApplications.profile,
      status: joinApplications.status,
      decisionReason: joinApplications.decisionReason,
      createdAt: joinApplications.createdAt,
      associationZh: associations.nameZh,
      associationEn: associations.nameEn,
    })
    .from(joinApplications)
    .innerJoin(associations, eq(associations.id, joinApplications.associationId))
    .where(eq(joinApplications.applicantUserId, userId))
    .orderBy(desc(joinApplications.createdAt));
}
