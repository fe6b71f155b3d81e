/** Staff work on member enterprises: the list, the record, edits, memberships, dues, users, import. */
import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import { getDb, type Executor } from "../../../db/client.server";
import { users } from "../../../db/schema/accounts";
import {
  associations,
  dues,
  enterpriseChangeRequests,
  enterpriseUsers,
  enterprises,
  membershipStatusChanges,
  memberships,
  renewalReminders,
} from "../../../db/schema/members";
import { appendAudit } from "../../lib/audit.server";
import { csvDocument } from "../../lib/csv";
import { shanghaiToday } from "../../lib/format";
import { translator, type Language } from "../../lib/i18n";
import type { Actor } from "../../lib/permissions";
import { insertUser } from "../accounts/accounts.server";
import { notify } from "../notifications/notifications.server";
import { checkTransition } from "./membership-rules";
import { createActiveMembership, enterpriseValues, setSearchText } from "./records.server";
import type { EnterpriseProfileInput, MemberListQuery } from "./forms";
import { searchQuery } from "./search-text";
import { NOT_FOUND, ok, refuse, runCommand, unchanged, type CommandResult, type Refused } from "../../lib/command.server";

export const MEMBERS_PAGE_SIZE = 25;

function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The WHERE of the staff list: search, enterprise fields, and membership filters on one membership. */
function listWhere(q: MemberListQuery): SQL | undefined {
  const conditions: SQL[] = [];
  if (q.q) {
    const term = q.q.trim();
    const tsq = searchQuery(term);
    const byName = tsq ? sql`${enterprises.searchText} @@ to_tsquery('simple', ${tsq})` : ilike(enterprises.name, `%${likeEscape(term)}%`);
    const code = term.replace(/\s+/g, "").toUpperCase();
    conditions.push(/^[0-9A-Z]{2,18}$/.test(code) ? or(byName, ilike(enterprises.creditCode, `${likeEscape(code)}%`))! : byName);
  }
  if (q.segment) conditions.push(eq(enterprises.segment, q.segment));
  if (q.aboveSize) conditions.push(eq(enterprises.aboveSize, q.aboveSize === "yes"));
  if (q.village) conditions.push(eq(enterprises.village, q.village));
  if (q.association || q.status || q.type) {
    const m: SQL[] = [eq(memberships.enterpriseId, enterprises.id)];
    if (q.association) m.push(eq(memberships.associationId, q.association));
    if (q.status) m.push(eq(memberships.status, q.status));
    if (q.type) m.push(eq(memberships.type, q.type));
    conditions.push(sql`exists (select 1 from ${memberships} where ${and(...m)})`);
  }
  return conditions.length ? and(...conditions) : undefined;
}

function listOrder(q: MemberListQuery) {
  const column = {
    name: enterprises.name,
    creditCode: enterprises.creditCode,
    village: enterprises.village,
    employees: enterprises.employees,
    output: enterprises.annualOutputFen,
    createdAt: enterprises.createdAt,
  }[q.sort ?? "name"];
  // Figures not given (null) come last either way: "highest output" should not open on unknowns.
  return [q.dir === "desc" ? sql`${column} desc nulls last` : sql`${column} asc nulls last`, asc(enterprises.id)];
}

async function membershipsOf(ex: Executor, enterpriseIds: number[]) {
  if (enterpriseIds.length === 0) return [];
  return ex
    .select({
      id: memberships.id,
      enterpriseId: memberships.enterpriseId,
      type: memberships.type,
      status: memberships.status,
      associationZh: associations.nameZh,
      associationEn: associations.nameEn,
      associationCode: associations.code,
    })
    .from(memberships)
    .innerJoin(associations, eq(associations.id, memberships.associationId))
    .where(inArray(memberships.enterpriseId, enterpriseIds))
    .orderBy(memberships.id);
}

const listColumns = {
  id: enterprises.id,
  name: enterprises.name,
  creditCode: enterprises.creditCode,
  village: enterprises.village,
  segment: enterprises.segment,
  aboveSize: enterprises.aboveSize,
  employees: enterprises.employees,
  annualOutputFen: enterprises.annualOutputFen,
  exportSharePct: enterprises.exportSharePct,
  legalRep: enterprises.legalRep,
  address: enterprises.address,
  contactPerson: enterprises.contactPerson,
  phone: enterprises.phone,
  email: enterprises.email,
};

type PageMembership = Pick<typeof memberships.$inferSelect, "id" | "type" | "status"> & { associationZh: string; associationEn: string };

/**
 * A row's memberships (id order) as one JSON column of the page's own query (issue 17): a second
 * query bound each of the page's 50 ids as a parameter, one more round trip and the costliest
 * query of the page to build.
 */
function pageMemberships() {
  // Aliased by hand: drizzle writes a one-table select's columns unqualified, "id" would be ambiguous.
  return sql<
    PageMembership[]
  >`coalesce((select json_agg(json_build_object('id', m.id, 'type', m.type, 'status', m.status, 'associationZh', a.name_zh, 'associationEn', a.name_en) order by m.id) from memberships m inner join associations a on a.id = m.association_id where m.enterprise_id = enterprises.id), '[]')`.mapWith(
    // postgres.js and PGlite both parse json; a driver that hands back text still gives the array.
    (value: unknown) => (typeof value === "string" ? JSON.parse(value) : value) as PageMembership[],
  );
}

/** What the staff list shows of each enterprise (the CSV export reads every column: listColumns). */
const pageColumns = {
  id: enterprises.id,
  name: enterprises.name,
  creditCode: enterprises.creditCode,
  village: enterprises.village,
  segment: enterprises.segment,
  aboveSize: enterprises.aboveSize,
  employees: enterprises.employees,
  annualOutputFen: enterprises.annualOutputFen,
  memberships: pageMemberships(),
};

/**
 * One page of the staff list. The page's ids come first, from the order alone: in the name order
 * an index-only walk of enterprises_name_id_idx (the planner would rather sort every enterprise
 * than fetch each skipped row, /members?page=100: 12-25 ms), then the page's rows by id.
 */
export function enterprisePageQuery(db: Executor, q: MemberListQuery, page: number, pageSize = MEMBERS_PAGE_SIZE) {
  const ids = db
    .select({ id: enterprises.id })
    .from(enterprises)
    .where(listWhere(q))
    .orderBy(...listOrder(q))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return db
    .select(pageColumns)
    .from(enterprises)
    .where(inArray(enterprises.id, ids))
    .orderBy(...listOrder(q));
}

export async function listEnterprises(q: MemberListQuery, page: number, pageSize = MEMBERS_PAGE_SIZE) {
  const db = await getDb();
  // The count and the page (with its memberships) at once. Only the columns the page shows.
  const [[total], rows] = await Promise.all([db.select({ n: count() }).from(enterprises).where(listWhere(q)), enterprisePageQuery(db, q, page, pageSize)]);
  return { rows, total: total.n };
}

/**
 * The villages of the list's filter, in order. One index probe per village (a loose index scan over
 * enterprises_village_idx) instead of reading every enterprise for a dozen names.
 */
export async function villages(): Promise<string[]> {
  const db = await getDb();
  const rows = (await db.execute(sql`
    with recursive v as (
      (select ${enterprises.village} as village from ${enterprises} order by ${enterprises.village} limit 1)
      union all
      select (select e.village from ${enterprises} e where e.village > v.village order by e.village limit 1) from v where v.village is not null
    )
    select village from v where village is not null`)) as unknown as { rows?: { village: string }[] } & { village: string }[];
  return (rows.rows ?? rows).map((r) => r.village);
}

/** The filtered list as CSV (UTF-8 with BOM so Excel reads the Chinese), headers in the reader's language. */
export async function exportEnterprisesCsv(q: MemberListQuery, lng: Language): Promise<string> {
  const db = await getDb();
  const rows = await db
    .select(listColumns)
    .from(enterprises)
    .where(listWhere(q))
    .orderBy(...listOrder(q));
  const ms = await membershipsOf(
    db,
    rows.map((r) => r.id),
  );
  const t = translator(lng);
  const fields = [
    "name",
    "creditCode",
    "legalRep",
    "address",
    "village",
    "segment",
    "aboveSize",
    "annualOutputWan",
    "employees",
    "exportSharePct",
    "contactPerson",
    "phone",
    "email",
    "memberships",
  ];
  const data = rows.map((r) => [
    r.name,
    r.creditCode,
    r.legalRep,
    r.address,
    r.village,
    t(`members:segments.${r.segment}`),
    r.aboveSize ? t("forms.yes") : t("forms.no"),
    // Blank, not 0, for a figure not given: the file imports back the same.
    r.annualOutputFen === null ? "" : String(r.annualOutputFen / 1_000_000),
    r.employees === null ? "" : String(r.employees),
    r.exportSharePct === null ? "" : String(r.exportSharePct),
    r.contactPerson,
    r.phone,
    r.email ?? "",
    ms
      .filter((m) => m.enterpriseId === r.id)
      .map((m) => `${lng === "en" ? m.associationEn : m.associationZh}:${t(`members:types.${m.type}`)}:${t(`status.${m.status}`)}`)
      .join("; "),
  ]);
  return csvDocument(
    fields.map((f) => t(`members:fields.${f}`)),
    data,
  );
}

/** The whole record of one enterprise for staff (or null: 404). */
export async function getEnterpriseRecord(id: number) {
  const db = await getDb();
  const [enterprise] = await db.select().from(enterprises).where(eq(enterprises.id, id));
  if (!enterprise) return null;
  const ms = await db
    .select({ membership: memberships, associationZh: associations.nameZh, associationEn: associations.nameEn })
    .from(memberships)
    .innerJoin(associations, eq(associations.id, memberships.associationId))
    .where(eq(memberships.enterpriseId, id))
    .orderBy(memberships.id);
  const ids = ms.map((m) => m.membership.id);
  const duesRows = ids.length ? await db.select().from(dues).where(inArray(dues.membershipId, ids)).orderBy(desc(dues.year)) : [];
  const history = ids.length
    ? await db
        .select()
        .from(membershipStatusChanges)
        .where(inArray(membershipStatusChanges.membershipId, ids))
        .orderBy(desc(membershipStatusChanges.at), desc(membershipStatusChanges.id))
    : [];
  const reminders = duesRows.length
    ? await db
        .select()
        .from(renewalReminders)
        .where(
          inArray(
            renewalReminders.duesId,
            duesRows.map((d) => d.id),
          ),
        )
        .orderBy(desc(renewalReminders.sentAt))
    : [];
  const people = await db
    .select({ id: users.id, email: users.email, displayName: users.displayName, isOwner: enterpriseUsers.isOwner, disabledAt: users.disabledAt })
    .from(enterpriseUsers)
    .innerJoin(users, eq(users.id, enterpriseUsers.userId))
    .where(eq(enterpriseUsers.enterpriseId, id))
    .orderBy(desc(enterpriseUsers.isOwner), users.email);
  const changeRequests = await db
    .select()
    .from(enterpriseChangeRequests)
    .where(eq(enterpriseChangeRequests.enterpriseId, id))
    .orderBy(desc(enterpriseChangeRequests.createdAt));
  const { searchText: _s, ...plain } = enterprise;
  return {
    enterprise: plain,
    memberships: ms.map((m) => ({
      ...m.membership,
      associationZh: m.associationZh,
      associationEn: m.associationEn,
      dues: duesRows.filter((d) => d.membershipId === m.membership.id),
      history: history.filter((h) => h.membershipId === m.membership.id),
    })),
    reminders,
    users: people,
    changeRequests,
  };
}

/** Staff commands on a member record: the portal's command contract (app/lib/command.server.ts). */
export type { CommandResult };
const manage = (actor: Actor, input: unknown, ip: string | null, onUniqueViolation?: Refused) => ({
  actor,
  ability: "members.manage" as const,
  input,
  ip,
  onUniqueViolation,
});

function plainEnterprise<T extends { searchText?: unknown }>(row: T) {
  const { searchText: _s, ...rest } = row;
  return rest;
}

export async function updateEnterprise(actor: Actor, id: number, input: EnterpriseProfileInput, ip: string | null): Promise<CommandResult> {
  return runCommand(manage(actor, input, ip, refuse("members:errors.creditCodeTaken", "creditCode")), async (tx) => {
    const [before] = await tx.select().from(enterprises).where(eq(enterprises.id, id)).for("update");
    if (!before) return refuse(NOT_FOUND);
    const [after] = await tx
      .update(enterprises)
      .set({ ...enterpriseValues(input), updatedAt: new Date() })
      .where(eq(enterprises.id, id))
      .returning();
    await setSearchText(tx, id, after.name, after.creditCode);
    await appendAudit(tx, {
      actor,
      action: "enterprise.update",
      entityType: "enterprise",
      entityId: id,
      before: plainEnterprise(before),
      after: plainEnterprise(after),
      ip,
    });
    return ok();
  });
}

async function membershipOfEnterprise(tx: Executor, enterpriseId: number, membershipId: number) {
  const [m] = await tx
    .select()
    .from(memberships)
    .where(and(eq(memberships.id, membershipId), eq(memberships.enterpriseId, enterpriseId)))
    .for("update");
  return m ?? null;
}

export async function addMembership(
  actor: Actor,
  enterpriseId: number,
  input: { associationId: number; type: (typeof memberships.$inferSelect)["type"] },
  ip: string | null,
  today = shanghaiToday(),
): Promise<CommandResult> {
  return runCommand(manage(actor, input, ip, refuse("members:errors.alreadyMember", "associationId")), async (tx) => {
    const [e] = await tx.select({ id: enterprises.id }).from(enterprises).where(eq(enterprises.id, enterpriseId));
    if (!e) return refuse(NOT_FOUND);
    const [a] = await tx.select({ id: associations.id }).from(associations).where(eq(associations.id, input.associationId));
    if (!a) return refuse("members:errors.noSuchAssociation", "associationId");
    await createActiveMembership(tx, { enterpriseId, associationId: input.associationId, type: input.type, today }, actor, ip);
    return ok();
  });
}

export async function changeMembershipStatus(
  actor: Actor,
  enterpriseId: number,
  input: { membershipId: number; status: (typeof memberships.$inferSelect)["status"]; reason: string | null },
  ip: string | null,
): Promise<CommandResult> {
  return runCommand(manage(actor, input, ip), async (tx) => {
    const m = await membershipOfEnterprise(tx, enterpriseId, input.membershipId);
    if (!m) return refuse(NOT_FOUND);
    const check = checkTransition(m.status, input.status, input.reason);
    if (!check.ok) return refuse(check.error, check.error === "members:errors.reasonRequired" ? "reason" : "status");
    await applyStatus(tx, m, input.status, input.reason, actor, ip);
    await notifyStatusChange(tx, m, input.status, input.reason);
    return ok();
  });
}

/** The enterprise's users hear of a status set by staff, with the reason when one was given. */
async function notifyStatusChange(tx: Executor, m: typeof memberships.$inferSelect, to: (typeof memberships.$inferSelect)["status"], reason: string | null) {
  const [names] = await tx
    .select({ enterprise: enterprises.name, association: associations.nameZh })
    .from(enterprises)
    .innerJoin(associations, eq(associations.id, m.associationId))
    .where(eq(enterprises.id, m.enterpriseId));
  const members = await tx.select({ userId: enterpriseUsers.userId }).from(enterpriseUsers).where(eq(enterpriseUsers.enterpriseId, m.enterpriseId));
  await notify(
    tx,
    members.map(({ userId }) => ({
      userId,
      messageKey: reason ? "notifications.membershipStatusChangedBecause" : "notifications.membershipStatusChanged",
      params: { enterprise: names.enterprise, association: names.association, status: to, ...(reason ? { reason } : {}) },
      link: `/my/enterprises/${m.enterpriseId}`,
    })),
  );
}

/** Moves a membership to a new status with its history row and audit (the caller checked the rules). */
export async function applyStatus(
  tx: Executor,
  m: typeof memberships.$inferSelect,
  to: (typeof memberships.$inferSelect)["status"],
  reason: string | null,
  actor: Actor,
  ip: string | null,
) {
  const now = new Date();
  await tx.update(memberships).set({ status: to, statusChangedAt: now, statusReason: reason }).where(eq(memberships.id, m.id));
  await tx
    .insert(membershipStatusChanges)
    .values({ membershipId: m.id, fromStatus: m.status, toStatus: to, reason, changedBy: actor?.userId ?? null, at: now });
  await appendAudit(tx, {
    actor,
    action: "membership.status",
    entityType: "membership",
    entityId: m.id,
    before: { status: m.status },
    after: { status: to, reason },
    ip,
  });
}

export async function changeMembershipType(
  actor: Actor,
  enterpriseId: number,
  input: { membershipId: number; type: (typeof memberships.$inferSelect)["type"]; reason: string | null },
  ip: string | null,
): Promise<CommandResult> {
  return runCommand(manage(actor, input, ip), async (tx) => {
    const m = await membershipOfEnterprise(tx, enterpriseId, input.membershipId);
    if (!m) return refuse(NOT_FOUND);
    if (m.type === input.type) return unchanged();
    await tx.update(memberships).set({ type: input.type }).where(eq(memberships.id, m.id));
    await appendAudit(tx, {
      actor,
      action: "membership.type",
      entityType: "membership",
      entityId: m.id,
      before: { type: m.type },
      after: { type: input.type, reason: input.reason },
      ip,
    });
    return ok();
  });
}

/** Dues recorded as paid; a lapsed membership becomes active again. */
export async function recordDuesPaid(actor: Actor, enterpriseId: number, input: { duesId: number; paidOn: string }, ip: string | null): Promise<CommandResult> {
  return runCommand(manage(actor, input, ip), async (tx) => {
    const [row] = await tx
      .select({ dues, membership: memberships })
      .from(dues)
      .innerJoin(memberships, eq(memberships.id, dues.membershipId))
      .where(and(eq(dues.id, input.duesId), eq(memberships.enterpriseId, enterpriseId)))
      .for("update");
    if (!row) return refuse(NOT_FOUND);
    if (row.dues.paidOn) return refuse("members:errors.alreadyPaid");
    await tx
      .update(dues)
      .set({ paidOn: input.paidOn, recordedBy: actor?.userId ?? null })
      .where(eq(dues.id, row.dues.id));
    await appendAudit(tx, {
      actor,
      action: "dues.paid",
      entityType: "dues",
      entityId: row.dues.id,
      before: { paidOn: null },
      after: { paidOn: input.paidOn },
      ip,
    });
    if (row.membership.status === "lapsed") await applyStatus(tx, row.membership, "active", "members:reasons.duesPaid", actor, ip);
    return ok();
  });
}

/** Links a user to the enterprise: an existing member account, or a new one when a password is given. */
export async function addEnterpriseUser(
  actor: Actor,
  enterpriseId: number,
  input: { userEmail: string; displayName: string | null; password: string | null },
  ip: string | null,
): Promise<CommandResult> {
  return runCommand(manage(actor, input, ip, refuse("members:errors.userAlreadyLinked", "userEmail")), async (tx) => {
    const [e] = await tx.select({ id: enterprises.id }).from(enterprises).where(eq(enterprises.id, enterpriseId));
    if (!e) return refuse(NOT_FOUND);
    const [existing] = await tx.select().from(users).where(eq(users.email, input.userEmail));
    let userId: string;
    if (existing) {
      if (existing.role !== "member") return refuse("members:errors.userNotMember", "userEmail");
      userId = existing.id;
    } else {
      if (!input.password || !input.displayName) return refuse("members:errors.userNeedsPassword", "password");
      userId = await insertUser(tx, { email: input.userEmail, password: input.password, displayName: input.displayName, role: "member" }, actor, ip);
    }
    const [linked] = await tx
      .select()
      .from(enterpriseUsers)
      .where(and(eq(enterpriseUsers.enterpriseId, enterpriseId), eq(enterpriseUsers.userId, userId)));
    if (linked) return refuse("members:errors.userAlreadyLinked", "userEmail");
    await tx.insert(enterpriseUsers).values({ enterpriseId, userId, isOwner: false });
    await appendAudit(tx, { actor, action: "enterprise_user.add", entityType: "enterprise", entityId: enterpriseId, after: { userId, isOwner: false }, ip });
    return ok();
  });
}

export async function decideChangeRequest(
  actor: Actor,
  enterpriseId: number,
  input: { requestId: number; decision: "approve" | "reject"; reason: string | null },
  ip: string | null,
): Promise<CommandResult> {
  return runCommand(manage(actor, input, ip, refuse("members:errors.creditCodeTaken")), async (tx) => {
    const [req] = await tx
      .select()
      .from(enterpriseChangeRequests)
      .where(and(eq(enterpriseChangeRequests.id, input.requestId), eq(enterpriseChangeRequests.enterpriseId, enterpriseId)))
      .for("update");
    if (!req) return refuse(NOT_FOUND);
    if (req.status !== "pending") return refuse("members:errors.alreadyDecided");
    if (input.decision === "reject" && !input.reason) return refuse("members:errors.reasonRequired", "reason");
    if (input.decision === "approve") {
      const [before] = await tx.select().from(enterprises).where(eq(enterprises.id, enterpriseId)).for("update");
      const set: { name?: string; creditCode?: string; updatedAt: Date } = { updatedAt: new Date() };
      if (req.changes.name) set.name = req.changes.name;
      if (req.changes.creditCode) set.creditCode = req.changes.creditCode;
      const [after] = await tx.update(enterprises).set(set).where(eq(enterprises.id, enterpriseId)).returning();
      await setSearchText(tx, enterpriseId, after.name, after.creditCode);
      await appendAudit(tx, {
        actor,
        action: "enterprise.update",
        entityType: "enterprise",
        entityId: enterpriseId,
        before: { name: before.name, creditCode: before.creditCode },
        after: { name: after.name, creditCode: after.creditCode, changeRequestId: req.id },
        ip,
      });
    }
    const status = input.decision === "approve" ? "approved" : "rejected";
    await tx
      .update(enterpriseChangeRequests)
      .set({ status, decisionReason: input.reason, decidedBy: actor?.userId ?? null, decidedAt: new Date() })
      .where(eq(enterpriseChangeRequests.id, req.id));
    await appendAudit(tx, {
      actor,
      action: `enterprise_change_request.${input.decision}`,
      entityType: "enterprise_change_request",
      entityId: req.id,
      before: { status: req.status },
      after: { status, reason: input.reason },
      ip,
    });
    return ok();
  });
}

export { importEnterprises, type ImportResult } from "./import.server";
