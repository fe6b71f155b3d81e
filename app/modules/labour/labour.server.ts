import { and, arrayOverlaps, asc, count, desc, eq, inArray, ne, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type Executor } from "../../../db/client.server";
import { enterpriseUsers, enterprises } from "../../../db/schema/members";
import { labourPlacements, labourPosts, type LabourPostKind, type LabourSkill } from "../../../db/schema/fairs";
import { appendAudit } from "../../lib/audit.server";
import { isStaff, type Actor } from "../../lib/permissions";
import { notify } from "../notifications/notifications.server";
import { rankMatches } from "./match";
import type { LabourPostInput, PlacementInput } from "./forms";

type SignedIn = NonNullable<Actor>;
export type LabourPost = typeof labourPosts.$inferSelect;
export const LABOUR_PAGE_SIZE = 20;

/** Headcount already placed per post (as lender or as taker). */
function placedSql(postId: SQL | typeof labourPosts.id) {
  return sql<number>`(select coalesce(sum(${labourPlacements.headcount}), 0) from ${labourPlacements}
    where ${labourPlacements.surplusPostId} = ${postId} or ${labourPlacements.shortagePostId} = ${postId})`.mapWith(Number);
}

/**
 * The exchange board: every open post of every member enterprise (that is the point of an
 * exchange), plus the actor's own closed posts; staff see everything.
 */
function visibleTo(actor: SignedIn): SQL | undefined {
  if (isStaff(actor)) return undefined;
  const own = actor.enterpriseIds.length ? inArray(labourPosts.enterpriseId, actor.enterpriseIds) : sql`false`;
  return or(eq(labourPosts.status, "open"), own);
}

export async function listLabourPosts(
  actor: SignedIn,
  filters: { kind: LabourPostKind | null; skill: LabourSkill | null; status: "open" | "closed" | null; mine: boolean; page: number },
) {
  const db = await getDb();
  const where: (SQL | undefined)[] = [visibleTo(actor)];
  if (filters.kind) where.push(eq(labourPosts.kind, filters.kind));
  if (filters.skill) where.push(arrayOverlaps(labourPosts.skills, [filters.skill]));
  if (filters.status) where.push(eq(labourPosts.status, filters.status));
  if (filters.mine) where.push(actor.enterpriseIds.length ? inArray(labourPosts.enterpriseId, actor.enterpriseIds) : sql`false`);
  const condition = and(...where);
  const [total] = await db.select({ n: count() }).from(labourPosts).where(condition);
  const rows = await db
    .select({ post: labourPosts, enterpriseName: enterprises.name, placed: placedSql(labourPosts.id) })
    .from(labourPosts)
    .innerJoin(enterprises, eq(enterprises.id, labourPosts.enterpriseId))
    .where(condition)
    .orderBy(desc(labourPosts.createdAt), desc(labourPosts.id))
    .limit(LABOUR_PAGE_SIZE)
    .offset((filters.page - 1) * LABOUR_PAGE_SIZE);
  return {
    rows: rows.map((r) => ({ ...r.post, enterpriseName: r.enterpriseName, placed: r.placed, remaining: Math.max(0, r.post.headcount - r.placed) })),
    total: total.n,
  };
}

export async function getLabourPost(actor: SignedIn, postId: number) {
  if (!Number.isSafeInteger(postId) || postId < 1) return null;
  const db = await getDb();
  const [row] = await db
    .select({ post: labourPosts, enterpriseName: enterprises.name, placed: placedSql(labourPosts.id) })
    .from(labourPosts)
    .innerJoin(enterprises, eq(enterprises.id, labourPosts.enterpriseId))
    .where(and(eq(labourPosts.id, postId), visibleTo(actor)));
  if (!row) return null;
  return {
    ...row.post,
    enterpriseName: row.enterpriseName,
    placed: row.placed,
    remaining: Math.max(0, row.post.headcount - row.placed),
    own: actor.enterpriseIds.includes(row.post.enterpriseId),
  };
}

/** Open posts of the other kind that fit this post, best first (see match.ts). */
export async function suggestMatches(post: LabourPost & { remaining: number }, limit = 10) {
  if (post.status !== "open" || post.remaining <= 0) return [];
  const db = await getDb();
  const otherKind: LabourPostKind = post.kind === "surplus" ? "shortage" : "surplus";
  const candidates = await db
    .select({ post: labourPosts, enterpriseName: enterprises.name, placed: placedSql(labourPosts.id) })
    .from(labourPosts)
    .innerJoin(enterprises, eq(enterprises.id, labourPosts.enterpriseId))
    .where(
      and(
        eq(labourPosts.kind, otherKind),
        eq(labourPosts.status, "open"),
        ne(labourPosts.enterpriseId, post.enterpriseId),
        arrayOverlaps(labourPosts.skills, post.skills),
        sql`${labourPosts.periodStart} <= ${post.periodEnd} and ${labourPosts.periodEnd} >= ${post.periodStart}`,
      ),
    )
    .limit(500);
  return rankMatches(
    post,
    candidates.map((c) => ({ ...c.post, enterpriseName: c.enterpriseName, remaining: Math.max(0, c.post.headcount - c.placed) })),
    limit,
  );
}

export type CreatePostResult = { ok: true; post: LabourPost } | { ok: false; error: "notFound" };

export async function createLabourPost(actor: SignedIn, input: LabourPostInput, ip: string | null): Promise<CreatePostResult> {
  if (!actor.enterpriseIds.includes(input.enterpriseId)) return { ok: false, error: "notFound" };
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [post] = await tx
      .insert(labourPosts)
      .values({ ...input, skills: [...new Set(input.skills)], createdBy: actor.userId })
      .returning();
    await appendAudit(tx, { actor, action: "labour.post_create", entityType: "labour_post", entityId: post.id, after: post, ip });
    return { ok: true as const, post };
  });
}

export async function closeLabourPost(actor: SignedIn, postId: number, ip: string | null) {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [post] = await tx.select().from(labourPosts).where(eq(labourPosts.id, postId)).for("update");
    if (!post || !(isStaff(actor) || actor.enterpriseIds.includes(post.enterpriseId))) return { ok: false as const, error: "notFound" as const };
    if (post.status === "closed") return { ok: false as const, error: "alreadyClosed" as const };
    const [after] = await tx.update(labourPosts).set({ status: "closed" }).where(eq(labourPosts.id, postId)).returning();
    await appendAudit(tx, {
      actor,
      action: "labour.post_close",
      entityType: "labour_post",
      entityId: postId,
      before: { status: post.status },
      after: { status: "closed" },
      ip,
    });
    return { ok: true as const, post: after };
  });
}

export type PlacementError = "notFound" | "wrongKinds" | "sameEnterprise" | "postClosed" | "exceedsSurplus" | "exceedsShortage";
export type PlacementResult = { ok: true; placementId: number; closed: number[] } | { ok: false; error: PlacementError };

async function placedOn(tx: Executor, postId: number): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`coalesce(sum(${labourPlacements.headcount}), 0)`.mapWith(Number) })
    .from(labourPlacements)
    .where(or(eq(labourPlacements.surplusPostId, postId), eq(labourPlacements.shortagePostId, postId)));
  return row.n;
}

/**
 * Staff record that a lending and a borrowing enterprise agreed. Both posts are locked (in id
 * order, so two placements at once cannot deadlock); a placement never exceeds what either side
 * still has open, and a post whose headcount is fully placed closes itself.
 */
export async function recordPlacement(actor: SignedIn, input: PlacementInput, ip: string | null): Promise<PlacementResult> {
  const db = await getDb();
  return db.transaction(async (tx): Promise<PlacementResult> => {
    const ids = [input.surplusPostId, input.shortagePostId].sort((a, b) => a - b);
    const locked = await tx.select().from(labourPosts).where(inArray(labourPosts.id, ids)).orderBy(asc(labourPosts.id)).for("update");
    const surplus = locked.find((p) => p.id === input.surplusPostId);
    const shortage = locked.find((p) => p.id === input.shortagePostId);
    if (!surplus || !shortage) return { ok: false, error: "notFound" };
    if (surplus.kind !== "surplus" || shortage.kind !== "shortage") return { ok: false, error: "wrongKinds" };
    if (surplus.enterpriseId === shortage.enterpriseId) return { ok: false, error: "sameEnterprise" };
    if (surplus.status !== "open" || shortage.status !== "open") return { ok: false, error: "postClosed" };
    const surplusLeft = surplus.headcount - (await placedOn(tx, surplus.id));
    const shortageLeft = shortage.headcount - (await placedOn(tx, shortage.id));
    if (input.headcount > surplusLeft) return { ok: false, error: "exceedsSurplus" };
    if (input.headcount > shortageLeft) return { ok: false, error: "exceedsShortage" };
    const [placement] = await tx
      .insert(labourPlacements)
      .values({
        surplusPostId: surplus.id,
        shortagePostId: shortage.id,
        headcount: input.headcount,
        placedOn: input.placedOn,
        note: input.note,
        recordedBy: actor.userId,
      })
      .returning();
    const closed: number[] = [];
    for (const [post, left] of [
      [surplus, surplusLeft],
      [shortage, shortageLeft],
    ] as const) {
      if (left - input.headcount === 0) {
        await tx.update(labourPosts).set({ status: "closed" }).where(eq(labourPosts.id, post.id));
        closed.push(post.id);
      }
    }
    await appendAudit(tx, {
      actor,
      action: "labour.placement_record",
      entityType: "labour_placement",
      entityId: placement.id,
      after: { ...placement, closedPosts: closed },
      ip,
    });
    const owners = await tx
      .select({ userId: enterpriseUsers.userId })
      .from(enterpriseUsers)
      .where(inArray(enterpriseUsers.enterpriseId, [surplus.enterpriseId, shortage.enterpriseId]));
    await notify(
      tx,
      owners.map((o) => ({
        userId: o.userId,
        messageKey: "labour:notify.placed",
        params: { headcount: input.headcount },
        link: `/labour-exchange/${shortage.id}`,
      })),
    );
    return { ok: true, placementId: placement.id, closed };
  });
}

export async function placementsOf(postId: number) {
  const db = await getDb();
  const lender = alias(labourPosts, "lender");
  const taker = alias(labourPosts, "taker");
  const lenderEnt = alias(enterprises, "lender_ent");
  const takerEnt = alias(enterprises, "taker_ent");
  return db
    .select({
      id: labourPlacements.id,
      headcount: labourPlacements.headcount,
      placedOn: labourPlacements.placedOn,
      note: labourPlacements.note,
      surplusPostId: labourPlacements.surplusPostId,
      shortagePostId: labourPlacements.shortagePostId,
      lenderName: lenderEnt.name,
      takerName: takerEnt.name,
    })
    .from(labourPlacements)
    .innerJoin(lender, eq(lender.id, labourPlacements.surplusPostId))
    .innerJoin(taker, eq(taker.id, labourPlacements.shortagePostId))
    .innerJoin(lenderEnt, eq(lenderEnt.id, lender.enterpriseId))
    .innerJoin(takerEnt, eq(takerEnt.id, taker.enterpriseId))
    .where(or(eq(labourPlacements.surplusPostId, postId), eq(labourPlacements.shortagePostId, postId)))
    .orderBy(desc(labourPlacements.placedOn), desc(labourPlacements.id));
}

/** The exchange's headline figures, counted from the rows. */
export async function placementTotals(db?: Executor) {
  const exec = db ?? (await getDb());
  const [placed] = await exec
    .select({ people: sql<number>`coalesce(sum(${labourPlacements.headcount}), 0)`.mapWith(Number), placements: count() })
    .from(labourPlacements);
  const [posts] = await exec
    .select({
      openSurplus: sql<number>`count(*) filter (where ${labourPosts.kind} = 'surplus' and ${labourPosts.status} = 'open')`.mapWith(Number),
      openShortage: sql<number>`count(*) filter (where ${labourPosts.kind} = 'shortage' and ${labourPosts.status} = 'open')`.mapWith(Number),
    })
    .from(labourPosts);
  const [ents] = await exec
    .select({ n: sql<number>`count(distinct ${labourPosts.enterpriseId})`.mapWith(Number) })
    .from(labourPosts)
    .where(
      sql`exists (select 1 from ${labourPlacements} where ${labourPlacements.surplusPostId} = ${labourPosts.id} or ${labourPlacements.shortagePostId} = ${labourPosts.id})`,
    );
  return {
    peoplePlaced: placed.people,
    placements: placed.placements,
    enterprisesInvolved: ents.n,
    openSurplus: posts.openSurplus,
    openShortage: posts.openShortage,
  };
}

/** The enterprises a member user may post for. */
export async function postingEnterprises(actor: SignedIn) {
  if (actor.enterpriseIds.length === 0) return [];
  const db = await getDb();
  return db
    .select({ id: enterprises.id, name: enterprises.name, village: enterprises.village })
    .from(enterprises)
    .where(inArray(enterprises.id, actor.enterpriseIds))
    .orderBy(enterprises.name);
}
