/** A member user's own enterprises: scoped by the enterprise_users link, never by ids from the URL alone. */
import { and, desc, eq, inArray } from "drizzle-orm";
import { getDb, type Executor } from "../../../db/client.server";
import { users } from "../../../db/schema/accounts";
import { associations, dues, enterpriseChangeRequests, enterpriseUsers, enterprises, memberships, renewalReminders } from "../../../db/schema/members";
import { appendAudit } from "../../lib/audit.server";
import { shanghaiToday } from "../../lib/format";
import type { Actor } from "../../lib/permissions";
import { notify } from "../notifications/notifications.server";
import { applicationsOf } from "./join.server";
import { duesState, nextStep } from "./membership-rules";
import type { ContactInput } from "./forms";

async function linked(ex: Executor, userId: string, enterpriseId: number): Promise<boolean> {
  const [row] = await ex
    .select({ id: enterpriseUsers.enterpriseId })
    .from(enterpriseUsers)
    .where(and(eq(enterpriseUsers.userId, userId), eq(enterpriseUsers.enterpriseId, enterpriseId)));
  return Boolean(row);
}

async function enterpriseSummaries(ex: Executor, ids: number[], today: string) {
  if (ids.length === 0) return [];
  const rows = await ex.select().from(enterprises).where(inArray(enterprises.id, ids)).orderBy(enterprises.name);
  const ms = await ex
    .select({
      membership: memberships,
      associationZh: associations.nameZh,
      associationEn: associations.nameEn,
      payTo: { payee: associations.duesPayee, bank: associations.duesBank, account: associations.duesAccount, note: associations.duesNote },
    })
    .from(memberships)
    .innerJoin(associations, eq(associations.id, memberships.associationId))
    .where(inArray(memberships.enterpriseId, ids))
    .orderBy(memberships.id);
  const mIds = ms.map((m) => m.membership.id);
  const duesRows = mIds.length ? await ex.select().from(dues).where(inArray(dues.membershipId, mIds)).orderBy(desc(dues.year)) : [];
  const reqs = await ex
    .select()
    .from(enterpriseChangeRequests)
    .where(inArray(enterpriseChangeRequests.enterpriseId, ids))
    .orderBy(desc(enterpriseChangeRequests.createdAt));
  return rows.map(({ searchText: _s, ...e }) => ({
    ...e,
    changeRequests: reqs.filter((r) => r.enterpriseId === e.id),
    memberships: ms
      .filter((m) => m.membership.enterpriseId === e.id)
      .map((m) => {
        const current = duesRows.find((d) => d.membershipId === m.membership.id) ?? null;
        const state = current ? duesState(current, today) : null;
        return {
          id: m.membership.id,
          type: m.membership.type,
          status: m.membership.status,
          statusReason: m.membership.statusReason,
          joinedOn: m.membership.joinedOn,
          associationZh: m.associationZh,
          associationEn: m.associationEn,
          dues: current,
          duesState: state,
          // How to pay: shown while this year's dues are unpaid; null when the association has not said.
          payTo: current && !current.paidOn && m.payTo.account ? m.payTo : null,
          nextStep: nextStep(m.membership.status, state),
        };
      }),
  }));
}

export async function myDashboard(actor: NonNullable<Actor>, today = shanghaiToday()) {
  const db = await getDb();
  const links = await db.select({ id: enterpriseUsers.enterpriseId }).from(enterpriseUsers).where(eq(enterpriseUsers.userId, actor.userId));
  const ids = links.map((l) => l.id);
  const list = await enterpriseSummaries(db, ids, today);
  const duesIds = list.flatMap((e) => e.memberships.flatMap((m) => (m.dues ? [m.dues.id] : [])));
  const reminders = duesIds.length
    ? await db
        .select({
          id: renewalReminders.id,
          kind: renewalReminders.kind,
          sentAt: renewalReminders.sentAt,
          notified: renewalReminders.notified,
          duesId: renewalReminders.duesId,
        })
        .from(renewalReminders)
        .where(inArray(renewalReminders.duesId, duesIds))
        .orderBy(desc(renewalReminders.sentAt), desc(renewalReminders.id))
        .limit(20)
    : [];
  const withContext = reminders.map((r) => {
    for (const e of list)
      for (const m of e.memberships)
        if (m.dues?.id === r.duesId)
          return { ...r, enterprise: e.name, associationZh: m.associationZh, associationEn: m.associationEn, year: m.dues.year, dueOn: m.dues.dueOn };
    return { ...r, enterprise: "", associationZh: "", associationEn: "", year: 0, dueOn: "" };
  });
  return { enterprises: list, reminders: withContext, applications: await applicationsOf(actor.userId) };
}

/** One of the actor's enterprises, or null (the route answers 404). */
export async function myEnterprise(actor: NonNullable<Actor>, id: number, today = shanghaiToday()) {
  const db = await getDb();
  if (!(await linked(db, actor.userId, id))) return null;
  const [e] = await enterpriseSummaries(db, [id], today);
  return e ?? null;
}

export async function updateContact(
  actor: NonNullable<Actor>,
  id: number,
  input: ContactInput,
  ip: string | null,
): Promise<{ ok: true } | { ok: false; error: "notFound" }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    if (!(await linked(tx, actor.userId, id))) return { ok: false as const, error: "notFound" as const };
    const [before] = await tx.select().from(enterprises).where(eq(enterprises.id, id)).for("update");
    const [after] = await tx
      .update(enterprises)
      .set({
        contactPerson: input.contactPerson,
        phone: input.phone,
        email: input.email,
        address: input.address,
        publicFields: input.publicFields,
        updatedAt: new Date(),
      })
      .where(eq(enterprises.id, id))
      .returning();
    const pick = (e: typeof before) => ({ contactPerson: e.contactPerson, phone: e.phone, email: e.email, address: e.address, publicFields: e.publicFields });
    await appendAudit(tx, { actor, action: "enterprise.contact", entityType: "enterprise", entityId: id, before: pick(before), after: pick(after), ip });
    return { ok: true as const };
  });
}

export async function requestChange(
  actor: NonNullable<Actor>,
  id: number,
  input: { name: string | null; creditCode: string | null; note: string | null },
  ip: string | null,
): Promise<{ ok: true } | { ok: false; error: "notFound" | "members:errors.changePending" }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    if (!(await linked(tx, actor.userId, id))) return { ok: false as const, error: "notFound" as const };
    const [pending] = await tx
      .select({ id: enterpriseChangeRequests.id })
      .from(enterpriseChangeRequests)
      .where(and(eq(enterpriseChangeRequests.enterpriseId, id), eq(enterpriseChangeRequests.status, "pending")));
    if (pending) return { ok: false as const, error: "members:errors.changePending" as const };
    const [e] = await tx.select({ name: enterprises.name, creditCode: enterprises.creditCode }).from(enterprises).where(eq(enterprises.id, id));
    const changes: { name?: string; creditCode?: string } = {};
    if (input.name) changes.name = input.name;
    if (input.creditCode) changes.creditCode = input.creditCode;
    const [req] = await tx.insert(enterpriseChangeRequests).values({ enterpriseId: id, requestedBy: actor.userId, changes, note: input.note }).returning();
    await appendAudit(tx, {
      actor,
      action: "enterprise_change_request.create",
      entityType: "enterprise_change_request",
      entityId: req.id,
      before: e,
      after: { changes, note: input.note },
      ip,
    });
    const staff = await tx
      .select({ id: users.id })
      .from(users)
      .where(inArray(users.role, ["staff"]));
    await notify(
      tx,
      staff.map((s) => ({ userId: s.id, messageKey: "members:notify.changeRequested", params: { enterprise: e.name }, link: `/members/${id}` })),
    );
    return { ok: true as const };
  });
}
