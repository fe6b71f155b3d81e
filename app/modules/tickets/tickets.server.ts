import { and, asc, count, desc, eq, gte, ilike, inArray, isNotNull, isNull, lt, lte, or, sql, type SQL } from "drizzle-orm";
import { getDb, type Executor, type Tx } from "../../../db/client.server";
import { users } from "../../../db/schema/accounts";
import { associations, enterprises, memberships } from "../../../db/schema/members";
import { departments } from "../../../db/schema/organisations";
import { calendarDays, ticketEvents, ticketReferrals, tickets, visits, type TicketEventKind, type TicketStatus } from "../../../db/schema/tickets";
import { appendAudit } from "../../lib/audit.server";
import { createCache } from "../../lib/cache.server";
import { filesOf, findFile, recordUploads, type StagedUpload } from "../../lib/uploads.server";
import { isStaff, type Actor } from "../../lib/permissions";
import { notify, type Notice } from "../notifications/notifications.server";
import { ACCEPT_LIMIT_DAYS, ANSWER_LIMIT_DAYS, REOPEN_WINDOW_MS, dueAfter, extendForPause, type CalendarExceptions } from "./calendar";
import type { QueueFilter, SubmitTicketInput } from "./forms";
import { escapeLike, searchDocument, searchPlan } from "./search";
import { canWaitOnEnterprise, OPEN_STATUSES, transition, type TicketAction } from "./state-machine";
import { queueTabs, type QueueTab } from "./constants";
import { TICKET_FILE_OWNER } from "./attachments.server";
import { FORBIDDEN, NOT_FOUND, ok, refuse, type CommandResult as LibCommandResult } from "../../lib/command.server";
import { cappedCount, COUNT_CAP as LIST_COUNT_CAP, COUNT_TTL_MS, listCounts, listPage, orderOf } from "../../lib/list-query.server";

type SignedIn = NonNullable<Actor>;
export type Ticket = typeof tickets.$inferSelect;
/** The portal's command result (app/lib/command.server.ts): the ticket after the change is `value`. */
export type CommandResult<T = Ticket> = LibCommandResult<T>;
export type Options = { now?: Date; db?: Executor };

// ---------------------------------------------------------------------------------------------
// Scope: who sees which problem. A problem outside the scope does not exist for the actor.

export function scopeOf(actor: SignedIn): SQL | undefined {
  if (isStaff(actor)) return undefined;
  if (actor.role === "member") return actor.enterpriseIds.length ? inArray(tickets.enterpriseId, actor.enterpriseIds) : sql`false`;
  if (actor.role === "department") return actor.departmentId ? eq(tickets.departmentId, actor.departmentId) : sql`false`;
  return sql`false`;
}

async function calendar(db: Executor): Promise<CalendarExceptions> {
  const rows = await db.select().from(calendarDays);
  return new Map(rows.map((r) => [r.day, r.isWorkday]));
}

async function loadScoped(tx: Executor, actor: SignedIn, id: number, lock = false): Promise<Ticket | null> {
  const q = tx
    .select()
    .from(tickets)
    .where(and(eq(tickets.id, id), scopeOf(actor)));
  const [row] = lock ? await q.for("update") : await q;
  return row ?? null;
}

function snapshot(t: Ticket) {
  const { searchText: _s, ...rest } = t;
  return rest;
}

async function addEvent(
  tx: Executor,
  ticketId: number,
  actor: Actor,
  kind: TicketEventKind,
  now: Date,
  extra: { from?: TicketStatus; to?: TicketStatus; body?: string | null; internal?: boolean; departmentId?: number | null } = {},
) {
  await tx.insert(ticketEvents).values({
    ticketId,
    at: now,
    actorId: actor?.userId ?? null,
    actorName: actor?.displayName ?? null,
    kind,
    fromStatus: extra.from ?? null,
    toStatus: extra.to ?? null,
    body: extra.body ?? null,
    internal: extra.internal ?? false,
    departmentId: extra.departmentId ?? null,
  });
}

async function enterpriseUserIds(tx: Executor, enterpriseId: number): Promise<string[]> {
  const rows = await tx.execute(sql`select user_id from enterprise_users where enterprise_id = ${enterpriseId}`);
  return rowsOf<{ user_id: string }>(rows).map((r) => r.user_id);
}

async function staffUserIds(tx: Executor, leadsOnly = false): Promise<string[]> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, "staff"), isNull(users.disabledAt), leadsOnly ? eq(users.isLead, true) : undefined));
  return rows.map((r) => r.id);
}

async function departmentUserIds(tx: Executor, departmentId: number): Promise<string[]> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, "department"), eq(users.departmentId, departmentId), isNull(users.disabledAt)));
  return rows.map((r) => r.id);
}

function noticesFor(userIds: string[], actor: Actor, messageKey: string, ticket: Ticket, params: Record<string, string | number> = {}): Notice[] {
  return [...new Set(userIds)]
    .filter((u) => u !== actor?.userId)
    .map((userId) => ({ userId, messageKey, params: { id: ticket.id, title: ticket.title, ...params }, link: `/tickets/${ticket.id}` }));
}

export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : ((result as { rows: T[] }).rows ?? [])) as T[];
}

/** Runs one command: scoped load with a row lock, the state machine, the change, event, audit, notices. */
async function command(
  actor: SignedIn,
  id: number,
  action: TicketAction | null,
  opts: Options,
  body: (tx: Tx, ticket: Ticket, to: TicketStatus, now: Date) => Promise<{ set: Partial<typeof tickets.$inferInsert>; notices?: Notice[] } | { error: string }>,
  /** The audit action when it is not a state change (`ticket.chase`, `ticket.reassign`). */
  auditName?: "chase" | "reassign",
): Promise<CommandResult> {
  const now = opts.now ?? new Date();
  const db = opts.db ?? (await getDb());
  const result = await db.transaction(async (tx) => {
    const ticket = await loadScoped(tx, actor, id, true);
    if (!ticket) return refuse(NOT_FOUND);
    let to = ticket.status;
    if (action) {
      const step = transition(ticket.status, action);
      if (!step.ok) return refuse(step.error);
      to = step.to;
    }
    const result = await body(tx, ticket, to, now);
    if ("error" in result) return refuse(result.error);
    const [after] = await tx
      .update(tickets)
      .set({ ...result.set, status: to, updatedAt: now })
      .where(eq(tickets.id, id))
      .returning();
    await appendAudit(tx, {
      actor,
      action: `ticket.${action ?? auditName ?? "update"}`,
      entityType: "ticket",
      entityId: id,
      before: snapshot(ticket),
      after: snapshot(after),
    });
    await notify(tx, result.notices ?? []);
    return ok(after);
  });
  if (result.ok) forgetQueueCounts();
  return result;
}

// ---------------------------------------------------------------------------------------------
// Commands

/** `files`: staged by receiveTicketForm (or stageTicketFile); recorded in the same transaction. */
export async function submitTicket(actor: SignedIn, input: SubmitTicketInput, files: StagedUpload[] = [], opts: Options = {}): Promise<CommandResult> {
  const now = opts.now ?? new Date();
  const db = opts.db ?? (await getDb());
  const staff = isStaff(actor);
  if (!staff && !(actor.role === "member" && actor.enterpriseIds.includes(input.enterpriseId))) return refuse("tickets:errors.enterprise");
  const result = await db.transaction(async (tx) => {
    const [enterprise] = await tx.select({ id: enterprises.id }).from(enterprises).where(eq(enterprises.id, input.enterpriseId));
    if (!enterprise) return refuse("tickets:errors.enterprise");
    let visitId: number | null = null;
    if (staff && input.visitId) {
      const [visit] = await tx.select().from(visits).where(eq(visits.id, input.visitId));
      if (!visit) return refuse("tickets:errors.visit");
      visitId = visit.id;
    }
    const [membership] = await tx
      .select({ associationId: memberships.associationId })
      .from(memberships)
      .where(and(eq(memberships.enterpriseId, input.enterpriseId), eq(memberships.status, "active")))
      .orderBy(asc(memberships.associationId))
      .limit(1);
    const acceptDueAt = dueAfter(now, ACCEPT_LIMIT_DAYS, await calendar(tx));
    const [ticket] = await tx
      .insert(tickets)
      .values({
        kind: staff ? (input.kind ?? "problem") : "problem",
        enterpriseId: input.enterpriseId,
        associationId: membership?.associationId ?? null,
        category: input.category,
        title: input.title,
        description: input.description,
        urgency: input.urgency,
        source: staff ? (input.source ?? (visitId ? "visit" : "phone")) : "online",
        visitId,
        createdBy: actor.userId,
        createdAt: now,
        acceptDueAt,
        dueAt: acceptDueAt,
        searchText: sql`to_tsvector('simple', ${searchDocument(input.title, input.description)})`,
        updatedAt: now,
      })
      .returning();
    await addEvent(tx, ticket.id, actor, "submitted", now, { to: "submitted", body: null });
    await recordUploads(tx, files, { ownerKind: TICKET_FILE_OWNER, ownerId: ticket.id, actor, at: now });
    await appendAudit(tx, {
      actor,
      action: "ticket.submit",
      entityType: "ticket",
      entityId: ticket.id,
      after: { ...snapshot(ticket), attachments: files.length },
    });
    const recipients = [...(await staffUserIds(tx)), ...(staff ? await enterpriseUserIds(tx, ticket.enterpriseId) : [])];
    await notify(tx, noticesFor(recipients, actor, "tickets:notify.submitted", ticket));
    return ok(ticket);
  });
  if (result.ok) forgetQueueCounts();
  return result;
}

export async function acceptTicket(
  actor: SignedIn,
  id: number,
  input: { category: Ticket["category"]; priority: Ticket["priority"]; handlerId: string },
  opts: Options = {},
) {
  return command(actor, id, "accept", opts, async (tx, ticket, to, now) => {
    const [handler] = await tx.select({ id: users.id, role: users.role }).from(users).where(eq(users.id, input.handlerId));
    if (!handler || (handler.role !== "staff" && handler.role !== "admin")) return { error: "tickets:errors.handler" };
    await addEvent(tx, id, actor, "accepted", now, { from: ticket.status, to });
    return {
      set: { category: input.category, priority: input.priority, handlerId: handler.id, acceptedAt: now, dueAt: null },
      notices: noticesFor([...(await enterpriseUserIds(tx, ticket.enterpriseId)), handler.id], actor, "tickets:notify.accepted", ticket),
    };
  });
}

export async function rejectTicket(actor: SignedIn, id: number, reason: string, opts: Options = {}) {
  return command(actor, id, "reject", opts, async (tx, ticket, to, now) => {
    await addEvent(tx, id, actor, "rejected", now, { from: ticket.status, to, body: reason });
    return {
      set: { rejectReason: reason, dueAt: null, waitingSince: null },
      notices: noticesFor(await enterpriseUserIds(tx, ticket.enterpriseId), actor, "tickets:notify.rejected", ticket),
    };
  });
}

export async function referTicket(actor: SignedIn, id: number, input: { departmentId: number; note?: string | null }, opts: Options = {}) {
  return command(actor, id, "refer", opts, async (tx, ticket, to, now) => {
    if (ticket.waitingSince) return { error: "tickets:errors.waiting" };
    const [dept] = await tx.select().from(departments).where(eq(departments.id, input.departmentId));
    if (!dept) return { error: "tickets:errors.department" };
    const due = dueAfter(now, ANSWER_LIMIT_DAYS[ticket.urgency], await calendar(tx));
    await tx.insert(ticketReferrals).values({ ticketId: id, departmentId: dept.id, referredBy: actor.userId, referredAt: now, dueAt: due });
    await addEvent(tx, id, actor, "referred", now, { from: ticket.status, to, body: dept.nameZh, departmentId: dept.id });
    if (input.note) await addEvent(tx, id, actor, "comment", now, { body: input.note, internal: true, departmentId: dept.id });
    return {
      set: { departmentId: dept.id, answerDueAt: due, dueAt: due, escalatedAt: null, answeredAt: null },
      notices: [
        ...noticesFor(await departmentUserIds(tx, dept.id), actor, "tickets:notify.referred", ticket),
        ...noticesFor(await enterpriseUserIds(tx, ticket.enterpriseId), actor, "tickets:notify.inProgress", ticket),
      ],
    };
  });
}

/** Signals a refusal inside acceptAndReferTicket's transaction, so the accept is rolled back too. */
class Refused extends Error {
  constructor(readonly result: CommandResult) {
    super("refused");
  }
}

/**
 * Accepts a new problem and refers it to a department in one step (one transaction: if the
 * referral is refused, the problem stays unaccepted). Both steps keep their own events and audit rows.
 */
export async function acceptAndReferTicket(
  actor: SignedIn,
  id: number,
  input: { category: Ticket["category"]; priority: Ticket["priority"]; handlerId: string; departmentId: number; note?: string | null },
  opts: Options = {},
): Promise<CommandResult> {
  const db = opts.db ?? (await getDb());
  try {
    return await db.transaction(async (tx) => {
      const accepted = await acceptTicket(actor, id, input, { ...opts, db: tx });
      if (!accepted.ok) throw new Refused(accepted);
      const referred = await referTicket(actor, id, { departmentId: input.departmentId, note: input.note }, { ...opts, db: tx });
      if (!referred.ok) throw new Refused(referred);
      return referred;
    });
  } catch (e) {
    if (e instanceof Refused) return e.result;
    throw e;
  } finally {
    forgetQueueCounts();
  }
}

/** An escalated referral: staff chase the department (a reminder to its liaisons), from the queue row. */
export async function chaseReferral(actor: SignedIn, id: number, opts: Options = {}): Promise<CommandResult> {
  if (!isStaff(actor)) return refuse(FORBIDDEN);
  return command(
    actor,
    id,
    null,
    opts,
    async (tx, ticket, _to, now) => {
      if (ticket.status !== "referred" || !ticket.escalatedAt || !ticket.departmentId) return { error: "tickets:errors.notEscalated" };
      await addEvent(tx, id, actor, "chased", now, { internal: true, departmentId: ticket.departmentId });
      return { set: {}, notices: noticesFor(await departmentUserIds(tx, ticket.departmentId), actor, "tickets:notify.chased", ticket) };
    },
    "chase",
  );
}

/** Hands an open problem to another staff handler (from the queue row or the page); the new handler is told. */
export async function reassignTicket(actor: SignedIn, id: number, input: { handlerId: string }, opts: Options = {}): Promise<CommandResult> {
  if (!isStaff(actor)) return refuse(FORBIDDEN);
  return command(
    actor,
    id,
    null,
    opts,
    async (tx, ticket, _to, now) => {
      if (!OPEN_STATUSES.includes(ticket.status)) return { error: "tickets:errors.illegalTransition" };
      const [handler] = await tx
        .select({ id: users.id, role: users.role, displayName: users.displayName, disabledAt: users.disabledAt })
        .from(users)
        .where(eq(users.id, input.handlerId));
      if (!handler || handler.disabledAt || (handler.role !== "staff" && handler.role !== "admin")) return { error: "tickets:errors.handler" };
      if (handler.id === ticket.handlerId) return { error: "tickets:errors.sameHandler" };
      await addEvent(tx, id, actor, "reassigned", now, { internal: true, body: handler.displayName });
      return { set: { handlerId: handler.id }, notices: noticesFor([handler.id], actor, "tickets:notify.reassigned", ticket) };
    },
    "reassign",
  );
}

async function openReferral(tx: Executor, ticket: Ticket) {
  const [referral] = await tx
    .select()
    .from(ticketReferrals)
    .where(and(eq(ticketReferrals.ticketId, ticket.id), isNull(ticketReferrals.answeredAt), isNull(ticketReferrals.returnedAt)))
    .orderBy(desc(ticketReferrals.id))
    .limit(1);
  return referral;
}

function staffRecipients(tx: Executor, ticket: Ticket) {
  return ticket.handlerId ? Promise.resolve([ticket.handlerId]) : staffUserIds(tx);
}

export async function answerTicket(actor: SignedIn, id: number, answer: string, opts: Options = {}) {
  if (actor.role !== "department") return refuse(NOT_FOUND);
  return command(actor, id, "answer", opts, async (tx, ticket, to, now) => {
    if (ticket.waitingSince) return { error: "tickets:errors.waiting" };
    const referral = await openReferral(tx, ticket);
    if (referral) await tx.update(ticketReferrals).set({ answeredAt: now, answeredBy: actor.userId, answer }).where(eq(ticketReferrals.id, referral.id));
    await addEvent(tx, id, actor, "answered", now, { from: ticket.status, to, body: answer, departmentId: ticket.departmentId });
    return { set: { answeredAt: now, dueAt: null }, notices: noticesFor(await staffRecipients(tx, ticket), actor, "tickets:notify.answered", ticket) };
  });
}

export async function returnTicket(actor: SignedIn, id: number, reason: string, opts: Options = {}) {
  if (actor.role !== "department") return refuse(NOT_FOUND);
  return command(actor, id, "return", opts, async (tx, ticket, to, now) => {
    const referral = await openReferral(tx, ticket);
    if (referral) await tx.update(ticketReferrals).set({ returnedAt: now, returnReason: reason }).where(eq(ticketReferrals.id, referral.id));
    await addEvent(tx, id, actor, "returned", now, { from: ticket.status, to, body: reason, internal: true, departmentId: ticket.departmentId });
    // Back to staff: the department no longer sees it.
    return {
      set: { departmentId: null, answerDueAt: null, dueAt: null, escalatedAt: null, waitingSince: null },
      notices: noticesFor(await staffRecipients(tx, ticket), actor, "tickets:notify.returned", ticket),
    };
  });
}

export async function resolveTicket(actor: SignedIn, id: number, outcome: string, opts: Options = {}) {
  return command(actor, id, "resolve", opts, async (tx, ticket, to, now) => {
    if (ticket.waitingSince) return { error: "tickets:errors.waiting" };
    await addEvent(tx, id, actor, "resolved", now, { from: ticket.status, to, body: outcome });
    return {
      set: { outcome, resolvedAt: now, dueAt: null },
      notices: noticesFor(await enterpriseUserIds(tx, ticket.enterpriseId), actor, "tickets:notify.resolved", ticket),
    };
  });
}

export async function reopenTicket(actor: SignedIn, id: number, reason: string, opts: Options = {}) {
  return command(actor, id, "reopen", opts, async (tx, ticket, to, now) => {
    if (actor.role !== "member") return { error: "tickets:errors.illegalTransition" };
    if (!ticket.resolvedAt || now.getTime() - ticket.resolvedAt.getTime() > REOPEN_WINDOW_MS) return { error: "tickets:errors.reopenWindow" };
    await addEvent(tx, id, actor, "reopened", now, { from: ticket.status, to, body: reason });
    return {
      set: { resolvedAt: null, outcome: null, dueAt: null },
      notices: noticesFor(await staffRecipients(tx, ticket), actor, "tickets:notify.reopened", ticket),
    };
  });
}

export async function rateTicket(actor: SignedIn, id: number, input: { rating: number; comment: string | null }, opts: Options = {}) {
  return command(actor, id, "rate", opts, async (tx, ticket, to, now) => {
    if (actor.role !== "member") return { error: "tickets:errors.illegalTransition" };
    const low = input.rating <= 2;
    if (low && !input.comment) return { error: "tickets:errors.lowRatingReason" };
    await addEvent(tx, id, actor, "rated", now, { body: `${input.rating}/5${input.comment ? ` · ${input.comment}` : ""}` });
    await addEvent(tx, id, actor, "closed", now, { from: ticket.status, to });
    const recipients = low ? [...(await staffRecipients(tx, ticket)), ...(await staffUserIds(tx, true))] : await staffRecipients(tx, ticket);
    return {
      set: { rating: input.rating, ratingComment: input.comment, flaggedForReview: low, closedAt: now },
      notices: noticesFor(recipients, actor, low ? "tickets:notify.lowRating" : "tickets:notify.rated", ticket, { rating: input.rating }),
    };
  });
}

export async function requestInfo(actor: SignedIn, id: number, question: string, opts: Options = {}) {
  return command(actor, id, null, opts, async (tx, ticket, _to, now) => {
    if (!canWaitOnEnterprise(ticket.status) || ticket.waitingSince) return { error: "tickets:errors.illegalTransition" };
    await addEvent(tx, id, actor, "info_requested", now, { body: question });
    return {
      set: { waitingSince: now, dueAt: null },
      notices: noticesFor(await enterpriseUserIds(tx, ticket.enterpriseId), actor, "tickets:notify.infoRequested", ticket),
    };
  });
}

export async function provideInfo(actor: SignedIn, id: number, reply: string, opts: Options = {}) {
  return command(actor, id, null, opts, async (tx, ticket, _to, now) => {
    if (actor.role !== "member" || !ticket.waitingSince) return { error: "tickets:errors.notWaiting" };
    const cal = await calendar(tx);
    const set: Partial<typeof tickets.$inferInsert> = { waitingSince: null };
    // The clock resumes, moved on by the working days it was paused.
    if (ticket.status === "submitted") {
      set.acceptDueAt = extendForPause(ticket.acceptDueAt, ticket.waitingSince, now, cal);
      set.dueAt = set.acceptDueAt;
    } else if (ticket.status === "referred" && ticket.answerDueAt) {
      set.answerDueAt = extendForPause(ticket.answerDueAt, ticket.waitingSince, now, cal);
      set.dueAt = set.answerDueAt;
      const referral = await openReferral(tx, ticket);
      if (referral) await tx.update(ticketReferrals).set({ dueAt: set.answerDueAt }).where(eq(ticketReferrals.id, referral.id));
    }
    await addEvent(tx, id, actor, "info_provided", now, { body: reply });
    const recipients = [
      ...(await staffRecipients(tx, ticket)),
      ...(ticket.status === "referred" && ticket.departmentId ? await departmentUserIds(tx, ticket.departmentId) : []),
    ];
    return { set, notices: noticesFor(recipients, actor, "tickets:notify.infoProvided", ticket) };
  });
}

export async function addComment(actor: SignedIn, id: number, input: { body: string; internal: boolean }, opts: Options = {}) {
  return command(actor, id, null, opts, async (tx, ticket, _to, now) => {
    // The enterprise's own comments are always visible to it.
    const internal = actor.role === "member" ? false : input.internal;
    // An internal note belongs to a department's exchange: the department's own, or staff's to the
    // department the problem is referred to (it is told of it). Staff's other notes are staff's alone.
    const addressedTo = actor.role === "department" ? actor.departmentId : internal && ticket.status === "referred" ? ticket.departmentId : null;
    await addEvent(tx, id, actor, "comment", now, { body: input.body, internal, departmentId: addressedTo });
    const recipients = [
      ...(await staffRecipients(tx, ticket)),
      ...(ticket.departmentId && ticket.status === "referred" ? await departmentUserIds(tx, ticket.departmentId) : []),
      ...(internal ? [] : await enterpriseUserIds(tx, ticket.enterpriseId)),
    ];
    return { set: {}, notices: noticesFor(recipients, actor, internal ? "tickets:notify.internalComment" : "tickets:notify.comment", ticket) };
  });
}

/**
 * The clocks: a problem resolved 7 days ago closes itself; an overdue referral escalates to the
 * staff leads (once). Idempotent; run every minute by the server (startTicketTimers in
 * timers.server.ts), by the demo seed and by tests.
 */
export async function runTicketTimers(now = new Date(), db?: Executor): Promise<{ autoClosed: number; escalated: number }> {
  const executor = db ?? (await getDb());
  const result = await executor.transaction(async (tx) => {
    const closing = await tx
      .update(tickets)
      .set({ status: "closed", closedAt: now, updatedAt: now })
      .where(and(eq(tickets.status, "resolved"), lt(tickets.resolvedAt, new Date(now.getTime() - REOPEN_WINDOW_MS))))
      .returning();
    for (const t of closing) {
      await addEvent(tx, t.id, null, "auto_closed", now, { from: "resolved", to: "closed" });
      await appendAudit(tx, { actor: null, action: "ticket.autoClose", entityType: "ticket", entityId: t.id, after: { status: "closed" } });
    }
    const overdue = await tx
      .update(tickets)
      .set({ escalatedAt: now })
      .where(and(eq(tickets.status, "referred"), isNull(tickets.escalatedAt), isNotNull(tickets.dueAt), lt(tickets.dueAt, now)))
      .returning();
    const leads = overdue.length ? await staffUserIds(tx, true) : [];
    for (const t of overdue) {
      await addEvent(tx, t.id, null, "escalated", now, { internal: true, departmentId: t.departmentId });
      await appendAudit(tx, { actor: null, action: "ticket.escalate", entityType: "ticket", entityId: t.id, after: { escalatedAt: now } });
      await notify(tx, noticesFor(leads, null, "tickets:notify.escalated", t));
    }
    return { autoClosed: closing.length, escalated: overdue.length };
  });
  if (result.autoClosed || result.escalated) forgetQueueCounts();
  return result;
}

// ---------------------------------------------------------------------------------------------
// Queries

export const QUEUE_PAGE_SIZE = 20;
/** Queue counts above this show as "more than": narrow with filters. */
export const COUNT_CAP = LIST_COUNT_CAP;

function queueConditions(actor: SignedIn, f: QueueFilter, now: Date): SQL[] {
  const where: SQL[] = [];
  const scope = scopeOf(actor);
  if (scope) where.push(scope);
  if (f.status) where.push(eq(tickets.status, f.status));
  if (f.category) where.push(eq(tickets.category, f.category));
  if (f.urgency) where.push(eq(tickets.urgency, f.urgency));
  if (f.kind) where.push(eq(tickets.kind, f.kind));
  if (f.department) where.push(eq(tickets.departmentId, f.department));
  if (f.association) where.push(eq(tickets.associationId, f.association));
  if (f.handler === "mine") where.push(or(eq(tickets.handlerId, actor.userId), isNull(tickets.handlerId))!);
  else if (f.handler && f.handler !== "all") where.push(eq(tickets.handlerId, f.handler));
  if (f.overdue) where.push(...tabConditions("overdue", now));
  if (f.escalated) where.push(...tabConditions("escalated", now));
  if (f.tab) where.push(...tabConditions(f.tab, now));
  if (f.from) where.push(gte(tickets.createdAt, new Date(`${f.from}T00:00:00+08:00`)));
  if (f.to) where.push(lte(tickets.createdAt, new Date(`${f.to}T23:59:59.999+08:00`)));
  if (f.q) {
    const plan = searchPlan(f.q);
    if (plan.tokens.length) where.push(sql`${tickets.searchText} @@ to_tsquery('simple', ${plan.tokens.map((t) => `'${t.replace(/'/g, "''")}'`).join(" & ")})`);
    for (const term of plan.likeTerms) {
      const pattern = `%${escapeLike(term)}%`;
      where.push(or(ilike(tickets.title, pattern), ilike(tickets.description, pattern))!);
    }
  }
  return where;
}

/** What each queue tab holds: to accept (new), to refer (accepted, not yet referred), overdue, escalated, all. */
function tabConditions(tab: QueueTab, now: Date): SQL[] {
  switch (tab) {
    case "accept":
      return [eq(tickets.status, "submitted")];
    case "refer":
      return [eq(tickets.status, "accepted")];
    case "overdue":
      return [isNotNull(tickets.dueAt), lt(tickets.dueAt, now)];
    case "escalated":
      return [isNotNull(tickets.escalatedAt), eq(tickets.status, "referred")];
    case "all":
      return [];
  }
}

/**
 * The count of every tab for the queue's other filters (scope, handler, search...), each capped and
 * kept with the queue's counts (cleared by every command of this module).
 */
export async function queueTabCounts(actor: SignedIn, f: QueueFilter, now = new Date()): Promise<Record<QueueTab, number>> {
  const db = await getDb();
  const counts = await Promise.all(
    queueTabs.map((tab) => {
      const filter = { ...f, tab };
      return queueCounts.get(countKey(actor, filter), () => cappedCount(db, tickets, and(...queueConditions(actor, filter, now)), COUNT_CAP));
    }),
  );
  return Object.fromEntries(queueTabs.map((tab, i) => [tab, counts[i]])) as Record<QueueTab, number>;
}

const queueColumns = {
  id: tickets.id,
  kind: tickets.kind,
  title: tickets.title,
  status: tickets.status,
  category: tickets.category,
  urgency: tickets.urgency,
  source: tickets.source,
  createdAt: tickets.createdAt,
  dueAt: tickets.dueAt,
  waitingSince: tickets.waitingSince,
  escalatedAt: tickets.escalatedAt,
  flaggedForReview: tickets.flaggedForReview,
  enterpriseName: enterprises.name,
  departmentZh: departments.nameZh,
  departmentEn: departments.nameEn,
  handlerName: users.displayName,
};

/** Finished problems (resolved, closed, rejected) sort after every open one, whatever the chosen order. */
const finished = sql`${tickets.status} in ('resolved', 'closed', 'rejected')`;
const closedLast = sql`(${finished})`;

function orderOfQueue(f: QueueFilter) {
  return [asc(closedLast), ...orderOfQueueColumns(f)];
}

function orderOfQueueColumns(f: QueueFilter) {
  return orderOf(
    {
      created: tickets.createdAt,
      due: (d) => [sql`${tickets.dueAt} ${sql.raw(d === "desc" ? "desc" : "asc")} nulls last`, desc(tickets.id)],
      status: (d) => [d === "asc" ? asc(tickets.status) : desc(tickets.status), desc(tickets.createdAt), desc(tickets.id)],
    },
    f.sort,
    // "due" reads soonest first unless asked otherwise.
    f.sort === "due" ? (f.dir ?? "asc") : f.dir,
    { fallback: "created", tiebreak: tickets.id },
  );
}

/**
 * The queries of a queue page, unexecuted (the bench EXPLAINs them): the count, and the page. The
 * page picks its ids from the tickets table alone, then joins the names for those ids only, in the
 * same round trip. No index has "closed last" in front of the chosen order, so the ids come from two
 * reads, each walking an index in the chosen order and stopping after `page` pages: the open
 * problems, then the finished ones only when the open ones do not fill those pages (a walk for
 * finished problems that match nothing, as on the overdue tab, would read the whole index). One sort
 * of the whole matching queue instead cost 100-240 ms on 100,000 problems.
 */
export function queueQueries(db: Executor, actor: SignedIn, f: QueueFilter, page: number, now = new Date()) {
  const where = and(...queueConditions(actor, f, now));
  const upTo = page * QUEUE_PAGE_SIZE;
  const part = (which: SQL) =>
    db
      .select({ id: tickets.id, status: tickets.status, createdAt: tickets.createdAt, dueAt: tickets.dueAt })
      .from(tickets)
      .where(and(where, which))
      .orderBy(...orderOfQueueColumns(f))
      .limit(upTo);
  const openPart = db.$with("open_part").as(part(sql`not (${finished})`));
  // A condition without the table's columns: PostgreSQL checks it once and skips the read when false.
  const finishedPart = part(and(finished, sql`(select count(*) from ${sql.identifier("open_part")}) < ${upTo}`)!);
  // Named "tickets", so the order's column references read the two parts' rows.
  const openThenFinished = sql`((select * from ${sql.identifier("open_part")}) union all (${finishedPart})) as ${tickets}`;
  const pageIds = db.$with("page_ids").as(
    db
      .select({ pageId: sql<number>`${tickets.id}`.as("page_id") })
      .from(openThenFinished)
      .orderBy(...orderOfQueue(f))
      .limit(QUEUE_PAGE_SIZE)
      .offset((page - 1) * QUEUE_PAGE_SIZE),
  );
  return {
    // Counting stops at COUNT_CAP: an exact count of a large unfiltered queue costs a full scan.
    total: db.select({ n: count() }).from(
      db
        .select({ one: sql`1` })
        .from(tickets)
        .where(where)
        .limit(COUNT_CAP + 1)
        .as("capped"),
    ),
    rows: db
      .with(openPart, pageIds)
      .select(queueColumns)
      .from(pageIds)
      .innerJoin(tickets, eq(tickets.id, pageIds.pageId))
      .innerJoin(enterprises, eq(enterprises.id, tickets.enterpriseId))
      .leftJoin(departments, eq(departments.id, tickets.departmentId))
      .leftJoin(users, eq(users.id, tickets.handlerId))
      .orderBy(...orderOfQueue(f)),
  };
}

/**
 * The count of a filter is the costly part of a queue page (a text search reads every match up to
 * the cap) and the same for every page of it: it is kept QUEUE_COUNT_TTL_MS per filter and scope,
 * and cleared by every change made through this module. The rows are always read fresh.
 */
export const QUEUE_COUNT_TTL_MS = COUNT_TTL_MS;
const queueCounts = listCounts(QUEUE_COUNT_TTL_MS, "tickets:queue-counts");

export function forgetQueueCounts(): void {
  queueCounts.clear();
}

function countKey(actor: SignedIn, f: QueueFilter): string {
  const { sort: _sort, dir: _dir, ...filters } = f;
  const scope = isStaff(actor) ? "staff" : [actor.role, actor.departmentId, actor.enterpriseIds];
  return JSON.stringify([
    scope,
    Object.entries(filters)
      .filter(([, v]) => v !== undefined && v !== "")
      .sort(),
  ]);
}

export async function listTickets(actor: SignedIn, f: QueueFilter, page: number, now = new Date()) {
  const db = await getDb();
  const q = queueQueries(db, actor, f, page, now);
  const result = await listPage({
    page,
    pageSize: QUEUE_PAGE_SIZE,
    rows: () => q.rows,
    count: async () => (await q.total)[0].n,
    counts: queueCounts,
    countKey: countKey(actor, f),
  });
  return { ...result, rows: result.rows.map((r) => ({ ...r, overdue: isOverdue(r, now) })) };
}

export function isOverdue(t: { dueAt: Date | null }, now = new Date()): boolean {
  return t.dueAt !== null && t.dueAt.getTime() < now.getTime();
}

export const EXPORT_LIMIT = 20_000;

export async function exportTickets(actor: SignedIn, f: QueueFilter, now = new Date()) {
  const db = await getDb();
  const rows = await db
    .select({ ...queueColumns, enterpriseId: tickets.enterpriseId, answeredAt: tickets.answeredAt, resolvedAt: tickets.resolvedAt, rating: tickets.rating })
    .from(tickets)
    .innerJoin(enterprises, eq(enterprises.id, tickets.enterpriseId))
    .leftJoin(departments, eq(departments.id, tickets.departmentId))
    .leftJoin(users, eq(users.id, tickets.handlerId))
    .where(and(...queueConditions(actor, f, now)))
    .orderBy(...orderOfQueue(f))
    .limit(EXPORT_LIMIT);
  return rows.map((r) => ({ ...r, overdue: isOverdue(r, now) }));
}

/**
 * Which timeline events an actor reads: staff all; the enterprise the public ones; a department
 * the public ones and the internal ones of its own exchange (its notes, its returns, staff's notes
 * addressed to it), never another department's.
 */
function visibleEvents(actor: SignedIn): SQL | undefined {
  if (isStaff(actor)) return undefined;
  if (actor.role === "department" && actor.departmentId) return or(eq(ticketEvents.internal, false), eq(ticketEvents.departmentId, actor.departmentId));
  return eq(ticketEvents.internal, false);
}

/** One problem as the actor may see it, or null (outside the scope: not found). */
export async function getTicket(actor: SignedIn, id: number) {
  const db = await getDb();
  const ticket = await loadScoped(db, actor, id);
  if (!ticket) return null;
  const [enterprise] = await db.select({ id: enterprises.id, name: enterprises.name }).from(enterprises).where(eq(enterprises.id, ticket.enterpriseId));
  const [department] = ticket.departmentId ? await db.select().from(departments).where(eq(departments.id, ticket.departmentId)) : [];
  const [handler] = ticket.handlerId ? await db.select({ displayName: users.displayName }).from(users).where(eq(users.id, ticket.handlerId)) : [];
  const events = await db
    .select()
    .from(ticketEvents)
    .where(and(eq(ticketEvents.ticketId, id), visibleEvents(actor)))
    .orderBy(asc(ticketEvents.at), asc(ticketEvents.id));
  const attachments = (await filesOf({ ownerKind: TICKET_FILE_OWNER, ownerId: id })).map((f) => ({
    id: f.id,
    originalName: f.originalName,
    size: f.size,
    contentType: f.contentType,
  }));
  const { searchText: _s, ...rest } = ticket;
  return {
    ticket: { ...rest, overdue: isOverdue(ticket) },
    enterprise,
    department: department ?? null,
    handlerName: handler?.displayName ?? null,
    events,
    attachments,
  };
}

/** A problem's file (a row of `files`) if the actor may see the problem; null otherwise. */
export async function getAttachment(actor: SignedIn, ticketId: number, attachmentId: string) {
  const db = await getDb();
  const ticket = await loadScoped(db, actor, ticketId);
  if (!ticket) return null;
  return findFile(attachmentId, { ownerKind: TICKET_FILE_OWNER, ownerId: ticketId });
}

export async function ticketFormOptions(actor: SignedIn, withEnterprises = true) {
  const db = await getDb();
  const depts = await db.select().from(departments).orderBy(asc(departments.id));
  const staffList = isStaff(actor)
    ? await db
        .select({ id: users.id, displayName: users.displayName })
        .from(users)
        .where(and(inArray(users.role, ["staff", "admin"]), isNull(users.disabledAt)))
        .orderBy(asc(users.displayName))
    : [];
  const enterpriseList = !withEnterprises
    ? []
    : isStaff(actor)
      ? await db.select({ id: enterprises.id, name: enterprises.name }).from(enterprises).orderBy(asc(enterprises.name))
      : actor.enterpriseIds.length
        ? await db
            .select({ id: enterprises.id, name: enterprises.name })
            .from(enterprises)
            .where(inArray(enterprises.id, actor.enterpriseIds))
            .orderBy(asc(enterprises.name))
        : [];
  const assocs = isStaff(actor)
    ? await db.select({ id: associations.id, nameZh: associations.nameZh, nameEn: associations.nameEn }).from(associations).orderBy(asc(associations.id))
    : [];
  return { departments: depts, staff: staffList, enterprises: enterpriseList, associations: assocs };
}

/**
 * The staff queue's filter lists (departments, staff, associations), read on every queue view:
 * cached for a minute, cleared when a department is added here; a new staff user shows in the
 * handler filter within QUEUE_OPTIONS_TTL_MS.
 */
export const QUEUE_OPTIONS_TTL_MS = 60_000;
const queueOptions = createCache<Awaited<ReturnType<typeof ticketFormOptions>>>({
  ttlMs: QUEUE_OPTIONS_TTL_MS,
  maxEntries: 4,
  staleWhileRevalidate: true,
  name: "tickets:queue-options",
});

export function queueFilterOptions(actor: SignedIn) {
  return queueOptions.get(isStaff(actor) ? "staff" : "other", () => ticketFormOptions(actor, false));
}

export function forgetQueueFilterOptions(): void {
  queueOptions.clear();
}

/** Escalated referrals still open: the staff lead's coordination list. */
export async function listEscalations(limit = 10) {
  const db = await getDb();
  return db
    .select({
      id: tickets.id,
      title: tickets.title,
      dueAt: tickets.dueAt,
      escalatedAt: tickets.escalatedAt,
      departmentZh: departments.nameZh,
      departmentEn: departments.nameEn,
    })
    .from(tickets)
    .leftJoin(departments, eq(departments.id, tickets.departmentId))
    .where(and(eq(tickets.status, "referred"), isNotNull(tickets.escalatedAt)))
    .orderBy(asc(tickets.dueAt))
    .limit(limit);
}
