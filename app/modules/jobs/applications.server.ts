import { and, asc, count, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { getDb, type Executor } from "../../../db/client.server";
import { users } from "../../../db/schema/accounts";
import { enterpriseUsers, enterprises } from "../../../db/schema/members";
import { applicationEvents, jobApplications, jobPostings, seekerProfiles, type ApplicationStatus } from "../../../db/schema/jobs";
import { appendAudit } from "../../lib/audit.server";
import { shanghaiToday } from "../../lib/format";
import type { Actor } from "../../lib/permissions";
import { offsetOf } from "../../lib/pagination";
import { notify } from "../notifications/notifications.server";
import { canUndo, transition, type PipelineEvent } from "./pipeline";
import type { InterviewInput } from "./forms";
import { postingState, type CommandResult } from "./postings.server";

export const APPLICATIONS_PAGE_SIZE = 20;

/**
 * A seeker applies once to an open posting. The unique index (posting, seeker) decides under
 * concurrency: the insert does nothing on conflict, and the seeker is told it already applied.
 */
export async function applyToPosting(actor: Actor, postingId: number, message: string | null, ip: string | null = null): Promise<CommandResult> {
  if (!actor || actor.role !== "seeker") return { ok: false, error: "notFound" };
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [p] = await tx.select().from(jobPostings).where(eq(jobPostings.id, postingId));
    if (!p || p.hiddenAt) return { ok: false as const, error: "notFound" };
    if (postingState(p, shanghaiToday()) !== "open") return { ok: false as const, error: "notOpen" };
    const [created] = await tx
      .insert(jobApplications)
      .values({ postingId, seekerUserId: actor.userId, message })
      .onConflictDoNothing({ target: [jobApplications.postingId, jobApplications.seekerUserId] })
      .returning({ id: jobApplications.id });
    if (!created) return { ok: false as const, error: "alreadyApplied" };
    await tx.insert(applicationEvents).values({ applicationId: created.id, fromStatus: null, toStatus: "applied", actorId: actor.userId });
    await appendAudit(tx, {
      actor,
      action: "job_application.create",
      entityType: "job_application",
      entityId: created.id,
      after: { postingId, status: "applied" },
      ip,
    });
    const recipients = await tx.select({ userId: enterpriseUsers.userId }).from(enterpriseUsers).where(eq(enterpriseUsers.enterpriseId, p.enterpriseId));
    await notify(
      tx,
      recipients.map((r) => ({
        userId: r.userId,
        messageKey: "jobs:notify.newApplication",
        params: { title: p.title, name: actor.displayName },
        link: `/jobs/manage/applications/${created.id}`,
      })),
    );
    return { ok: true as const, id: created.id };
  });
}

/** The seeker's own applications with their status. */
export async function listMyApplications(actor: NonNullable<Actor>, page: number) {
  const db = await getDb();
  const where = eq(jobApplications.seekerUserId, actor.userId);
  const rows = await db
    .select({
      id: jobApplications.id,
      status: jobApplications.status,
      declineReason: jobApplications.declineReason,
      interviewAt: jobApplications.interviewAt,
      interviewPlace: jobApplications.interviewPlace,
      interviewContact: jobApplications.interviewContact,
      createdAt: jobApplications.createdAt,
      updatedAt: jobApplications.updatedAt,
      postingId: jobPostings.id,
      title: jobPostings.title,
      enterpriseName: enterprises.name,
    })
    .from(jobApplications)
    .innerJoin(jobPostings, eq(jobPostings.id, jobApplications.postingId))
    .innerJoin(enterprises, eq(enterprises.id, jobPostings.enterpriseId))
    .where(where)
    .orderBy(desc(jobApplications.createdAt), desc(jobApplications.id))
    .limit(APPLICATIONS_PAGE_SIZE)
    .offset(offsetOf(page, APPLICATIONS_PAGE_SIZE));
  const [total] = await db.select({ n: count() }).from(jobApplications).where(where);
  return { rows, total: total.n };
}

export type EnterpriseApplicationsFilter = { status?: ApplicationStatus | null; postingId?: number | null };

/** The condition behind the enterprise's list and its CSV: its own postings only, then the filters. */
function enterpriseApplicationsWhere(actor: NonNullable<Actor>, filter: EnterpriseApplicationsFilter): SQL {
  const conds: SQL[] = [inArray(jobPostings.enterpriseId, actor.enterpriseIds)];
  if (filter.status) conds.push(eq(jobApplications.status, filter.status));
  if (filter.postingId) conds.push(eq(jobApplications.postingId, filter.postingId));
  return and(...conds)!;
}

/** Applications to the member's own enterprises' postings; nobody else's, whatever is asked. */
export async function listEnterpriseApplications(actor: NonNullable<Actor>, page: number, filter: EnterpriseApplicationsFilter = {}) {
  if (actor.role !== "member" || actor.enterpriseIds.length === 0) return { rows: [], total: 0 };
  const db = await getDb();
  const where = enterpriseApplicationsWhere(actor, filter);
  const rows = await db
    .select({
      id: jobApplications.id,
      status: jobApplications.status,
      createdAt: jobApplications.createdAt,
      postingId: jobPostings.id,
      title: jobPostings.title,
      seekerName: users.displayName,
    })
    .from(jobApplications)
    .innerJoin(jobPostings, eq(jobPostings.id, jobApplications.postingId))
    .innerJoin(users, eq(users.id, jobApplications.seekerUserId))
    .where(where)
    .orderBy(desc(jobApplications.createdAt), desc(jobApplications.id))
    .limit(APPLICATIONS_PAGE_SIZE)
    .offset(offsetOf(page, APPLICATIONS_PAGE_SIZE));
  const [total] = await db.select({ n: count() }).from(jobApplications).innerJoin(jobPostings, eq(jobPostings.id, jobApplications.postingId)).where(where);
  return { rows, total: total.n };
}

/**
 * Every application of the enterprise's list (same scope and filters, no pages) with what the
 * enterprise may see of each seeker (as on the application page), for the CSV export.
 */
export async function exportEnterpriseApplications(actor: NonNullable<Actor>, filter: EnterpriseApplicationsFilter = {}) {
  if (actor.role !== "member" || actor.enterpriseIds.length === 0) return [];
  const db = await getDb();
  return db
    .select({
      id: jobApplications.id,
      status: jobApplications.status,
      message: jobApplications.message,
      declineReason: jobApplications.declineReason,
      createdAt: jobApplications.createdAt,
      updatedAt: jobApplications.updatedAt,
      postingId: jobPostings.id,
      title: jobPostings.title,
      enterpriseName: enterprises.name,
      seekerName: sql<string>`coalesce(${seekerProfiles.fullName}, ${users.displayName})`,
      phone: sql<string | null>`coalesce(${seekerProfiles.phone}, ${users.phone})`,
      email: users.email,
      school: seekerProfiles.school,
      major: seekerProfiles.major,
      education: seekerProfiles.education,
      graduationYear: seekerProfiles.graduationYear,
    })
    .from(jobApplications)
    .innerJoin(jobPostings, eq(jobPostings.id, jobApplications.postingId))
    .innerJoin(enterprises, eq(enterprises.id, jobPostings.enterpriseId))
    .innerJoin(users, eq(users.id, jobApplications.seekerUserId))
    .leftJoin(seekerProfiles, eq(seekerProfiles.userId, jobApplications.seekerUserId))
    .where(enterpriseApplicationsWhere(actor, filter))
    .orderBy(desc(jobApplications.createdAt), desc(jobApplications.id));
}

export type ApplicationExportRow = Awaited<ReturnType<typeof exportEnterpriseApplications>>[number];

/** One application for its enterprise: the seeker's profile, message and history; null when not theirs. */
export async function getApplicationForEnterprise(actor: Actor, id: number) {
  if (!actor || actor.role !== "member" || actor.enterpriseIds.length === 0) return null;
  const db = await getDb();
  const [row] = await db
    .select({
      application: jobApplications,
      posting: { id: jobPostings.id, title: jobPostings.title, enterpriseId: jobPostings.enterpriseId },
      seeker: { name: users.displayName, email: users.email, phone: users.phone },
    })
    .from(jobApplications)
    .innerJoin(jobPostings, eq(jobPostings.id, jobApplications.postingId))
    .innerJoin(users, eq(users.id, jobApplications.seekerUserId))
    .where(and(eq(jobApplications.id, id), inArray(jobPostings.enterpriseId, actor.enterpriseIds)));
  if (!row) return null;
  const [profile] = await db.select().from(seekerProfiles).where(eq(seekerProfiles.userId, row.application.seekerUserId));
  const events = await db
    .select()
    .from(applicationEvents)
    .where(eq(applicationEvents.applicationId, id))
    .orderBy(asc(applicationEvents.at), asc(applicationEvents.id));
  const undo = canUndo(events.at(-1) ?? null);
  return {
    ...row,
    undoTo: undo.ok ? undo.to : null,
    profile: profile ? { ...profile, resumeFileId: undefined, hasResume: Boolean(profile.resumeFileId) } : null,
    events,
  };
}

/** An interview time as the seeker's notice and email show it, the same in both languages: "2027-03-01 14:00" (Shanghai). */
const interviewTime = new Intl.DateTimeFormat("sv-SE", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
});

async function lockApplication(tx: Executor, actor: NonNullable<Actor>, id: number) {
  const [row] = await tx
    .select({ a: jobApplications, title: jobPostings.title })
    .from(jobApplications)
    .innerJoin(jobPostings, eq(jobPostings.id, jobApplications.postingId))
    .where(and(eq(jobApplications.id, id), inArray(jobPostings.enterpriseId, actor.enterpriseIds)))
    .for("update", { of: jobApplications });
  return row ?? null;
}

/**
 * The enterprise moves an application forward (to any later step), or declines it with a reason;
 * the seeker is told. Moving to "interview" needs its time, place and contact, which the seeker
 * sees on /jobs/applications and in the notice (in-app and email).
 */
export async function moveApplication(
  actor: Actor,
  id: number,
  event: PipelineEvent,
  ip: string | null = null,
  interview: InterviewInput | null = null,
): Promise<CommandResult<{ id: number; status: ApplicationStatus }>> {
  if (!actor || actor.role !== "member" || actor.enterpriseIds.length === 0) return { ok: false, error: "notFound" };
  const db = await getDb();
  return db.transaction(async (tx) => {
    const row = await lockApplication(tx, actor, id);
    if (!row) return { ok: false as const, error: "notFound" };
    const result = transition(row.a.status, event);
    if (!result.ok) return { ok: false as const, error: result.error };
    if (result.status === "interview" && !interview) return { ok: false as const, error: "interviewRequired" };
    const now = new Date();
    const details =
      result.status === "interview" && interview
        ? { interviewAt: interview.interviewAt, interviewPlace: interview.interviewPlace, interviewContact: interview.interviewContact }
        : {};
    await tx
      .update(jobApplications)
      .set({ status: result.status, declineReason: result.status === "declined" ? result.reason : null, updatedAt: now, ...details })
      .where(eq(jobApplications.id, id));
    await tx
      .insert(applicationEvents)
      .values({ applicationId: id, fromStatus: row.a.status, toStatus: result.status, reason: result.reason, actorId: actor.userId, at: now });
    await appendAudit(tx, {
      actor,
      action: "job_application.move",
      entityType: "job_application",
      entityId: id,
      before: { status: row.a.status },
      after: { status: result.status, reason: result.reason, ...details },
      ip,
    });
    const notice: { messageKey: string; params: Record<string, string> } =
      result.status === "interview" && interview
        ? {
            messageKey: "jobs:notify.interview",
            params: {
              title: row.title,
              time: interviewTime.format(interview.interviewAt),
              place: interview.interviewPlace,
              contact: interview.interviewContact,
            },
          }
        : { messageKey: "jobs:notify.statusChanged", params: { title: row.title, status: result.status } };
    await notify(tx, [{ userId: row.a.seekerUserId, ...notice, link: "/jobs/applications" }]);
    return { ok: true as const, id, status: result.status };
  });
}

/**
 * Takes the last step of an application back (pipeline canUndo: only that step, only the day it
 * was made), as a new history row marked undo; audited, and the seeker is told. Undoing the move
 * to "interview" clears the interview it set.
 */
export async function undoLastStep(
  actor: Actor,
  id: number,
  ip: string | null = null,
  now: Date = new Date(),
): Promise<CommandResult<{ id: number; status: ApplicationStatus }>> {
  if (!actor || actor.role !== "member" || actor.enterpriseIds.length === 0) return { ok: false, error: "notFound" };
  const db = await getDb();
  return db.transaction(async (tx) => {
    const row = await lockApplication(tx, actor, id);
    if (!row) return { ok: false as const, error: "notFound" };
    const [last] = await tx
      .select()
      .from(applicationEvents)
      .where(eq(applicationEvents.applicationId, id))
      .orderBy(desc(applicationEvents.at), desc(applicationEvents.id))
      .limit(1);
    const undo = canUndo(last ?? null, now);
    if (!undo.ok) return { ok: false as const, error: undo.error };
    const clearInterview = last.toStatus === "interview" ? { interviewAt: null, interviewPlace: null, interviewContact: null } : {};
    await tx
      .update(jobApplications)
      .set({ status: undo.to, declineReason: null, updatedAt: now, ...clearInterview })
      .where(eq(jobApplications.id, id));
    await tx.insert(applicationEvents).values({ applicationId: id, fromStatus: row.a.status, toStatus: undo.to, undo: true, actorId: actor.userId, at: now });
    await appendAudit(tx, {
      actor,
      action: "job_application.undo",
      entityType: "job_application",
      entityId: id,
      before: {
        status: row.a.status,
        declineReason: row.a.declineReason,
        interviewAt: row.a.interviewAt,
        interviewPlace: row.a.interviewPlace,
        interviewContact: row.a.interviewContact,
      },
      after: { status: undo.to },
      ip,
    });
    await notify(tx, [
      { userId: row.a.seekerUserId, messageKey: "jobs:notify.stepUndone", params: { title: row.title, status: undo.to }, link: "/jobs/applications" },
    ]);
    return { ok: true as const, id, status: undo.to };
  });
}
