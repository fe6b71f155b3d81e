/**
 * Financing: credit products, needs and their matching, claims, applications, loans, renewals and
 * credit lines. Every command: policy check, one transaction, audit row in it, typed result.
 * Scope: a member sees its own enterprises' records; a bank officer only needs matched to its
 * bank's products (or claimed by its bank) and applications and loans with its bank; staff all.
 */
import { and, asc, count, desc, eq, gte, ilike, inArray, isNull, lte, ne, or, sql, type SQL } from "drizzle-orm";
import { getDb, type Executor, type Tx } from "../../../db/client.server";
import { users } from "../../../db/schema/accounts";
import {
  creditLines,
  creditProducts,
  financeProfiles,
  financingNeeds,
  loanApplicationEvents,
  loanApplications,
  loans,
  needMatches,
} from "../../../db/schema/finance";
import { associations, enterpriseUsers, enterprises, memberships } from "../../../db/schema/members";
import { banks } from "../../../db/schema/organisations";
import { appendAudit } from "../../lib/audit.server";
import { shanghaiToday } from "../../lib/format";
import type { ImportProblem } from "../../lib/import-problem";
import { actsForEnterprise, isStaff, type Actor } from "../../lib/permissions";
import { filesOf, findFile, recordUploads, type StagedUpload } from "../../lib/uploads.server";
import { notify, type Notice } from "../notifications/notifications.server";
import { dueAfter } from "../tickets/calendar";
import { loadCalendarExceptions } from "../tickets/calendar.server";
import { applicationTransition, type ApplicationAction } from "./application-states";
import { addDays, addMonths, isContactOverdue, needFlag } from "./clocks";
import {
  APPLICATION_FILE_OWNER,
  CLAIM_LIMIT_DAYS,
  CONTACT_BEFORE_DAYS,
  RENEWAL_WINDOW_DAYS,
  RESPONSE_LIMIT_DAYS,
  type ApplicationStatus,
  type NeedOutcome,
  type RenewalOutcome,
} from "./constants";
import {
  contextFor,
  loadEnterpriseFacts,
  loadLineBanks,
  loadProducts,
  needFacts,
  productFacts,
  refreshMatchesForNeeds,
  refreshMatchesForProduct,
  type NeedRow,
  type ProductRow,
} from "./facts.server";
import type { ApplicationFilter, ApplyInput, NeedFilter, NeedInput, ProductFilter, ProductInput, RenewalFilter } from "./forms";
import { rankProducts } from "./matching";
import { parseNeedsCsv, validateNeedRows } from "./needs-csv";
import { forgetFinanceReports } from "./reports.server";

/** A change made through the module clears the kept report figures (in every process, through the cache bus). */
function changed<T extends { ok: boolean }>(result: Promise<T>): Promise<T> {
  return result.then((r) => {
    if (r.ok) forgetFinanceReports();
    return r;
  });
}

type SignedIn = NonNullable<Actor>;
export type Options = { now?: Date; db?: Executor; ip?: string | null };
export type Result<T> = { ok: true; value: T } | { ok: false; error: string };
export const PAGE_SIZE = 20;

export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : ((result as { rows: T[] }).rows ?? [])) as T[];
}
const fail = (error: string) => ({ ok: false as const, error });

// ---------------------------------------------------------------------------------------------
// Scopes

function isOfficer(actor: Actor): actor is SignedIn & { bankId: number } {
  return actor !== null && actor.role === "bank" && actor.bankId !== null;
}

export function needScope(actor: SignedIn): SQL | undefined {
  if (isStaff(actor)) return undefined;
  if (actor.role === "member") return actor.enterpriseIds.length ? inArray(financingNeeds.enterpriseId, actor.enterpriseIds) : sql`false`;
  if (isOfficer(actor)) {
    return or(
      eq(financingNeeds.claimedBankId, actor.bankId),
      and(
        isNull(financingNeeds.claimedBankId),
        ne(financingNeeds.status, "withdrawn"),
        sql`exists (select 1 from ${needMatches} where ${needMatches.needId} = ${financingNeeds.id} and ${needMatches.bankId} = ${actor.bankId})`,
      ),
    );
  }
  return sql`false`;
}

function applicationScope(actor: SignedIn): SQL | undefined {
  if (isStaff(actor)) return undefined;
  if (actor.role === "member") return actor.enterpriseIds.length ? inArray(loanApplications.enterpriseId, actor.enterpriseIds) : sql`false`;
  if (isOfficer(actor)) return eq(loanApplications.bankId, actor.bankId);
  return sql`false`;
}

function loanScope(actor: SignedIn): SQL | undefined {
  if (isStaff(actor)) return undefined;
  if (actor.role === "member") return actor.enterpriseIds.length ? inArray(loans.enterpriseId, actor.enterpriseIds) : sql`false`;
  if (isOfficer(actor)) return eq(loans.bankId, actor.bankId);
  return sql`false`;
}

/** Products: the public and members see the active ones in force; an officer also its own bank's others; staff all. */
function productScope(actor: Actor, today: string): SQL | undefined {
  if (actor && isStaff(actor)) return undefined;
  const inForce = and(
    eq(creditProducts.status, "active"),
    lte(creditProducts.validFrom, today),
    or(isNull(creditProducts.validTo), gte(creditProducts.validTo, today)),
  );
  if (isOfficer(actor)) return or(inForce, eq(creditProducts.bankId, actor.bankId));
  return inForce;
}

// ---------------------------------------------------------------------------------------------
// Recipients

async function enterpriseUserIds(tx: Executor, enterpriseId: number): Promise<string[]> {
  const rows = await tx.select({ id: enterpriseUsers.userId }).from(enterpriseUsers).where(eq(enterpriseUsers.enterpriseId, enterpriseId));
  return rows.map((r) => r.id);
}

async function officerIds(tx: Executor, bankIds: number[]): Promise<string[]> {
  if (bankIds.length === 0) return [];
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, "bank"), inArray(users.bankId, bankIds), isNull(users.disabledAt)));
  return rows.map((r) => r.id);
}

/** The enterprise's finance liaison; without one, the staff leads. */
async function liaisonIds(tx: Executor, enterpriseId: number): Promise<string[]> {
  const [profile] = await tx.select({ liaison: financeProfiles.liaisonUserId }).from(financeProfiles).where(eq(financeProfiles.enterpriseId, enterpriseId));
  if (profile?.liaison) return [profile.liaison];
  const leads = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, "staff"), eq(users.isLead, true), isNull(users.disabledAt)));
  return leads.map((r) => r.id);
}

function notices(userIds: string[], actor: Actor, messageKey: string, link: string, params: Record<string, string | number>): Notice[] {
  return [...new Set(userIds)].filter((u) => u !== actor?.userId).map((userId) => ({ userId, messageKey, params, link }));
}

// ---------------------------------------------------------------------------------------------
// Products

function productValues(input: ProductInput) {
  return {
    name: input.name,
    type: input.type,
    description: input.description,
    minAmountFen: input.minAmountWan,
    maxAmountFen: input.maxAmountWan,
    minRateBp: input.minRatePct,
    maxRateBp: input.maxRatePct,
    minTermMonths: input.minTermMonths,
    maxTermMonths: input.maxTermMonths,
    minYearsInBusiness: input.minYearsInBusiness,
    aboveSizeOnly: input.aboveSizeOnly,
    minAnnualOutputFen: input.minAnnualOutputWan,
    segments: input.segments,
    membersOnly: input.membersOnly,
    collateralRequired: input.collateralRequired,
    acceptedCollateral: input.acceptedCollateral,
    validFrom: input.validFrom,
    validTo: input.validTo,
    status: input.status,
  };
}

/** Creates (id null) or changes a product: an officer only its own bank's, staff any bank's. */
export async function saveProduct(actor: SignedIn, id: number | null, input: ProductInput, opts: Options = {}): Promise<Result<ProductRow>> {
  const now = opts.now ?? new Date();
  const db = opts.db ?? (await getDb());
  const staff = isStaff(actor);
  if (!staff && !isOfficer(actor)) return fail("notFound");
  return changed(
    db.transaction(async (tx) => {
      let bankId: number;
      let before: ProductRow | undefined;
      if (id !== null) {
        [before] = await tx.select().from(creditProducts).where(eq(creditProducts.id, id)).for("update");
        if (!before || (!staff && before.bankId !== actor.bankId)) return fail("notFound");
        bankId = staff && input.bankId ? input.bankId : before.bankId;
      } else {
        bankId = staff ? (input.bankId ?? 0) : actor.bankId!;
      }
      const [bank] = await tx.select({ id: banks.id }).from(banks).where(eq(banks.id, bankId));
      if (!bank) return fail("finance:errors.bank");
      const values = { ...productValues(input), bankId, updatedAt: now };
      const [row] = before
        ? await tx.update(creditProducts).set(values).where(eq(creditProducts.id, before.id)).returning()
        : await tx
            .insert(creditProducts)
            .values({ ...values, createdBy: actor.userId, createdAt: now })
            .returning();
      await refreshMatchesForProduct(tx, row.id, shanghaiToday(now));
      await appendAudit(tx, {
        actor,
        action: before ? "finance.product.update" : "finance.product.create",
        entityType: "credit_product",
        entityId: row.id,
        before: before ?? undefined,
        after: row,
        ip: opts.ip,
      });
      return { ok: true as const, value: row };
    }),
  );
}

export async function listProducts(actor: Actor, f: ProductFilter, page: number, now = new Date()) {
  const db = await getDb();
  const today = shanghaiToday(now);
  const where = and(
    productScope(actor, today),
    f.type ? eq(creditProducts.type, f.type) : undefined,
    f.bank ? eq(creditProducts.bankId, f.bank) : undefined,
    f.status && actor && (isStaff(actor) || isOfficer(actor)) ? eq(creditProducts.status, f.status) : undefined,
    f.q
      ? or(ilike(creditProducts.name, `%${escapeLike(f.q)}%`), ilike(banks.nameZh, `%${escapeLike(f.q)}%`), ilike(banks.nameEn, `%${escapeLike(f.q)}%`))
      : undefined,
  );
  const dir = f.dir === "desc" ? desc : asc;
  const order = f.sort === "amount" ? [dir(creditProducts.maxAmountFen)] : f.sort === "name" ? [dir(creditProducts.name)] : [dir(creditProducts.minRateBp)];
  const [rows, [total]] = await Promise.all([
    db
      .select({ product: creditProducts, bankZh: banks.nameZh, bankEn: banks.nameEn })
      .from(creditProducts)
      .innerJoin(banks, eq(banks.id, creditProducts.bankId))
      .where(where)
      .orderBy(...order, asc(creditProducts.id))
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE),
    db.select({ n: count() }).from(creditProducts).innerJoin(banks, eq(banks.id, creditProducts.bankId)).where(where),
  ]);
  return { rows, total: total.n };
}

export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function listBanks() {
  const db = await getDb();
  return db.select().from(banks).orderBy(asc(banks.id));
}

/** One product as the actor may see it; the reverse view (needs it fits) for staff and its own bank. */
export async function getProduct(actor: Actor, id: number, now = new Date()) {
  const db = await getDb();
  const today = shanghaiToday(now);
  const [found] = await db
    .select({ product: creditProducts, bankZh: banks.nameZh, bankEn: banks.nameEn })
    .from(creditProducts)
    .innerJoin(banks, eq(banks.id, creditProducts.bankId))
    .where(and(eq(creditProducts.id, id), productScope(actor, today)));
  if (!found) return null;
  const maintains = actor !== null && (isStaff(actor) || (isOfficer(actor) && actor.bankId === found.product.bankId));
  const fits = maintains
    ? await db
        .select({
          needId: financingNeeds.id,
          score: needMatches.score,
          enterpriseName: enterprises.name,
          amountFen: financingNeeds.amountFen,
          purpose: financingNeeds.purpose,
          termMonths: financingNeeds.termMonths,
          neededBy: financingNeeds.neededBy,
          status: financingNeeds.status,
        })
        .from(needMatches)
        .innerJoin(financingNeeds, eq(financingNeeds.id, needMatches.needId))
        .innerJoin(enterprises, eq(enterprises.id, financingNeeds.enterpriseId))
        .where(and(eq(needMatches.productId, id), eq(financingNeeds.status, "open")))
        .orderBy(desc(needMatches.score), asc(financingNeeds.id))
        .limit(50)
    : [];
  const [fitCount] = maintains
    ? await db
        .select({ n: count() })
        .from(needMatches)
        .innerJoin(financingNeeds, eq(financingNeeds.id, needMatches.needId))
        .where(and(eq(needMatches.productId, id), eq(financingNeeds.status, "open")))
    : [{ n: 0 }];
  return { ...found, maintains, fits, fitCount: fitCount.n };
}

// ---------------------------------------------------------------------------------------------
// Needs

export async function needFormOptions(actor: SignedIn) {
  const db = await getDb();
  if (isStaff(actor)) {
    return db.select({ id: enterprises.id, name: enterprises.name }).from(enterprises).orderBy(asc(enterprises.name)).limit(2000);
  }
  if (actor.role !== "member" || actor.enterpriseIds.length === 0) return [];
  return db
    .select({ id: enterprises.id, name: enterprises.name })
    .from(enterprises)
    .where(inArray(enterprises.id, actor.enterpriseIds))
    .orderBy(asc(enterprises.name));
}

/** A member posts a need for its own enterprise (staff for any): matched at once, the matched banks' officers told. */
export async function postNeed(actor: SignedIn, input: NeedInput, opts: Options = {}): Promise<Result<NeedRow>> {
  const now = opts.now ?? new Date();
  const db = opts.db ?? (await getDb());
  if (!actsForEnterprise(actor, input.enterpriseId)) return fail("finance:errors.enterprise");
  return changed(
    db.transaction(async (tx) => {
      const [enterprise] = await tx.select({ id: enterprises.id, name: enterprises.name }).from(enterprises).where(eq(enterprises.id, input.enterpriseId));
      if (!enterprise) return fail("finance:errors.enterprise");
      if (input.foundedYear !== null) {
        await tx
          .insert(financeProfiles)
          .values({ enterpriseId: enterprise.id, foundedYear: input.foundedYear, updatedAt: now })
          .onConflictDoUpdate({ target: financeProfiles.enterpriseId, set: { foundedYear: input.foundedYear, updatedAt: now } });
      }
      const claimDueAt = dueAfter(now, CLAIM_LIMIT_DAYS, await loadCalendarExceptions(tx));
      const [need] = await tx
        .insert(financingNeeds)
        .values({
          enterpriseId: enterprise.id,
          amountFen: input.amountWan,
          purpose: input.purpose,
          description: input.description,
          termMonths: input.termMonths,
          maxRateBp: input.maxRatePct,
          collateral: input.collateral,
          neededBy: input.neededBy,
          source: isStaff(actor) ? "staff" : "member",
          claimDueAt,
          createdBy: actor.userId,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      await refreshMatchesForNeeds(tx, [need.id], shanghaiToday(now));
      const matchedBanks = await tx.selectDistinct({ bankId: needMatches.bankId }).from(needMatches).where(eq(needMatches.needId, need.id));
      await appendAudit(tx, { actor, action: "finance.need.post", entityType: "financing_need", entityId: need.id, after: need, ip: opts.ip });
      const params = { id: need.id, enterprise: enterprise.name };
      await notify(tx, [
        ...notices(
          await officerIds(
            tx,
            matchedBanks.map((b) => b.bankId),
          ),
          actor,
          "finance:notify.needMatched",
          `/finance/needs/${need.id}`,
          params,
        ),
        ...notices(await liaisonIds(tx, enterprise.id), actor, "finance:notify.needPosted", `/finance/needs/${need.id}`, params),
      ]);
      return { ok: true as const, value: need };
    }),
  );
}

export type ImportResult = { ok: true; created: number } | { ok: false; problems: ImportProblem[] };

/** Staff import survey needs from CSV: all or nothing, every bad row reported. */
export async function importNeeds(actor: SignedIn, text: string, opts: Options = {}): Promise<ImportResult> {
  if (!isStaff(actor)) return { ok: false, problems: [{ line: 1, column: null, message: "finance:errors.forbidden" }] };
  const now = opts.now ?? new Date();
  const db = opts.db ?? (await getDb());
  const { header, records } = parseNeedsCsv(text);
  const codes = await db.select({ id: enterprises.id, code: enterprises.creditCode }).from(enterprises);
  const { rows, problems } = validateNeedRows(records, header, new Map(codes.map((c) => [c.code, c.id])));
  if (problems.length) return { ok: false, problems };
  return changed(
    db.transaction(async (tx) => {
      const claimDueAt = dueAfter(now, CLAIM_LIMIT_DAYS, await loadCalendarExceptions(tx));
      const ids: number[] = [];
      for (let i = 0; i < rows.length; i += 500) {
        const inserted = await tx
          .insert(financingNeeds)
          .values(
            rows.slice(i, i + 500).map((r) => ({
              enterpriseId: r.enterpriseId,
              amountFen: r.amountWan,
              purpose: r.purpose,
              description: r.description,
              termMonths: r.termMonths,
              maxRateBp: r.maxRatePct,
              collateral: r.collateral,
              neededBy: r.neededBy,
              source: "survey" as const,
              claimDueAt,
              createdBy: actor.userId,
              createdAt: now,
              updatedAt: now,
            })),
          )
          .returning({ id: financingNeeds.id });
        ids.push(...inserted.map((r) => r.id));
      }
      await refreshMatchesForNeeds(tx, ids, shanghaiToday(now));
      await appendAudit(tx, {
        actor,
        action: "finance.need.import",
        entityType: "financing_need",
        after: { created: ids.length, firstId: ids[0], lastId: ids.at(-1) },
        ip: opts.ip,
      });
      return { ok: true as const, created: ids.length };
    }),
  );
}

async function loadNeedScoped(tx: Executor, actor: SignedIn, id: number, lock = false): Promise<NeedRow | null> {
  const q = tx
    .select()
    .from(financingNeeds)
    .where(and(eq(financingNeeds.id, id), needScope(actor)));
  const [row] = lock ? await q.for("update") : await q;
  return row ?? null;
}

/** A bank officer claims a need matched to its bank: the first claim wins (a conditional update), the others are refused. */
export async function claimNeed(actor: SignedIn, id: number, opts: Options = {}): Promise<Result<NeedRow>> {
  if (!isOfficer(actor)) return fail("notFound");
  const now = opts.now ?? new Date();
  const db = opts.db ?? (await getDb());
  return changed(
    db.transaction(async (tx) => {
      const visible = await loadNeedScoped(tx, actor, id);
      if (!visible) return fail("notFound");
      const responseDueAt = dueAfter(now, RESPONSE_LIMIT_DAYS, await loadCalendarExceptions(tx));
      const [claimed] = await tx
        .update(financingNeeds)
        .set({
          status: "claimed",
          claimedBankId: actor.bankId,
          claimedBy: actor.userId,
          claimedAt: now,
          responseDueAt,
          flaggedAt: null,
          flagKind: null,
          updatedAt: now,
        })
        .where(and(eq(financingNeeds.id, id), eq(financingNeeds.status, "open"), isNull(financingNeeds.claimedBankId)))
        .returning();
      if (!claimed) return fail("finance:errors.alreadyClaimed");
      await appendAudit(tx, {
        actor,
        action: "finance.need.claim",
        entityType: "financing_need",
        entityId: id,
        before: { status: visible.status },
        after: { status: "claimed", bankId: actor.bankId, responseDueAt },
        ip: opts.ip,
      });
      const [e] = await tx.select({ name: enterprises.name }).from(enterprises).where(eq(enterprises.id, claimed.enterpriseId));
      const [bank] = await tx.select({ nameZh: banks.nameZh }).from(banks).where(eq(banks.id, actor.bankId));
      const params = { id, enterprise: e?.name ?? "", bank: bank?.nameZh ?? "" };
      await notify(
        tx,
        notices(
          [...(await enterpriseUserIds(tx, claimed.enterpriseId)), ...(await liaisonIds(tx, claimed.enterpriseId))],
          actor,
          "finance:notify.needClaimed",
          `/finance/needs/${id}`,
          params,
        ),
      );
      return { ok: true as const, value: claimed };
    }),
  );
}

/** The claiming bank records its answer (within 3 working days, or late: the lateness stays visible). */
export async function respondToNeed(actor: SignedIn, id: number, input: { outcome: NeedOutcome; note: string }, opts: Options = {}): Promise<Result<NeedRow>> {
  if (!isOfficer(actor)) return fail("notFound");
  const now = opts.now ?? new Date();
  const db = opts.db ?? (await getDb());
  return changed(
    db.transaction(async (tx) => {
      const need = await loadNeedScoped(tx, actor, id, true);
      if (!need) return fail("notFound");
      if (need.status !== "claimed" || need.claimedBankId !== actor.bankId) return fail("finance:errors.notClaimedByYou");
      const [after] = await tx
        .update(financingNeeds)
        .set({ status: "answered", respondedAt: now, outcome: input.outcome, outcomeNote: input.note, flaggedAt: null, flagKind: null, updatedAt: now })
        .where(eq(financingNeeds.id, id))
        .returning();
      await appendAudit(tx, {
        actor,
        action: "finance.need.respond",
        entityType: "financing_need",
        entityId: id,
        before: { status: need.status },
        after: { status: "answered", outcome: input.outcome, late: need.responseDueAt ? now > need.responseDueAt : false },
        ip: opts.ip,
      });
      const [e] = await tx.select({ name: enterprises.name }).from(enterprises).where(eq(enterprises.id, need.enterpriseId));
      await notify(
        tx,
        notices(
          [...(await enterpriseUserIds(tx, need.enterpriseId)), ...(await liaisonIds(tx, need.enterpriseId))],
          actor,
          "finance:notify.needAnswered",
          `/finance/needs/${id}`,
          { id, enterprise: e?.name ?? "" },
        ),
      );
      return { ok: true as const, value: after };
    }),
  );
}

/** The enterprise (or staff) withdraws a need nobody has answered yet. */
export async function withdrawNeed(actor: SignedIn, id: number, opts: Options = {}): Promise<Result<NeedRow>> {
  if (actor.role !== "member" && !isStaff(actor)) return fail("notFound");
  const now = opts.now ?? new Date();
  const db = opts.db ?? (await getDb());
  return changed(
    db.transaction(async (tx) => {
      const need = await loadNeedScoped(tx, actor, id, true);
      if (!need) return fail("notFound");
      if (need.status !== "open" && need.status !== "claimed") return fail("finance:errors.illegalTransition");
      const [after] = await tx
        .update(financingNeeds)
        .set({ status: "withdrawn", flaggedAt: null, flagKind: null, updatedAt: now })
        .where(eq(financingNeeds.id, id))
        .returning();
      await appendAudit(tx, {
        actor,
        action: "finance.need.withdraw",
        entityType: "financing_need",
        entityId: id,
        before: { status: need.status },
        after: { status: "withdrawn" },
        ip: opts.ip,
      });
      if (need.claimedBankId)
        await notify(tx, notices(await officerIds(tx, [need.claimedBankId]), actor, "finance:notify.needWithdrawn", `/finance/needs/${id}`, { id }));
      return { ok: true as const, value: after };
    }),
  );
}

export async function listNeeds(actor: SignedIn, f: NeedFilter, page: number, now = new Date()) {
  const db = await getDb();
  const flaggedNow = or(
    and(eq(financingNeeds.status, "open"), sql`${financingNeeds.claimDueAt} < ${now.toISOString()}::timestamptz`),
    and(eq(financingNeeds.status, "claimed"), sql`${financingNeeds.responseDueAt} < ${now.toISOString()}::timestamptz`),
  );
  const where = and(
    needScope(actor),
    f.status ? eq(financingNeeds.status, f.status) : undefined,
    f.purpose ? eq(financingNeeds.purpose, f.purpose) : undefined,
    f.flagged ? flaggedNow : undefined,
    f.mine && isStaff(actor)
      ? sql`exists (select 1 from ${financeProfiles} where ${financeProfiles.enterpriseId} = ${financingNeeds.enterpriseId} and ${financeProfiles.liaisonUserId} = ${actor.userId})`
      : undefined,
    f.mine && isOfficer(actor) ? eq(financingNeeds.claimedBankId, actor.bankId) : undefined,
    f.q ? ilike(enterprises.name, `%${escapeLike(f.q)}%`) : undefined,
  );
  const dir = f.dir === "asc" ? asc : f.dir === "desc" ? desc : f.sort === "neededBy" ? asc : desc;
  const order = f.sort === "amount" ? dir(financingNeeds.amountFen) : f.sort === "neededBy" ? dir(financingNeeds.neededBy) : dir(financingNeeds.createdAt);
  const bankScore = isOfficer(actor)
    ? sql<
        number | null
      >`(select max(${needMatches.score}) from ${needMatches} where ${needMatches.needId} = ${financingNeeds.id} and ${needMatches.bankId} = ${actor.bankId})`
    : sql<number | null>`null`;
  // One statement gives the page and the count of every visible need (the window runs before the limit):
  // one round trip and one plan instead of two. A page past the end has no row to carry the count.
  const rows = await db
    .select({
      id: financingNeeds.id,
      enterpriseId: financingNeeds.enterpriseId,
      enterpriseName: enterprises.name,
      amountFen: financingNeeds.amountFen,
      purpose: financingNeeds.purpose,
      termMonths: financingNeeds.termMonths,
      maxRateBp: financingNeeds.maxRateBp,
      neededBy: financingNeeds.neededBy,
      status: financingNeeds.status,
      source: financingNeeds.source,
      claimDueAt: financingNeeds.claimDueAt,
      responseDueAt: financingNeeds.responseDueAt,
      respondedAt: financingNeeds.respondedAt,
      claimedBankId: financingNeeds.claimedBankId,
      createdAt: financingNeeds.createdAt,
      bankScore,
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(financingNeeds)
    .innerJoin(enterprises, eq(enterprises.id, financingNeeds.enterpriseId))
    .where(where)
    .orderBy(order, desc(financingNeeds.id))
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE);
  const total =
    rows.length > 0
      ? rows[0].total
      : page > 1
        ? (await db.select({ n: count() }).from(financingNeeds).innerJoin(enterprises, eq(enterprises.id, financingNeeds.enterpriseId)).where(where))[0].n
        : 0;
  return { rows: rows.map(({ total: _total, ...r }) => ({ ...r, flag: needFlag(r, now) })), total };
}

/** One need with the ranked products and their reasons (an officer sees only its own bank's products). */
export async function getNeed(actor: SignedIn, id: number, now = new Date()) {
  const db = await getDb();
  const need = await loadNeedScoped(db, actor, id);
  if (!need) return null;
  const today = shanghaiToday(now);
  const [enterprise] = await db
    .select({
      id: enterprises.id,
      name: enterprises.name,
      segment: enterprises.segment,
      aboveSize: enterprises.aboveSize,
      annualOutputFen: enterprises.annualOutputFen,
    })
    .from(enterprises)
    .where(eq(enterprises.id, need.enterpriseId));
  const facts = (await loadEnterpriseFacts(db, [need.enterpriseId])).get(need.enterpriseId)!;
  const ctx = contextFor(facts, await loadLineBanks(db, today), today);
  const all = await loadProducts(db);
  const visibleProducts = all.filter((p) => (isOfficer(actor) ? p.bankId === actor.bankId : p.status === "active"));
  const ranking = rankProducts(visibleProducts.map(productFacts), needFacts(need), facts, ctx);
  const bankNames = new Map((await db.select().from(banks)).map((b) => [b.id, b]));
  const productById = new Map(all.map((p) => [p.id, p]));
  const [claimedBank] = need.claimedBankId ? [bankNames.get(need.claimedBankId)] : [undefined];
  const [liaison] = await db
    .select({ name: users.displayName })
    .from(financeProfiles)
    .innerJoin(users, eq(users.id, financeProfiles.liaisonUserId))
    .where(eq(financeProfiles.enterpriseId, need.enterpriseId));
  const applications = await db
    .select({ id: loanApplications.id, status: loanApplications.status, productName: creditProducts.name, amountFen: loanApplications.amountFen })
    .from(loanApplications)
    .innerJoin(creditProducts, eq(creditProducts.id, loanApplications.productId))
    .where(and(eq(loanApplications.needId, id), applicationScope(actor)));
  return {
    need,
    enterprise,
    foundedYear: facts.foundedYear,
    flag: needFlag(need, now),
    claimedBank: claimedBank ? { nameZh: claimedBank.nameZh, nameEn: claimedBank.nameEn } : null,
    liaisonName: liaison?.name ?? null,
    ranking: ranking.map((m) => {
      const p = productById.get(m.productId)!;
      const b = bankNames.get(p.bankId);
      return { ...m, name: p.name, type: p.type, bankZh: b?.nameZh ?? "", bankEn: b?.nameEn ?? "", minRateBp: p.minRateBp, maxRateBp: p.maxRateBp };
    }),
    applications,
    hasCreditLine: ctx.creditLineBankIds.size > 0,
  };
}

// ---------------------------------------------------------------------------------------------
// Applications

export type ApplicationRow = typeof loanApplications.$inferSelect;

async function addApplicationEvent(
  tx: Executor,
  applicationId: number,
  actor: Actor,
  now: Date,
  from: ApplicationStatus | null,
  to: ApplicationStatus | null,
  note: string | null,
) {
  await tx
    .insert(loanApplicationEvents)
    .values({ applicationId, at: now, actorId: actor?.userId ?? null, actorName: actor?.displayName ?? null, fromStatus: from, toStatus: to, note });
}

/** The association credit line an application of this enterprise to this bank may draw on (in force, room left). */
async function lineFor(tx: Executor, enterpriseId: number, bankId: number, today: string) {
  const [line] = await tx
    .select({ id: creditLines.id, amountFen: creditLines.amountFen, drawnFen: creditLines.drawnFen })
    .from(creditLines)
    .innerJoin(
      memberships,
      and(eq(memberships.associationId, creditLines.associationId), eq(memberships.enterpriseId, enterpriseId), eq(memberships.status, "active")),
    )
    .where(
      and(
        eq(creditLines.bankId, bankId),
        lte(creditLines.grantedOn, today),
        or(isNull(creditLines.expiresOn), gte(creditLines.expiresOn, today)),
        sql`${creditLines.drawnFen} < ${creditLines.amountFen}`,
      ),
    )
    .orderBy(asc(creditLines.id))
    .limit(1);
  return line ?? null;
}

/** A member applies to an active product for its own enterprise, with documents from the uploads module. */
export async function applyForProduct(actor: SignedIn, input: ApplyInput, documents: StagedUpload[] = [], opts: Options = {}): Promise<Result<ApplicationRow>> {
  const now = opts.now ?? new Date();
  const db = opts.db ?? (await getDb());
  if (!actsForEnterprise(actor, input.enterpriseId)) return fail("finance:errors.enterprise");
  const today = shanghaiToday(now);
  return changed(
    db.transaction(async (tx) => {
      const [product] = await tx
        .select()
        .from(creditProducts)
        .where(and(eq(creditProducts.id, input.productId), productScope(null, today)));
      if (!product) return fail("finance:errors.product");
      if (input.amountWan < product.minAmountFen || input.amountWan > product.maxAmountFen) return fail("finance:errors.amountOutOfRange");
      if (input.termMonths < product.minTermMonths || input.termMonths > product.maxTermMonths) return fail("finance:errors.termOutOfRange");
      if (input.needId !== null) {
        const [need] = await tx
          .select({ id: financingNeeds.id })
          .from(financingNeeds)
          .where(and(eq(financingNeeds.id, input.needId), eq(financingNeeds.enterpriseId, input.enterpriseId)));
        if (!need) return fail("finance:errors.need");
      }
      let creditLineId: number | null = null;
      if (input.underCreditLine) {
        const line = await lineFor(tx, input.enterpriseId, product.bankId, today);
        if (!line) return fail("finance:errors.noCreditLine");
        if (line.drawnFen + input.amountWan > line.amountFen) return fail("finance:errors.creditLineExceeded");
        creditLineId = line.id;
      }
      const [app] = await tx
        .insert(loanApplications)
        .values({
          enterpriseId: input.enterpriseId,
          productId: product.id,
          bankId: product.bankId,
          needId: input.needId,
          creditLineId,
          amountFen: input.amountWan,
          termMonths: input.termMonths,
          note: input.note,
          createdBy: actor.userId,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      await addApplicationEvent(tx, app.id, actor, now, null, "submitted", input.note || null);
      await recordUploads(tx, documents, { ownerKind: APPLICATION_FILE_OWNER, ownerId: app.id, actor, at: now, ip: opts.ip });
      await appendAudit(tx, {
        actor,
        action: "finance.application.submit",
        entityType: "loan_application",
        entityId: app.id,
        after: { ...app, documents: documents.length },
        ip: opts.ip,
      });
      const [e] = await tx.select({ name: enterprises.name }).from(enterprises).where(eq(enterprises.id, app.enterpriseId));
      await notify(
        tx,
        notices(await officerIds(tx, [product.bankId]), actor, "finance:notify.applicationSubmitted", `/finance/applications/${app.id}`, {
          id: app.id,
          enterprise: e?.name ?? "",
          product: product.name,
        }),
      );
      return { ok: true as const, value: app };
    }),
  );
}

type AppBody = (
  tx: Tx,
  app: ApplicationRow,
  now: Date,
) => Promise<{ set?: Partial<typeof loanApplications.$inferInsert>; note?: string | null } | { error: string }>;

/** One move of an application by its side: scoped load with a row lock, the state machine, change, event, audit, notices. */
async function applicationCommand(
  actor: SignedIn,
  id: number,
  action: ApplicationAction,
  opts: Options,
  body: AppBody = async () => ({}),
): Promise<Result<ApplicationRow>> {
  const now = opts.now ?? new Date();
  const db = opts.db ?? (await getDb());
  const bankSide = action !== "provideInfo" && action !== "withdraw";
  if (bankSide ? !isOfficer(actor) : actor.role !== "member" && !isStaff(actor)) return fail("notFound");
  return changed(
    db.transaction(async (tx) => {
      const [app] = await tx
        .select()
        .from(loanApplications)
        .where(and(eq(loanApplications.id, id), applicationScope(actor)))
        .for("update");
      if (!app) return fail("notFound");
      const step = applicationTransition(app.status, action);
      if (!step.ok) return fail(step.error);
      const result = await body(tx, app, now);
      if ("error" in result) return fail(result.error);
      const [after] = await tx
        .update(loanApplications)
        .set({ ...result.set, status: step.to, updatedAt: now })
        .where(eq(loanApplications.id, id))
        .returning();
      await addApplicationEvent(tx, id, actor, now, app.status, step.to, result.note ?? null);
      await appendAudit(tx, { actor, action: `finance.application.${action}`, entityType: "loan_application", entityId: id, before: app, after, ip: opts.ip });
      const recipients = bankSide ? await enterpriseUserIds(tx, app.enterpriseId) : await officerIds(tx, [app.bankId]);
      if (bankSide && (action === "approve" || action === "decline" || action === "disburse")) recipients.push(...(await liaisonIds(tx, app.enterpriseId)));
      await notify(tx, notices(recipients, actor, `finance:notify.application.${step.to}`, `/finance/applications/${id}`, { id }));
      return { ok: true as const, value: after };
    }),
  );
}

export const reviewApplication = (actor: SignedIn, id: number, opts: Options = {}) => applicationCommand(actor, id, "review", opts);
export const requestApplicationInfo = (actor: SignedIn, id: number, question: string, opts: Options = {}) =>
  applicationCommand(actor, id, "requestInfo", opts, async () => ({ set: { infoRequest: question }, note: question }));
export const provideApplicationInfo = (actor: SignedIn, id: number, reply: string, opts: Options = {}) =>
  applicationCommand(actor, id, "provideInfo", opts, async () => ({ note: reply }));
export const withdrawApplication = (actor: SignedIn, id: number, opts: Options = {}) => applicationCommand(actor, id, "withdraw", opts);

export function approveApplication(
  actor: SignedIn,
  id: number,
  input: { amountWan: number; ratePct: number; termMonths: number; note: string | null },
  opts: Options = {},
) {
  return applicationCommand(actor, id, "approve", opts, async (tx, app) => {
    if (app.creditLineId) {
      const [line] = await tx.select().from(creditLines).where(eq(creditLines.id, app.creditLineId));
      if (!line || line.drawnFen + input.amountWan > line.amountFen) return { error: "finance:errors.creditLineExceeded" };
    }
    return {
      set: {
        approvedAmountFen: input.amountWan,
        approvedRateBp: input.ratePct,
        approvedTermMonths: input.termMonths,
        decidedBy: actor.userId,
        decidedAt: opts.now ?? new Date(),
      },
      note: input.note,
    };
  });
}

export function declineApplication(actor: SignedIn, id: number, reason: string, opts: Options = {}) {
  return applicationCommand(actor, id, "decline", opts, async (_tx, _app, now) => ({
    set: { declineReason: reason, decidedBy: actor.userId, decidedAt: now },
    note: reason,
  }));
}

/**
 * Disbursal makes the loan. Under a credit line the drawing is one conditional update in the same
 * transaction: it succeeds only while what is left covers the amount, so concurrent loans can never
 * overdraw the line (and a CHECK constraint refuses it in the database too).
 */
export function disburseApplication(actor: SignedIn, id: number, input: { disbursedOn: string; renewable: boolean }, opts: Options = {}) {
  return applicationCommand(actor, id, "disburse", opts, async (tx, app) => {
    const amount = app.approvedAmountFen ?? app.amountFen;
    const term = app.approvedTermMonths ?? app.termMonths;
    if (app.creditLineId) {
      const drawn = await tx
        .update(creditLines)
        .set({ drawnFen: sql`${creditLines.drawnFen} + ${amount}` })
        .where(and(eq(creditLines.id, app.creditLineId), sql`${creditLines.drawnFen} + ${amount} <= ${creditLines.amountFen}`))
        .returning({ id: creditLines.id });
      if (drawn.length === 0) return { error: "finance:errors.creditLineExceeded" };
    }
    const [loan] = await tx
      .insert(loans)
      .values({
        applicationId: app.id,
        enterpriseId: app.enterpriseId,
        bankId: app.bankId,
        productId: app.productId,
        creditLineId: app.creditLineId,
        amountFen: amount,
        rateBp: app.approvedRateBp ?? 0,
        termMonths: term,
        disbursedOn: input.disbursedOn,
        maturesOn: addMonths(input.disbursedOn, term),
        renewable: input.renewable,
      })
      .returning();
    await appendAudit(tx, { actor, action: "finance.loan.create", entityType: "loan", entityId: loan.id, after: loan, ip: opts.ip });
    if (app.needId) {
      await tx
        .update(financingNeeds)
        .set({ status: "closed", updatedAt: opts.now ?? new Date() })
        .where(and(eq(financingNeeds.id, app.needId), inArray(financingNeeds.status, ["open", "claimed", "answered"])));
    }
    return { note: null };
  });
}

export async function listApplications(actor: SignedIn, f: ApplicationFilter, page: number) {
  const db = await getDb();
  const where = and(
    applicationScope(actor),
    f.status ? eq(loanApplications.status, f.status) : undefined,
    f.q ? ilike(enterprises.name, `%${escapeLike(f.q)}%`) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: loanApplications.id,
        status: loanApplications.status,
        amountFen: loanApplications.amountFen,
        termMonths: loanApplications.termMonths,
        createdAt: loanApplications.createdAt,
        updatedAt: loanApplications.updatedAt,
        enterpriseName: enterprises.name,
        productName: creditProducts.name,
        bankZh: banks.nameZh,
        bankEn: banks.nameEn,
        underLine: sql<boolean>`${loanApplications.creditLineId} is not null`,
      })
      .from(loanApplications)
      .innerJoin(enterprises, eq(enterprises.id, loanApplications.enterpriseId))
      .innerJoin(creditProducts, eq(creditProducts.id, loanApplications.productId))
      .innerJoin(banks, eq(banks.id, loanApplications.bankId))
      .where(where)
      .orderBy(desc(loanApplications.updatedAt), desc(loanApplications.id))
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE),
    db.select({ n: count() }).from(loanApplications).innerJoin(enterprises, eq(enterprises.id, loanApplications.enterpriseId)).where(where),
  ]);
  return { rows, total: total.n };
}

export async function getApplication(actor: SignedIn, id: number) {
  const db = await getDb();
  const [found] = await db
    .select({ app: loanApplications, enterpriseName: enterprises.name, product: creditProducts, bankZh: banks.nameZh, bankEn: banks.nameEn })
    .from(loanApplications)
    .innerJoin(enterprises, eq(enterprises.id, loanApplications.enterpriseId))
    .innerJoin(creditProducts, eq(creditProducts.id, loanApplications.productId))
    .innerJoin(banks, eq(banks.id, loanApplications.bankId))
    .where(and(eq(loanApplications.id, id), applicationScope(actor)));
  if (!found) return null;
  const events = await db
    .select()
    .from(loanApplicationEvents)
    .where(eq(loanApplicationEvents.applicationId, id))
    .orderBy(asc(loanApplicationEvents.at), asc(loanApplicationEvents.id));
  const documents = await filesOf({ ownerKind: APPLICATION_FILE_OWNER, ownerId: id });
  const [loan] = await db.select().from(loans).where(eq(loans.applicationId, id));
  const [line] = found.app.creditLineId
    ? await db
        .select({ line: creditLines, associationZh: associations.nameZh, associationEn: associations.nameEn })
        .from(creditLines)
        .innerJoin(associations, eq(associations.id, creditLines.associationId))
        .where(eq(creditLines.id, found.app.creditLineId))
    : [];
  return {
    ...found,
    events,
    documents: documents.map((d) => ({ id: d.id, name: d.originalName, size: d.size, createdAt: d.createdAt })),
    loan: loan ?? null,
    line: line ?? null,
  };
}

/** A document of an application, only for those who may see the application. */
export async function getApplicationDocument(actor: SignedIn, applicationId: number, fileId: string) {
  const db = await getDb();
  const [app] = await db
    .select({ id: loanApplications.id })
    .from(loanApplications)
    .where(and(eq(loanApplications.id, applicationId), applicationScope(actor)));
  if (!app) return null;
  return findFile(fileId, { ownerKind: APPLICATION_FILE_OWNER, ownerId: applicationId });
}

/** Documents added later (e.g. the more information asked for) by the enterprise. */
export async function addApplicationDocuments(actor: SignedIn, id: number, documents: StagedUpload[], opts: Options = {}): Promise<Result<number>> {
  if (actor.role !== "member") return fail("notFound");
  const db = opts.db ?? (await getDb());
  return changed(
    db.transaction(async (tx) => {
      const [app] = await tx
        .select()
        .from(loanApplications)
        .where(and(eq(loanApplications.id, id), applicationScope(actor)));
      if (!app) return fail("notFound");
      if (app.status === "declined" || app.status === "withdrawn" || app.status === "disbursed") return fail("finance:errors.illegalTransition");
      const rows = await recordUploads(tx, documents, { ownerKind: APPLICATION_FILE_OWNER, ownerId: id, actor, at: opts.now, ip: opts.ip });
      return { ok: true as const, value: rows.length };
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Loans and renewals

export type LoanRow = typeof loans.$inferSelect;

async function loanCommand(
  actor: SignedIn,
  id: number,
  opts: Options,
  action: "contact" | "renewalOutcome",
  body: (loan: LoanRow) => Partial<typeof loans.$inferInsert> | { error: string },
): Promise<Result<LoanRow>> {
  if (!isStaff(actor) && !isOfficer(actor)) return fail("notFound");
  const db = opts.db ?? (await getDb());
  return changed(
    db.transaction(async (tx) => {
      const [loan] = await tx
        .select()
        .from(loans)
        .where(and(eq(loans.id, id), loanScope(actor)))
        .for("update");
      if (!loan) return fail("notFound");
      const set = body(loan);
      if ("error" in set) return fail(set.error);
      const [after] = await tx.update(loans).set(set).where(eq(loans.id, id)).returning();
      await appendAudit(tx, { actor, action: `finance.loan.${action}`, entityType: "loan", entityId: id, before: loan, after, ip: opts.ip });
      return { ok: true as const, value: after };
    }),
  );
}

export function recordLoanContact(actor: SignedIn, id: number, input: { contactedOn: string; note: string }, opts: Options = {}) {
  return loanCommand(actor, id, opts, "contact", (loan) =>
    loan.status !== "active" ? { error: "finance:errors.loanClosed" } : { lastContactedOn: input.contactedOn, contactNote: input.note, flaggedAt: null },
  );
}

const outcomeStatus: Record<RenewalOutcome, LoanRow["status"]> = { renewed_without_principal: "renewed", repaid: "repaid", other: "closed" };

export function recordRenewalOutcome(actor: SignedIn, id: number, input: { outcome: RenewalOutcome; note: string | null }, opts: Options = {}) {
  const now = opts.now ?? new Date();
  return loanCommand(actor, id, opts, "renewalOutcome", (loan) =>
    loan.status !== "active"
      ? { error: "finance:errors.loanClosed" }
      : { renewalOutcome: input.outcome, outcomeNote: input.note, outcomeAt: now, status: outcomeStatus[input.outcome], flaggedAt: null },
  );
}

/** Loans maturing within 90 days (or past maturity without an outcome); a staff liaison sees its own portfolio unless asking for all. */
export async function listRenewals(actor: SignedIn, f: RenewalFilter, page: number, now = new Date()) {
  const db = await getDb();
  const today = shanghaiToday(now);
  const contactBy = addDays(today, CONTACT_BEFORE_DAYS);
  const overdueContact = and(isNull(loans.lastContactedOn), lte(loans.maturesOn, contactBy));
  const where = and(
    loanScope(actor),
    eq(loans.status, "active"),
    isNull(loans.renewalOutcome),
    lte(loans.maturesOn, addDays(today, RENEWAL_WINDOW_DAYS)),
    isStaff(actor) && (f.scope ?? "mine") === "mine" ? eq(financeProfiles.liaisonUserId, actor.userId) : undefined,
    f.flagged ? overdueContact : undefined,
  );
  const liaison = sql<string | null>`(select ${users.displayName} from ${users} where ${users.id} = ${financeProfiles.liaisonUserId})`;
  const base = db
    .select({
      loan: loans,
      enterpriseName: enterprises.name,
      bankZh: banks.nameZh,
      bankEn: banks.nameEn,
      liaisonName: liaison,
    })
    .from(loans)
    .innerJoin(enterprises, eq(enterprises.id, loans.enterpriseId))
    .innerJoin(banks, eq(banks.id, loans.bankId))
    .leftJoin(financeProfiles, eq(financeProfiles.enterpriseId, loans.enterpriseId))
    .where(where);
  const [rows, [total]] = await Promise.all([
    base
      .orderBy(asc(loans.maturesOn), asc(loans.id))
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE),
    db.select({ n: count() }).from(loans).leftJoin(financeProfiles, eq(financeProfiles.enterpriseId, loans.enterpriseId)).where(where),
  ]);
  return { rows: rows.map((r) => ({ ...r, flagged: isContactOverdue(r.loan, today) })), total: total.n, today };
}

// ---------------------------------------------------------------------------------------------
// Credit lines

export async function createCreditLine(
  actor: SignedIn,
  input: { bankId: number; associationId: number; amountWan: number; grantedOn: string; expiresOn: string | null; note: string },
  opts: Options = {},
) {
  if (!isStaff(actor)) return fail("notFound");
  const db = opts.db ?? (await getDb());
  return changed(
    db.transaction(async (tx) => {
      const [bank] = await tx.select({ id: banks.id }).from(banks).where(eq(banks.id, input.bankId));
      const [association] = await tx.select({ id: associations.id }).from(associations).where(eq(associations.id, input.associationId));
      if (!bank) return fail("finance:errors.bank");
      if (!association) return fail("finance:errors.association");
      const [line] = await tx
        .insert(creditLines)
        .values({
          bankId: input.bankId,
          associationId: input.associationId,
          amountFen: input.amountWan,
          grantedOn: input.grantedOn,
          expiresOn: input.expiresOn,
          note: input.note,
        })
        .returning();
      await appendAudit(tx, { actor, action: "finance.creditLine.create", entityType: "credit_line", entityId: line.id, after: line, ip: opts.ip });
      return { ok: true as const, value: line };
    }),
  );
}

/**
 * Staff change a credit line's amount, expiry or note (the bank and association stay). The amount
 * cannot go below what members have drawn: checked under the row's lock, and by the table's check.
 */
export async function updateCreditLine(
  actor: SignedIn,
  lineId: number,
  input: { amountWan: number; expiresOn: string | null; note: string },
  opts: Options = {},
) {
  if (!isStaff(actor)) return fail("notFound");
  const db = opts.db ?? (await getDb());
  return changed(
    db.transaction(async (tx) => {
      const [before] = await tx.select().from(creditLines).where(eq(creditLines.id, lineId)).for("update");
      if (!before) return fail("notFound");
      if (input.amountWan < before.drawnFen) return fail("finance:errors.lineBelowDrawn");
      if (input.expiresOn && input.expiresOn < before.grantedOn) return fail("finance:errors.lineExpiresBeforeGranted");
      const [line] = await tx
        .update(creditLines)
        .set({ amountFen: input.amountWan, expiresOn: input.expiresOn, note: input.note })
        .where(eq(creditLines.id, lineId))
        .returning();
      await appendAudit(tx, { actor, action: "finance.creditLine.update", entityType: "credit_line", entityId: lineId, before, after: line, ip: opts.ip });
      return { ok: true as const, value: line };
    }),
  );
}

export async function listCreditLines(actor: SignedIn) {
  const db = await getDb();
  const where = isStaff(actor)
    ? undefined
    : isOfficer(actor)
      ? eq(creditLines.bankId, actor.bankId)
      : actor.enterpriseIds.length
        ? sql`exists (select 1 from ${memberships} where ${memberships.associationId} = ${creditLines.associationId} and ${memberships.status} = 'active' and ${inArray(memberships.enterpriseId, actor.enterpriseIds)})`
        : sql`false`;
  return db
    .select({ line: creditLines, bankZh: banks.nameZh, bankEn: banks.nameEn, associationZh: associations.nameZh, associationEn: associations.nameEn })
    .from(creditLines)
    .innerJoin(banks, eq(banks.id, creditLines.bankId))
    .innerJoin(associations, eq(associations.id, creditLines.associationId))
    .where(where)
    .orderBy(asc(creditLines.id));
}

export async function listAssociations() {
  const db = await getDb();
  return db.select({ id: associations.id, nameZh: associations.nameZh, nameEn: associations.nameEn }).from(associations).orderBy(asc(associations.id));
}

// ---------------------------------------------------------------------------------------------
// Clocks: needs waiting too long and loans not contacted in time are flagged to the liaison.

/** Idempotent: each need is flagged once per kind, each loan once (until contacted). */
export async function runFinanceTimers(now = new Date(), db?: Executor): Promise<{ needsFlagged: number; loansFlagged: number }> {
  const x = db ?? (await getDb());
  const at = now.toISOString();
  const today = shanghaiToday(now);
  return x.transaction(async (tx) => {
    const unclaimed = await tx
      .update(financingNeeds)
      .set({ flaggedAt: now, flagKind: "unclaimed" })
      .where(
        and(
          eq(financingNeeds.status, "open"),
          sql`${financingNeeds.claimDueAt} < ${at}::timestamptz`,
          or(isNull(financingNeeds.flagKind), ne(financingNeeds.flagKind, "unclaimed")),
        ),
      )
      .returning();
    const unanswered = await tx
      .update(financingNeeds)
      .set({ flaggedAt: now, flagKind: "unanswered" })
      .where(
        and(
          eq(financingNeeds.status, "claimed"),
          isNull(financingNeeds.respondedAt),
          sql`${financingNeeds.responseDueAt} < ${at}::timestamptz`,
          or(isNull(financingNeeds.flagKind), ne(financingNeeds.flagKind, "unanswered")),
        ),
      )
      .returning();
    const flaggedLoans = await tx
      .update(loans)
      .set({ flaggedAt: now })
      .where(
        and(
          eq(loans.status, "active"),
          isNull(loans.renewalOutcome),
          isNull(loans.lastContactedOn),
          isNull(loans.flaggedAt),
          lte(loans.maturesOn, addDays(today, CONTACT_BEFORE_DAYS)),
        ),
      )
      .returning();
    const all: Notice[] = [];
    for (const n of [...unclaimed, ...unanswered]) {
      for (const userId of await liaisonIds(tx, n.enterpriseId))
        all.push({ userId, messageKey: `finance:notify.flag.${n.flagKind}`, params: { id: n.id }, link: `/finance/needs/${n.id}` });
      if (n.flagKind === "unanswered" && n.claimedBankId) {
        for (const userId of await officerIds(tx, [n.claimedBankId]))
          all.push({ userId, messageKey: "finance:notify.flag.unanswered", params: { id: n.id }, link: `/finance/needs/${n.id}` });
      }
    }
    for (const l of flaggedLoans) {
      for (const userId of await liaisonIds(tx, l.enterpriseId))
        all.push({ userId, messageKey: "finance:notify.flag.renewal", params: { id: l.id, maturesOn: l.maturesOn }, link: "/finance/renewals?flagged=1" });
    }
    await notify(tx, all);
    if (unclaimed.length + unanswered.length + flaggedLoans.length > 0) {
      await appendAudit(tx, {
        actor: null,
        action: "finance.flags",
        entityType: "finance",
        after: { unclaimed: unclaimed.map((n) => n.id), unanswered: unanswered.map((n) => n.id), loans: flaggedLoans.map((l) => l.id) },
      });
    }
    return { needsFlagged: unclaimed.length + unanswered.length, loansFlagged: flaggedLoans.length };
  });
}

// ---------------------------------------------------------------------------------------------
// The /finance dashboard, per role

export async function financeDashboard(actor: SignedIn, now = new Date()) {
  const db = await getDb();
  const today = shanghaiToday(now);
  const at = now.toISOString();
  const one = async <T>(q: SQL) => rowsOf<T>(await db.execute(q))[0];
  if (actor.role === "member") {
    const ids = actor.enterpriseIds.length ? actor.enterpriseIds : [0];
    const needs = await listNeeds(actor, {}, 1, now);
    const apps = await listApplications(actor, {}, 1);
    const myLoans = await db
      .select({ loan: loans, bankZh: banks.nameZh, bankEn: banks.nameEn, enterpriseName: enterprises.name })
      .from(loans)
      .innerJoin(banks, eq(banks.id, loans.bankId))
      .innerJoin(enterprises, eq(enterprises.id, loans.enterpriseId))
      .where(inArray(loans.enterpriseId, ids))
      .orderBy(asc(loans.maturesOn))
      .limit(20);
    const lines = await listCreditLines(actor);
    return {
      role: "member" as const,
      needs: needs.rows.slice(0, 10),
      needCount: needs.total,
      applications: apps.rows.slice(0, 10),
      applicationCount: apps.total,
      loans: myLoans,
      lines,
    };
  }
  if (isOfficer(actor)) {
    const bankId = actor.bankId;
    const figures = await one<{ matched_open: number; claimed_waiting: number; late: number; in_review: number; maturing: number; products: number }>(sql`
      select
        (select count(*)::int from financing_needs n where n.status = 'open' and exists (select 1 from need_matches m where m.need_id = n.id and m.bank_id = ${bankId})) as matched_open,
        (select count(*)::int from financing_needs where claimed_bank_id = ${bankId} and status = 'claimed') as claimed_waiting,
        (select count(*)::int from financing_needs where claimed_bank_id = ${bankId} and status = 'claimed' and response_due_at < ${at}::timestamptz) as late,
        (select count(*)::int from loan_applications where bank_id = ${bankId} and status in ('submitted', 'under_review', 'info_needed', 'approved')) as in_review,
        (select count(*)::int from loans where bank_id = ${bankId} and status = 'active' and renewal_outcome is null and matures_on <= ${addDays(today, RENEWAL_WINDOW_DAYS)}::date) as maturing,
        (select count(*)::int from credit_products where bank_id = ${bankId} and status = 'active') as products`);
    const [bank] = await db.select().from(banks).where(eq(banks.id, bankId));
    const lines = await listCreditLines(actor);
    return { role: "bank" as const, bank, figures, lines };
  }
  // Staff: the liaison's portfolio, and everyone's figures.
  const figures = await one<{ enterprises: number; open_needs: number; flagged_needs: number; renewals_due: number; renewals_flagged: number }>(sql`
    select
      (select count(*)::int from finance_profiles where liaison_user_id = ${actor.userId}) as enterprises,
      (select count(*)::int from financing_needs n join finance_profiles p on p.enterprise_id = n.enterprise_id where p.liaison_user_id = ${actor.userId} and n.status in ('open', 'claimed')) as open_needs,
      (select count(*)::int from financing_needs n join finance_profiles p on p.enterprise_id = n.enterprise_id where p.liaison_user_id = ${actor.userId}
         and ((n.status = 'open' and n.claim_due_at < ${at}::timestamptz) or (n.status = 'claimed' and n.response_due_at < ${at}::timestamptz))) as flagged_needs,
      (select count(*)::int from loans l join finance_profiles p on p.enterprise_id = l.enterprise_id where p.liaison_user_id = ${actor.userId}
         and l.status = 'active' and l.renewal_outcome is null and l.matures_on <= ${addDays(today, RENEWAL_WINDOW_DAYS)}::date) as renewals_due,
      (select count(*)::int from loans l join finance_profiles p on p.enterprise_id = l.enterprise_id where p.liaison_user_id = ${actor.userId}
         and l.status = 'active' and l.renewal_outcome is null and l.last_contacted_on is null and l.matures_on <= ${addDays(today, CONTACT_BEFORE_DAYS)}::date) as renewals_flagged`);
  const flagged = await listNeeds(actor, { flagged: "1", mine: "1" }, 1, now);
  const lines = await listCreditLines(actor);
  return { role: "staff" as const, figures, flaggedNeeds: flagged.rows.slice(0, 10), lines };
}
