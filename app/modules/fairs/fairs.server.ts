import { and, asc, count, desc, eq, gte, ilike, inArray, isNotNull, lt, max, or, sql, type SQL } from "drizzle-orm";
import { getDb, type Executor } from "../../../db/client.server";
import { users } from "../../../db/schema/accounts";
import { enterpriseUsers, enterprises } from "../../../db/schema/members";
import { fairBooths, fairRegistrations, jobFairs, type BoothStatus, type FairStatus } from "../../../db/schema/fairs";
import { appendAudit } from "../../lib/audit.server";
import { createCache } from "../../lib/cache.server";
import { shanghaiToday, shanghaiYearBounds } from "../../lib/format";
import { isStaff, type Actor } from "../../lib/permissions";
import { isUniqueViolation } from "../accounts/accounts.server";
import { notify } from "../notifications/notifications.server";
import { canPreRegister, canRejectBooth, canRequestBooth, checkInDay, nextBoothNumber } from "./booth-rules";
import { countApplications, countPostingsAndPositions, countPostingsByEnterprise } from "../jobs/postings.server";
import { generateCheckInCode, parseCheckInCode } from "./checkin-code";
import type { FairInput } from "./forms";

export type Fair = typeof jobFairs.$inferSelect;
export type Booth = typeof fairBooths.$inferSelect;
export type Registration = typeof fairRegistrations.$inferSelect;
type SignedIn = NonNullable<Actor>;

export const FAIRS_PAGE_SIZE = 20;
export const BOOTHS_PAGE_SIZE = 50;

function publicFair(fair: Fair) {
  const { createdBy: _c, ...rest } = fair;
  return rest;
}

// ---------------------------------------------------------------- fairs

export async function createFair(actor: SignedIn, input: FairInput, ip: string | null): Promise<Fair> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const { publishNow, ...fields } = input;
    const [fair] = await tx
      .insert(jobFairs)
      .values({ ...fields, venue: fields.mode === "onsite" ? fields.venue : fields.venue, status: publishNow ? "published" : "draft", createdBy: actor.userId })
      .returning();
    await appendAudit(tx, { actor, action: "fair.create", entityType: "job_fair", entityId: fair.id, after: publicFair(fair), ip });
    return fair;
  });
}

export async function setFairStatus(actor: SignedIn, fairId: number, status: Exclude<FairStatus, "draft">, ip: string | null) {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [fair] = await tx.select().from(jobFairs).where(eq(jobFairs.id, fairId)).for("update");
    if (!fair) return { ok: false as const, error: "notFound" as const };
    const allowed = status === "published" ? fair.status === "draft" : fair.status !== "cancelled";
    if (!allowed) return { ok: false as const, error: "statusChange" as const };
    const [after] = await tx.update(jobFairs).set({ status }).where(eq(jobFairs.id, fairId)).returning();
    await appendAudit(tx, {
      actor,
      action: `fair.${status === "published" ? "publish" : "cancel"}`,
      entityType: "job_fair",
      entityId: fairId,
      before: { status: fair.status },
      after: { status },
      ip,
    });
    return { ok: true as const, fair: after };
  });
}

/** A fair the actor may see: the public and non-staff users see published and cancelled fairs, staff also drafts. */
export async function getFairFor(actor: Actor, fairId: number): Promise<Fair | null> {
  if (!Number.isSafeInteger(fairId) || fairId < 1) return null;
  const db = await getDb();
  const [fair] = await db.select().from(jobFairs).where(eq(jobFairs.id, fairId));
  if (!fair) return null;
  if (fair.status === "draft" && !isStaff(actor)) return null;
  return fair;
}

export async function listFairs(actor: Actor, filters: { when: "upcoming" | "past" | "all"; page: number }, today = shanghaiToday()) {
  const db = await getDb();
  const where: SQL[] = [];
  if (!isStaff(actor)) where.push(inArray(jobFairs.status, ["published", "cancelled"]));
  if (filters.when === "upcoming") where.push(gte(jobFairs.fairDate, today));
  if (filters.when === "past") where.push(lt(jobFairs.fairDate, today));
  const condition = where.length ? and(...where) : undefined;
  const [total] = await db.select({ n: count() }).from(jobFairs).where(condition);
  const approved = db
    .select({ fairId: fairBooths.fairId, n: count().as("approved_booths") })
    .from(fairBooths)
    .where(eq(fairBooths.status, "approved"))
    .groupBy(fairBooths.fairId)
    .as("approved");
  const rows = await db
    .select({ fair: jobFairs, approvedBooths: sql<number>`coalesce(${approved.n}, 0)`.mapWith(Number) })
    .from(jobFairs)
    .leftJoin(approved, eq(approved.fairId, jobFairs.id))
    .where(condition)
    .orderBy(filters.when === "past" ? desc(jobFairs.fairDate) : asc(jobFairs.fairDate), asc(jobFairs.id))
    .limit(FAIRS_PAGE_SIZE)
    .offset((filters.page - 1) * FAIRS_PAGE_SIZE);
  return { rows: rows.map((r) => ({ ...publicFair(r.fair), approvedBooths: r.approvedBooths })), total: total.n };
}

// ---------------------------------------------------------------- booths

/** The booths of the actor's own enterprises at this fair (member users), with the enterprises that have none yet. */
export async function myBooths(actor: SignedIn, fairId: number) {
  if (actor.enterpriseIds.length === 0) return { booths: [], enterprises: [] };
  const db = await getDb();
  const ents = await db
    .select({ id: enterprises.id, name: enterprises.name })
    .from(enterprises)
    .where(inArray(enterprises.id, actor.enterpriseIds))
    .orderBy(enterprises.name);
  const booths = await db
    .select({ booth: fairBooths, enterpriseName: enterprises.name })
    .from(fairBooths)
    .innerJoin(enterprises, eq(enterprises.id, fairBooths.enterpriseId))
    .where(and(eq(fairBooths.fairId, fairId), inArray(fairBooths.enterpriseId, actor.enterpriseIds)));
  return { booths: booths.map((b) => ({ ...b.booth, enterpriseName: b.enterpriseName })), enterprises: ents };
}

export type BoothRequestResult =
  { ok: true; booth: Booth } | { ok: false; error: "notFound" | "fairNotPublished" | "windowNotYetOpen" | "windowClosed" | "alreadyRequested" };

/**
 * A member user asks for a booth for one of its enterprises. The unique index on (fair, enterprise)
 * is the last word: two requests at once give one booth and one "alreadyRequested".
 */
export async function requestBooth(
  actor: SignedIn,
  fairId: number,
  input: { enterpriseId: number; note: string | null },
  ip: string | null,
  today = shanghaiToday(),
): Promise<BoothRequestResult> {
  // An enterprise the user does not act for is "not found": ids in forms are not trusted.
  if (!actor.enterpriseIds.includes(input.enterpriseId)) return { ok: false, error: "notFound" };
  const fair = await getFairFor(actor, fairId);
  if (!fair) return { ok: false, error: "notFound" };
  const db = await getDb();
  try {
    return await db.transaction(async (tx) => {
      const [existing] = await tx
        .select()
        .from(fairBooths)
        .where(and(eq(fairBooths.fairId, fairId), eq(fairBooths.enterpriseId, input.enterpriseId)))
        .for("update");
      const verdict = canRequestBooth(fair, today, existing ?? null);
      if (!verdict.ok) return verdict;
      let booth: Booth;
      if (existing) {
        [booth] = await tx
          .update(fairBooths)
          .set({
            status: "requested",
            note: input.note,
            requestedBy: actor.userId,
            decisionReason: null,
            decidedBy: null,
            decidedAt: null,
            createdAt: new Date(),
          })
          .where(eq(fairBooths.id, existing.id))
          .returning();
      } else {
        [booth] = await tx.insert(fairBooths).values({ fairId, enterpriseId: input.enterpriseId, note: input.note, requestedBy: actor.userId }).returning();
      }
      await appendAudit(tx, {
        actor,
        action: "fair.booth_request",
        entityType: "fair_booth",
        entityId: booth.id,
        before: existing ?? undefined,
        after: booth,
        ip,
      });
      return { ok: true as const, booth };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, error: "alreadyRequested" };
    throw error;
  }
}

/** A member user withdraws its own pending request (a booth already approved goes through staff). */
export async function withdrawBooth(actor: SignedIn, fairId: number, boothId: number, ip: string | null) {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [booth] = await tx
      .select()
      .from(fairBooths)
      .where(and(eq(fairBooths.id, boothId), eq(fairBooths.fairId, fairId)))
      .for("update");
    if (!booth || !actor.enterpriseIds.includes(booth.enterpriseId)) return { ok: false as const, error: "notFound" as const };
    if (booth.status !== "requested") return { ok: false as const, error: "notPending" as const };
    const [after] = await tx.update(fairBooths).set({ status: "withdrawn" }).where(eq(fairBooths.id, boothId)).returning();
    await appendAudit(tx, { actor, action: "fair.booth_withdraw", entityType: "fair_booth", entityId: boothId, before: booth, after, ip });
    return { ok: true as const, booth: after };
  });
}

export type BoothDecisionResult = { ok: true; booth: Booth } | { ok: false; error: "notFound" | "notPending" | "capacityReached" };

/**
 * Staff approve (the booth gets the next number) or reject (with a reason). The fair row is
 * locked first, so concurrent approvals are numbered one after another and the capacity holds;
 * the unique index on (fair, number) backs this up.
 */
export async function decideBooth(
  actor: SignedIn,
  fairId: number,
  input: { boothId: number; decision: "approve" | "reject"; reason: string | null },
  ip: string | null,
): Promise<BoothDecisionResult> {
  const db = await getDb();
  const result = await db.transaction(async (tx): Promise<BoothDecisionResult & { notifyIds?: string[]; fairTitle?: string }> => {
    const [fair] = await tx.select().from(jobFairs).where(eq(jobFairs.id, fairId)).for("update");
    if (!fair) return { ok: false, error: "notFound" };
    const [booth] = await tx
      .select()
      .from(fairBooths)
      .where(and(eq(fairBooths.id, input.boothId), eq(fairBooths.fairId, fairId)))
      .for("update");
    if (!booth) return { ok: false, error: "notFound" };
    let after: Booth;
    if (input.decision === "approve") {
      const [figures] = await tx
        .select({ approved: count(), highest: max(fairBooths.boothNumber) })
        .from(fairBooths)
        .where(and(eq(fairBooths.fairId, fairId), isNotNull(fairBooths.boothNumber)));
      const verdict = nextBoothNumber(booth, fair, figures.approved, figures.highest);
      if (!verdict.ok) return verdict;
      [after] = await tx
        .update(fairBooths)
        .set({ status: "approved", boothNumber: verdict.number, decisionReason: input.reason, decidedBy: actor.userId, decidedAt: new Date() })
        .where(eq(fairBooths.id, booth.id))
        .returning();
    } else {
      const verdict = canRejectBooth(booth);
      if (!verdict.ok) return verdict;
      [after] = await tx
        .update(fairBooths)
        .set({ status: "rejected", decisionReason: input.reason, decidedBy: actor.userId, decidedAt: new Date() })
        .where(eq(fairBooths.id, booth.id))
        .returning();
    }
    await appendAudit(tx, { actor, action: `fair.booth_${input.decision}`, entityType: "fair_booth", entityId: booth.id, before: booth, after, ip });
    const owners = await tx.select({ userId: enterpriseUsers.userId }).from(enterpriseUsers).where(eq(enterpriseUsers.enterpriseId, booth.enterpriseId));
    await notify(
      tx,
      owners.map((o) => ({
        userId: o.userId,
        messageKey: input.decision === "approve" ? "fairs:notify.boothApproved" : "fairs:notify.boothRejected",
        params: { fair: fair.title, number: after.boothNumber ?? "", reason: input.reason ?? "" },
        link: `/fairs/${fairId}`,
      })),
    );
    return { ok: true, booth: after };
  });
  return result;
}

export async function listBooths(fairId: number, filters: { status: BoothStatus | null; page: number }) {
  const db = await getDb();
  const condition = and(eq(fairBooths.fairId, fairId), filters.status ? eq(fairBooths.status, filters.status) : undefined);
  const [total] = await db.select({ n: count() }).from(fairBooths).where(condition);
  const rows = await db
    .select({ booth: fairBooths, enterpriseName: enterprises.name, contactPerson: enterprises.contactPerson, phone: enterprises.phone })
    .from(fairBooths)
    .innerJoin(enterprises, eq(enterprises.id, fairBooths.enterpriseId))
    .where(condition)
    // Pending requests first (oldest first: first come, first served), then by booth number.
    .orderBy(
      sql`case ${fairBooths.status} when 'requested' then 0 when 'approved' then 1 else 2 end`,
      asc(fairBooths.boothNumber),
      asc(fairBooths.createdAt),
      asc(fairBooths.id),
    )
    .limit(BOOTHS_PAGE_SIZE)
    .offset((filters.page - 1) * BOOTHS_PAGE_SIZE);
  const counts = await db.select({ status: fairBooths.status, n: count() }).from(fairBooths).where(eq(fairBooths.fairId, fairId)).groupBy(fairBooths.status);
  return {
    rows: rows.map((r) => ({ ...r.booth, enterpriseName: r.enterpriseName, contactPerson: r.contactPerson, phone: r.phone })),
    total: total.n,
    counts: Object.fromEntries(counts.map((c) => [c.status, c.n])) as Partial<Record<BoothStatus, number>>,
  };
}

/** Approved booths with their enterprises, as the public sees them on the fair page. */
export async function approvedBooths(fairId: number) {
  const db = await getDb();
  return db
    .select({ boothNumber: fairBooths.boothNumber, enterpriseId: enterprises.id, enterpriseName: enterprises.name })
    .from(fairBooths)
    .innerJoin(enterprises, eq(enterprises.id, fairBooths.enterpriseId))
    .where(and(eq(fairBooths.fairId, fairId), eq(fairBooths.status, "approved")))
    .orderBy(asc(fairBooths.boothNumber));
}

// ---------------------------------------------------------------- seekers

export async function myRegistration(actor: SignedIn, fairId: number): Promise<Registration | null> {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(fairRegistrations)
    .where(and(eq(fairRegistrations.fairId, fairId), eq(fairRegistrations.userId, actor.userId)));
  return row ?? null;
}

export type PreRegisterResult = { ok: true; registration: Registration; created: boolean } | { ok: false; error: "notFound" | "fairNotPublished" | "fairOver" };

/** A seeker pre-registers once per fair; asking again returns the same code. */
export async function preRegister(
  actor: SignedIn,
  fairId: number,
  input: { fullName: string; phone: string; school: string | null },
  ip: string | null,
  today = shanghaiToday(),
): Promise<PreRegisterResult> {
  const fair = await getFairFor(actor, fairId);
  if (!fair) return { ok: false, error: "notFound" };
  const existing = await myRegistration(actor, fairId);
  if (existing) return { ok: true, registration: existing, created: false };
  const verdict = canPreRegister(fair, today);
  if (!verdict.ok) return verdict;
  const db = await getDb();
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const registration = await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(fairRegistrations)
          .values({ fairId, userId: actor.userId, code: generateCheckInCode(), fullName: input.fullName, phone: input.phone, school: input.school })
          .returning();
        await appendAudit(tx, { actor, action: "fair.pre_register", entityType: "fair_registration", entityId: row.id, after: { fairId, code: row.code }, ip });
        return row;
      });
      return { ok: true, registration, created: true };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // Either the same seeker registered twice at once (return that row) or the code collided (try another).
      const again = await myRegistration(actor, fairId);
      if (again) return { ok: true, registration: again, created: false };
    }
  }
  throw new Error("could not allocate a unique check-in code");
}

// ---------------------------------------------------------------- check-in

export type CheckInResult =
  | { ok: true; registration: Registration }
  | { ok: false; error: "codeLength" | "codeCharacters" | "codeCheck" | "unknownCode" | "notFound" | "overrideReasonRequired" }
  | { ok: false; error: "otherFair"; otherFair: { id: number; title: string; fairDate: string } }
  | { ok: false; error: "alreadyCheckedIn"; registration: Registration }
  | { ok: false; error: "beforeFairDay" | "afterFairDay"; registration: Registration; fairDate: string };

/** Longest override reason kept (the form says so too). */
export const OVERRIDE_REASON_MAX = 200;

/**
 * Checks a visitor in by code (typed or scanned) or by registration id (manual search).
 * Only on the fair's day (Shanghai calendar): on another day it is refused unless staff give a
 * reason, which is stored on the registration and audited, so the report can count overrides apart.
 * The conditional update is atomic: of two check-ins of one code at once, one wins and the other
 * is told "already checked in", with the time of the first.
 */
export async function checkIn(
  actor: SignedIn,
  fairId: number,
  by: { code: string } | { registrationId: number },
  ip: string | null,
  options: { overrideReason?: string | null; today?: string } = {},
): Promise<CheckInResult> {
  const db = await getDb();
  let where: SQL;
  if ("code" in by) {
    const parsed = parseCheckInCode(by.code);
    if (!parsed.ok) return parsed;
    where = eq(fairRegistrations.code, parsed.code);
  } else {
    where = eq(fairRegistrations.id, by.registrationId);
  }
  const overrideReason = options.overrideReason?.trim().slice(0, OVERRIDE_REASON_MAX) || null;
  const today = options.today ?? shanghaiToday();
  return db.transaction(async (tx): Promise<CheckInResult> => {
    const [reg] = await tx.select().from(fairRegistrations).where(where);
    if (!reg) return { ok: false, error: "code" in by ? "unknownCode" : "notFound" };
    if (reg.fairId !== fairId) {
      if (!("code" in by)) return { ok: false, error: "notFound" };
      const [other] = await tx
        .select({ id: jobFairs.id, title: jobFairs.title, fairDate: jobFairs.fairDate })
        .from(jobFairs)
        .where(eq(jobFairs.id, reg.fairId));
      return { ok: false, error: "otherFair", otherFair: other };
    }
    if (reg.checkedInAt) return { ok: false, error: "alreadyCheckedIn", registration: reg };
    const [fair] = await tx.select({ fairDate: jobFairs.fairDate }).from(jobFairs).where(eq(jobFairs.id, fairId));
    const day = checkInDay(fair, today);
    const overriding = day !== "fairDay";
    if (overriding && !isStaff(actor)) return { ok: false, error: day, registration: reg, fairDate: fair.fairDate };
    if (overriding && !overrideReason) {
      // An override asked for without a reason is a form error; a plain attempt is the day refusal.
      if (options.overrideReason !== undefined && options.overrideReason !== null) return { ok: false, error: "overrideReasonRequired" };
      return { ok: false, error: day, registration: reg, fairDate: fair.fairDate };
    }
    const [updated] = await tx
      .update(fairRegistrations)
      .set({ checkedInAt: new Date(), checkedInBy: actor.userId, checkInOverrideReason: overriding ? overrideReason : null })
      .where(and(eq(fairRegistrations.id, reg.id), sql`${fairRegistrations.checkedInAt} is null`))
      .returning();
    if (!updated) {
      const [current] = await tx.select().from(fairRegistrations).where(eq(fairRegistrations.id, reg.id));
      return { ok: false, error: "alreadyCheckedIn", registration: current };
    }
    await appendAudit(tx, {
      actor,
      action: overriding ? "fair.check_in_override" : "fair.check_in",
      entityType: "fair_registration",
      entityId: reg.id,
      after: overriding
        ? { fairId, checkedInAt: updated.checkedInAt, fairDate: fair.fairDate, day: today, reason: overrideReason }
        : { fairId, checkedInAt: updated.checkedInAt },
      ip,
    });
    return { ok: true, registration: updated };
  });
}

/** Fallback when a visitor has no code at hand: search this fair's registrations by name or phone. */
export async function searchRegistrations(fairId: number, q: string, limit = 20) {
  // Control characters (a NUL from the query string) are dropped: PostgreSQL refuses them in text.
  // eslint-disable-next-line no-control-regex
  const term = q.replace(/[\u0000-\u001f\u007f]/g, "").trim();
  if (term.length === 0) return [];
  const db = await getDb();
  const pattern = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db
    .select()
    .from(fairRegistrations)
    .where(and(eq(fairRegistrations.fairId, fairId), or(ilike(fairRegistrations.fullName, pattern), ilike(fairRegistrations.phone, pattern))))
    .orderBy(asc(fairRegistrations.fullName), asc(fairRegistrations.id))
    .limit(limit);
}

export async function checkInCounts(fairId: number) {
  const db = await getDb();
  const [row] = await db
    .select({ registered: count(), checkedIn: count(fairRegistrations.checkedInAt), overridden: count(fairRegistrations.checkInOverrideReason) })
    .from(fairRegistrations)
    .where(eq(fairRegistrations.fairId, fairId));
  return row;
}

// ---------------------------------------------------------------- report

export type PostingFigures = { postings: number; positions: number; applications: number; intentsReached: number; enterprisesPosting: number };

/** Figures from the jobs capability (postings linked to the fair, their applications and intents reached). */
export async function fairPostingFigures(fairId: number, db?: Executor): Promise<PostingFigures> {
  const exec = db ?? (await getDb());
  const p = await countPostingsAndPositions({ fairId }, exec);
  const applications = await countApplications({ fairId }, exec);
  // A hired application reached an intent first.
  const intentsReached = await countApplications({ fairId, status: ["intent", "hired"] }, exec);
  return { postings: p.postings, positions: p.positions, applications, intentsReached, enterprisesPosting: p.enterprises };
}

export async function fairReport(fairId: number) {
  const db = await getDb();
  const booths = await listBooths(fairId, { status: null, page: 1 });
  const [boothFigures] = await db
    .select({ approved: count(), enterprises: sql<number>`count(distinct ${fairBooths.enterpriseId})`.mapWith(Number) })
    .from(fairBooths)
    .where(and(eq(fairBooths.fairId, fairId), eq(fairBooths.status, "approved")));
  const visitors = await checkInCounts(fairId);
  const byHour = await db
    .select({
      hour: sql<string>`to_char(${fairRegistrations.checkedInAt} at time zone 'Asia/Shanghai', 'HH24:00')`,
      n: count(),
    })
    .from(fairRegistrations)
    .where(and(eq(fairRegistrations.fairId, fairId), isNotNull(fairRegistrations.checkedInAt)))
    .groupBy(sql`1`)
    .orderBy(sql`1`);
  const postings = await fairPostingFigures(fairId, db);
  return {
    enterprises: boothFigures.enterprises,
    approvedBooths: boothFigures.approved,
    pendingBooths: booths.counts.requested ?? 0,
    registered: visitors.registered,
    checkedIn: visitors.checkedIn,
    /** Of checkedIn: staff checked these in on another day than the fair's, with a reason. */
    overriddenCheckIns: visitors.overridden,
    byHour,
    postings,
  };
}

const checkInsPerYear = createCache<{ hour: number; n: number }[]>({ ttlMs: 60_000, maxEntries: 20, staleWhileRevalidate: true });

/** checkInsByHour through a one-minute cache per year (the fairs part of /reports). */
export function cachedCheckInsByHour(year: number): Promise<{ hour: number; n: number }[]> {
  return checkInsPerYear.get(String(year), () => checkInsByHour(year));
}

/** Visitors checked in at every fair of a calendar year, per hour of the day (Shanghai time). */
export async function checkInsByHour(year: number, db?: Executor): Promise<{ hour: number; n: number }[]> {
  const x = db ?? (await getDb());
  const { start, end } = shanghaiYearBounds(year);
  const hour = sql<number>`extract(hour from ${fairRegistrations.checkedInAt} at time zone 'Asia/Shanghai')::int`.mapWith(Number);
  return x
    .select({ hour, n: count() })
    .from(fairRegistrations)
    .where(and(gte(fairRegistrations.checkedInAt, start), lt(fairRegistrations.checkedInAt, end)))
    .groupBy(hour)
    .orderBy(hour);
}

/** Approved booths with what each enterprise offers, for the report table and its CSV. */
export async function reportBoothRows(fairId: number) {
  const db = await getDb();
  const rows = await approvedBooths(fairId);
  const perEnterprise = await countPostingsByEnterprise({ fairId }, db);
  return rows.map((r) => ({
    ...r,
    postings: perEnterprise.get(r.enterpriseId)?.postings ?? null,
    positions: perEnterprise.get(r.enterpriseId)?.positions ?? null,
  }));
}

/** What the pre-registration form starts with: the seeker's account name and phone. */
export async function seekerDefaults(actor: SignedIn) {
  const db = await getDb();
  const [row] = await db.select({ displayName: users.displayName, phone: users.phone }).from(users).where(eq(users.id, actor.userId));
  return { fullName: row?.displayName ?? "", phone: row?.phone ?? "" };
}
