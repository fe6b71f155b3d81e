import { and, count, desc, eq, gte, inArray, isNull, isNotNull, sql, sum, type SQL } from "drizzle-orm";
import { getDb, type Executor } from "../../../db/client.server";
import { enterprises, type PublicField } from "../../../db/schema/members";
import { jobApplications, jobPostings, type ApplicationStatus } from "../../../db/schema/jobs";
import { createCache } from "../../lib/cache.server";
import { forgetPublicPages } from "../../lib/public-pages.server";
import { appendAudit } from "../../lib/audit.server";
import { shanghaiToday } from "../../lib/format";
import { actsForEnterprise, isStaff, type Actor } from "../../lib/permissions";
import { offsetOf } from "../../lib/pagination";
import { JOBS_PAGE_SIZE, type JobSearch, type PostingInput } from "./forms";
import { searchDocument, tsQueryText } from "./search";

export type PostingState = "open" | "closed" | "expired" | "hidden";

/** Listed publicly: not closed by hand, not hidden, closing date not passed (Shanghai calendar). */
function listedNow(today: string): SQL {
  return and(isNull(jobPostings.closedAt), isNull(jobPostings.hiddenAt), gte(jobPostings.closesOn, today))!;
}

export function postingState(p: { closedAt: Date | null; hiddenAt: Date | null; closesOn: string }, today = shanghaiToday()): PostingState {
  if (p.hiddenAt) return "hidden";
  if (p.closedAt) return "closed";
  if (p.closesOn < today) return "expired";
  return "open";
}

export function searchConditions(search: Omit<JobSearch, "sort">, today = shanghaiToday()): SQL[] {
  const where: SQL[] = [listedNow(today)];
  const tsq = search.q ? tsQueryText(search.q) : null;
  if (search.q && !tsq) where.push(sql`false`);
  if (tsq) where.push(sql`${jobPostings.searchText} @@ to_tsquery('simple', ${tsq})`);
  if (search.location) where.push(eq(jobPostings.location, search.location));
  if (search.education) where.push(eq(jobPostings.education, search.education));
  if (search.type) where.push(eq(jobPostings.jobType, search.type));
  if (search.salary) where.push(gte(jobPostings.salaryMaxFen, search.salary * 100));
  if (search.enterprise) where.push(eq(jobPostings.enterpriseId, search.enterprise));
  if (search.fair) where.push(eq(jobPostings.fairId, search.fair));
  return where;
}

const listColumns = {
  id: jobPostings.id,
  title: jobPostings.title,
  headcount: jobPostings.headcount,
  salaryMinFen: jobPostings.salaryMinFen,
  salaryMaxFen: jobPostings.salaryMaxFen,
  education: jobPostings.education,
  jobType: jobPostings.jobType,
  location: jobPostings.location,
  closesOn: jobPostings.closesOn,
  enterpriseId: jobPostings.enterpriseId,
  enterpriseName: enterprises.name,
};

/** The queries behind /jobs (exported so the benchmark can EXPLAIN exactly them). */
export function publicListQueries(db: Executor, search: JobSearch, page: number, today = shanghaiToday()) {
  const where = and(...searchConditions(search, today));
  const order =
    search.sort === "salary"
      ? [sql`${jobPostings.salaryMaxFen} desc nulls last`, sql`${jobPostings.id} desc nulls last`]
      : [sql`${jobPostings.createdAt} desc nulls last`, sql`${jobPostings.id} desc nulls last`];
  const rows = db
    .select(listColumns)
    .from(jobPostings)
    .innerJoin(enterprises, eq(enterprises.id, jobPostings.enterpriseId))
    .where(where)
    .orderBy(...order)
    .limit(JOBS_PAGE_SIZE)
    .offset(offsetOf(page, JOBS_PAGE_SIZE));
  const total = db.select({ n: count() }).from(jobPostings).where(where);
  return { rows, total };
}

export async function listPublicPostings(search: JobSearch, page: number) {
  const db = await getDb();
  const q = publicListQueries(db, search, page);
  const [rows, [total]] = await Promise.all([q.rows, q.total]);
  return { rows, total: total.n };
}

/**
 * The public list is the same for every visitor, so the page of a given search is kept for a
 * few seconds and concurrent identical requests share one database round trip (the fair-day
 * rush asks for the same few pages over and over). Any change to a posting made through this
 * module clears it; other changes (a closing date passing) show within PUBLIC_LIST_TTL_MS.
 */
export const PUBLIC_LIST_TTL_MS = 5_000;
type PublicList = Awaited<ReturnType<typeof listPublicPostings>>;
const publicLists = createCache<PublicList>({ ttlMs: PUBLIC_LIST_TTL_MS, maxEntries: 500, name: "jobs:public-lists" });

export function listPublicPostingsCached(search: JobSearch, page: number): Promise<PublicList> {
  return publicLists.get(JSON.stringify([shanghaiToday(), search, page]), () => listPublicPostings(search, page));
}

export function forgetPublicPostingLists(): void {
  publicLists.clear();
  forgetPublicPages();
}

/** The enterprise's name and only the fields it chose to show in public. */
export async function enterprisePublicProfile(db: Executor, enterpriseId: number) {
  const [e] = await db.select().from(enterprises).where(eq(enterprises.id, enterpriseId));
  if (!e) return null;
  const fields: Partial<Record<PublicField, string | number | null>> = {};
  for (const f of e.publicFields) fields[f] = e[f] as string | number | null;
  return { id: e.id, name: e.name, fields };
}

/**
 * One posting for /jobs/:id. Hidden postings exist only for their enterprise and staff (null
 * otherwise, so the route answers 404). Closed and expired postings stay readable, marked so.
 */
export async function getPosting(actor: Actor, id: number) {
  const db = await getDb();
  const [p] = await db.select().from(jobPostings).where(eq(jobPostings.id, id));
  if (!p) return null;
  const owner = actor?.role === "member" && actor.enterpriseIds.includes(p.enterpriseId);
  if (p.hiddenAt && !owner && !isStaff(actor)) return null;
  const enterprise = await enterprisePublicProfile(db, p.enterpriseId);
  const { searchText: _s, hiddenBy: _h, ...posting } = p;
  let myApplication: { id: number; status: ApplicationStatus } | null = null;
  if (actor?.role === "seeker") {
    const [a] = await db
      .select({ id: jobApplications.id, status: jobApplications.status })
      .from(jobApplications)
      .where(and(eq(jobApplications.postingId, id), eq(jobApplications.seekerUserId, actor.userId)));
    myApplication = a ?? null;
  }
  return {
    posting: { ...posting, hiddenReason: owner || isStaff(actor) ? p.hiddenReason : null },
    state: postingState(p),
    enterprise,
    canManage: owner,
    canModerate: isStaff(actor),
    myApplication,
  };
}

export type CommandResult<T = { id: number }> = ({ ok: true } & T) | { ok: false; error: string };

export async function createPosting(actor: Actor, input: PostingInput, ip: string | null = null): Promise<CommandResult> {
  if (!actor || actor.role !== "member" || !actsForEnterprise(actor, input.enterpriseId)) return { ok: false, error: "notYourEnterprise" };
  if (input.closesOn < shanghaiToday()) return { ok: false, error: "closesInPast" };
  const db = await getDb();
  return db
    .transaction(async (tx) => {
      const [e] = await tx.select({ name: enterprises.name }).from(enterprises).where(eq(enterprises.id, input.enterpriseId));
      if (!e) return { ok: false as const, error: "notYourEnterprise" };
      const row = postingRow(input, e.name);
      const [created] = await tx.insert(jobPostings).values(row).returning({ id: jobPostings.id });
      const { searchText: _s, ...after } = row;
      await appendAudit(tx, { actor, action: "job_posting.create", entityType: "job_posting", entityId: created.id, after, ip });
      return { ok: true as const, id: created.id };
    })
    .finally(forgetPublicPostingLists);
}

/** The row for a posting, with its search vector (title, description, benefits, enterprise name). */
export function postingRow(input: PostingInput, enterpriseName: string, fairId: number | null = null) {
  return {
    enterpriseId: input.enterpriseId,
    title: input.title,
    headcount: input.headcount,
    salaryMinFen: input.salaryMin * 100,
    salaryMaxFen: input.salaryMax * 100,
    education: input.education,
    experience: input.experience,
    jobType: input.jobType,
    location: input.location,
    description: input.description,
    benefits: input.benefits,
    contact: input.contact,
    closesOn: input.closesOn,
    fairId,
    searchText: sql`to_tsvector('simple', ${searchDocument(input.title, input.description, enterpriseName)})` as unknown as string,
  };
}

/** The fields of a posting the edit form shows (the create form's fields, as typed there: yuan, not fen). */
export type EditablePosting = { [K in keyof PostingInput]: string };

function editableFields(p: typeof jobPostings.$inferSelect) {
  return {
    title: p.title,
    headcount: p.headcount,
    salaryMinFen: p.salaryMinFen,
    salaryMaxFen: p.salaryMaxFen,
    education: p.education,
    experience: p.experience,
    jobType: p.jobType,
    location: p.location,
    description: p.description,
    benefits: p.benefits,
    contact: p.contact,
    closesOn: p.closesOn,
  };
}

/**
 * A posting for its edit form: only for a member of the posting's enterprise (null otherwise,
 * so the route answers 404), with its state and the moderation reason when staff hid it.
 */
export async function getPostingForEdit(actor: Actor, id: number) {
  if (!actor || actor.role !== "member" || actor.enterpriseIds.length === 0) return null;
  const db = await getDb();
  const [row] = await db
    .select({ p: jobPostings, enterpriseName: enterprises.name })
    .from(jobPostings)
    .innerJoin(enterprises, eq(enterprises.id, jobPostings.enterpriseId))
    .where(and(eq(jobPostings.id, id), inArray(jobPostings.enterpriseId, actor.enterpriseIds)));
  if (!row) return null;
  const { p } = row;
  const values: EditablePosting = {
    enterpriseId: String(p.enterpriseId),
    title: p.title,
    headcount: String(p.headcount),
    salaryMin: String(Math.round(p.salaryMinFen / 100)),
    salaryMax: String(Math.round(p.salaryMaxFen / 100)),
    education: p.education,
    experience: p.experience,
    jobType: p.jobType,
    location: p.location,
    description: p.description,
    benefits: p.benefits ?? "",
    contact: p.contact,
    closesOn: p.closesOn,
  };
  return { id: p.id, enterpriseName: row.enterpriseName, state: postingState(p), hiddenReason: p.hiddenReason, values };
}

/**
 * The enterprise edits its posting: every field of the create form, validated by the same schema.
 * Rules: only a member of the posting's enterprise (anyone else: notFound); the enterprise does not
 * change (the applications received belong to it); a closed posting is final; a NEW closing date
 * must not be in the past, as on create (an unchanged one is kept, so an expired posting can be
 * corrected without reopening it). Moderation stays as it is: a hidden posting stays hidden.
 */
export async function updatePosting(actor: Actor, id: number, input: PostingInput, ip: string | null = null): Promise<CommandResult> {
  if (!actor || actor.role !== "member" || actor.enterpriseIds.length === 0) return { ok: false, error: "notFound" };
  const db = await getDb();
  return db
    .transaction(async (tx) => {
      const [row] = await tx
        .select({ p: jobPostings, enterpriseName: enterprises.name })
        .from(jobPostings)
        .innerJoin(enterprises, eq(enterprises.id, jobPostings.enterpriseId))
        .where(and(eq(jobPostings.id, id), inArray(jobPostings.enterpriseId, actor.enterpriseIds)))
        .for("update", { of: jobPostings });
      if (!row) return { ok: false as const, error: "notFound" };
      const { p } = row;
      if (input.enterpriseId !== p.enterpriseId) return { ok: false as const, error: "enterpriseFixed" };
      if (p.closedAt) return { ok: false as const, error: "alreadyClosed" };
      if (input.closesOn !== p.closesOn && input.closesOn < shanghaiToday()) return { ok: false as const, error: "closesInPast" };
      const { enterpriseId: _e, fairId: _f, ...set } = postingRow(input, row.enterpriseName);
      const [updated] = await tx
        .update(jobPostings)
        .set({ ...set, updatedAt: new Date() })
        .where(eq(jobPostings.id, id))
        .returning();
      await appendAudit(tx, {
        actor,
        action: "job_posting.update",
        entityType: "job_posting",
        entityId: id,
        before: editableFields(p),
        after: editableFields(updated),
        ip,
      });
      return { ok: true as const, id };
    })
    .finally(forgetPublicPostingLists);
}

/** The enterprise closes its posting before the closing date. */
export async function closePosting(actor: Actor, id: number, ip: string | null = null): Promise<CommandResult> {
  const db = await getDb();
  return db
    .transaction(async (tx) => {
      const [p] = await tx.select().from(jobPostings).where(eq(jobPostings.id, id)).for("update");
      if (!p || !actor || actor.role !== "member" || !actor.enterpriseIds.includes(p.enterpriseId)) return { ok: false as const, error: "notFound" };
      if (p.closedAt) return { ok: false as const, error: "alreadyClosed" };
      const closedAt = new Date();
      await tx.update(jobPostings).set({ closedAt, updatedAt: closedAt }).where(eq(jobPostings.id, id));
      await appendAudit(tx, {
        actor,
        action: "job_posting.close",
        entityType: "job_posting",
        entityId: id,
        before: { closedAt: null },
        after: { closedAt },
        ip,
      });
      return { ok: true as const, id };
    })
    .finally(forgetPublicPostingLists);
}

/** Staff hide a posting from the public with a reason the enterprise sees, or show it again. */
export async function moderatePosting(
  actor: Actor,
  id: number,
  change: { hide: true; reason: string } | { hide: false },
  ip: string | null = null,
): Promise<CommandResult> {
  if (!isStaff(actor)) return { ok: false, error: "notFound" };
  const db = await getDb();
  return db
    .transaction(async (tx) => {
      const [p] = await tx.select().from(jobPostings).where(eq(jobPostings.id, id)).for("update");
      if (!p) return { ok: false as const, error: "notFound" };
      if (change.hide === Boolean(p.hiddenAt)) return { ok: false as const, error: change.hide ? "alreadyHidden" : "notHidden" };
      const now = new Date();
      const set = change.hide
        ? { hiddenAt: now, hiddenReason: change.reason, hiddenBy: actor!.userId, updatedAt: now }
        : { hiddenAt: null, hiddenReason: null, hiddenBy: null, updatedAt: now };
      await tx.update(jobPostings).set(set).where(eq(jobPostings.id, id));
      await appendAudit(tx, {
        actor,
        action: change.hide ? "job_posting.hide" : "job_posting.unhide",
        entityType: "job_posting",
        entityId: id,
        before: { hiddenAt: p.hiddenAt, hiddenReason: p.hiddenReason },
        after: { hiddenAt: set.hiddenAt, hiddenReason: set.hiddenReason },
        ip,
      });
      return { ok: true as const, id };
    })
    .finally(forgetPublicPostingLists);
}

export const MANAGE_PAGE_SIZE = 20;

/**
 * The employer dashboard's postings: a member sees its own enterprises' postings (with the
 * moderation reason), staff see all, optionally only hidden ones.
 */
export async function listManagedPostings(actor: NonNullable<Actor>, page: number, opts: { hiddenOnly?: boolean } = {}) {
  const db = await getDb();
  const where: SQL[] = [];
  if (!isStaff(actor)) {
    if (actor.enterpriseIds.length === 0) return { rows: [], total: 0 };
    where.push(inArray(jobPostings.enterpriseId, actor.enterpriseIds));
  }
  if (opts.hiddenOnly) where.push(isNotNull(jobPostings.hiddenAt));
  const cond = where.length ? and(...where) : undefined;
  const applicationsCount = db
    .select({ postingId: jobApplications.postingId, n: count().as("n") })
    .from(jobApplications)
    .groupBy(jobApplications.postingId)
    .as("ac");
  const rows = await db
    .select({
      id: jobPostings.id,
      title: jobPostings.title,
      headcount: jobPostings.headcount,
      closesOn: jobPostings.closesOn,
      closedAt: jobPostings.closedAt,
      hiddenAt: jobPostings.hiddenAt,
      hiddenReason: jobPostings.hiddenReason,
      createdAt: jobPostings.createdAt,
      enterpriseName: enterprises.name,
      applications: sql<number>`coalesce(${applicationsCount.n}, 0)::int`,
    })
    .from(jobPostings)
    .innerJoin(enterprises, eq(enterprises.id, jobPostings.enterpriseId))
    .leftJoin(applicationsCount, eq(applicationsCount.postingId, jobPostings.id))
    .where(cond)
    .orderBy(desc(jobPostings.createdAt), desc(jobPostings.id))
    .limit(MANAGE_PAGE_SIZE)
    .offset(offsetOf(page, MANAGE_PAGE_SIZE));
  const [total] = await db.select({ n: count() }).from(jobPostings).where(cond);
  const today = shanghaiToday();
  return { rows: rows.map((r) => ({ ...r, state: postingState(r, today) })), total: total.n };
}

/** The enterprises a member may post for (id and name), for the posting form. */
export async function enterprisesOf(actor: NonNullable<Actor>) {
  if (actor.enterpriseIds.length === 0) return [];
  const db = await getDb();
  return db
    .select({ id: enterprises.id, name: enterprises.name })
    .from(enterprises)
    .where(inArray(enterprises.id, actor.enterpriseIds))
    .orderBy(enterprises.id);
}

// ---- Figures for the fairs area (fair report) ----

/** Postings (not hidden) and the positions they offer (sum of headcount), optionally of one fair. */
export async function countPostingsAndPositions(
  where: { fairId?: number } = {},
  db?: Executor,
): Promise<{ postings: number; positions: number; enterprises: number }> {
  const ex = db ?? (await getDb());
  const cond = and(isNull(jobPostings.hiddenAt), where.fairId != null ? eq(jobPostings.fairId, where.fairId) : undefined);
  const [row] = await ex
    .select({ postings: count(), positions: sum(jobPostings.headcount), enterprises: sql<number>`count(distinct ${jobPostings.enterpriseId})::int` })
    .from(jobPostings)
    .where(cond);
  return { postings: row.postings, positions: Number(row.positions ?? 0), enterprises: Number(row.enterprises) };
}

/** Postings (not hidden) and positions per enterprise, optionally of one fair (the fair report's booth rows). */
export async function countPostingsByEnterprise(where: { fairId?: number } = {}, db?: Executor): Promise<Map<number, { postings: number; positions: number }>> {
  const ex = db ?? (await getDb());
  const rows = await ex
    .select({ enterpriseId: jobPostings.enterpriseId, postings: count(), positions: sum(jobPostings.headcount) })
    .from(jobPostings)
    .where(and(isNull(jobPostings.hiddenAt), where.fairId != null ? eq(jobPostings.fairId, where.fairId) : undefined))
    .groupBy(jobPostings.enterpriseId);
  return new Map(rows.map((r) => [r.enterpriseId, { postings: r.postings, positions: Number(r.positions ?? 0) }]));
}

/**
 * Applications, optionally to one fair's postings and in some statuses. For "intents reached"
 * pass status: ["intent", "hired"] (a hired application reached an intent first).
 */
export async function countApplications(
  where: { fairId?: number; status?: ApplicationStatus | readonly ApplicationStatus[] } = {},
  db?: Executor,
): Promise<number> {
  const ex = db ?? (await getDb());
  const statuses = where.status == null ? null : Array.isArray(where.status) ? where.status : [where.status as ApplicationStatus];
  const [row] = await ex
    .select({ n: count() })
    .from(jobApplications)
    .innerJoin(jobPostings, eq(jobPostings.id, jobApplications.postingId))
    .where(
      and(
        where.fairId != null ? eq(jobPostings.fairId, where.fairId) : undefined,
        statuses ? inArray(jobApplications.status, statuses as ApplicationStatus[]) : undefined,
      ),
    );
  return row.n;
}
