// Issue 18: the staff queue opens on what needs action (tabs with counts, "mine"), closed problems
// last; accept and refer in one step; an escalated problem chased or reassigned from the queue.
import { and, count, eq, getTableColumns, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client.server";
import { auditEvents, notifications } from "../../db/schema/accounts";
import { tickets } from "../../db/schema/tickets";
import { seedDemo } from "../../db/seed/demo.server";
import { loadActor } from "../../app/lib/auth.server";
import { withQueueDefaults } from "../../app/modules/tickets/forms";
import {
  acceptAndReferTicket,
  acceptTicket,
  chaseReferral,
  getTicket,
  listTickets,
  QUEUE_PAGE_SIZE,
  queueQueries,
  queueTabCounts,
  reassignTicket,
  referTicket,
  resolveTicket,
  runTicketTimers,
  submitTicket,
} from "../../app/modules/tickets/tickets.server";
import type { Actor } from "../../app/lib/permissions";

type A = NonNullable<Actor>;
type PlanNode = { "Node Type": string; "Relation Name"?: string; "Actual Rows": number; "Actual Loops": number; Plans?: PlanNode[] };

/** The scans of the tickets table that ran: rows returned per loop (the page's lookups by id read one each) and loops. */
function scansOfTickets(node: PlanNode): { rows: number; loops: number }[] {
  const own =
    node["Relation Name"] === "tickets" && /Scan/.test(node["Node Type"]) && node["Actual Loops"] > 0
      ? [{ rows: node["Actual Rows"], loops: node["Actual Loops"] }]
      : [];
  return [...own, ...(node.Plans ?? []).flatMap(scansOfTickets)];
}
let staff: A, admin: A, member: A, taxDept: A;
const sh = (local: string) => new Date(`${local}+08:00`);

async function newTicket(title: string, at = new Date()) {
  const r = await submitTicket(
    member,
    { enterpriseId: member.enterpriseIds[0], category: "tax", title, description: "工作队列测试。", urgency: "urgent", visitId: null },
    [],
    { now: at },
  );
  if (!r.ok) throw new Error(r.error.code);
  return r.value.id;
}

/** The counts straight from the table, for the same scope and handler as the queue's "mine". */
async function countWhere(where: ReturnType<typeof sql>) {
  const db = await getDb();
  const [row] = await db
    .select({ n: count() })
    .from(tickets)
    .where(and(sql`(${tickets.handlerId} = ${staff.userId} or ${tickets.handlerId} is null)`, where));
  return row.n;
}

describe("the staff work queue", () => {
  beforeAll(async () => {
    const db = await getDb();
    await db.transaction((tx) => seedDemo(tx, 2026));
    staff = (await loadActor("demo-staff"))!;
    admin = (await loadActor("demo-admin"))!;
    member = (await loadActor("demo-member"))!;
    taxDept = (await loadActor("demo-dept"))!;
  });

  it("opens on the problems to accept, mine and unassigned; other filters search every tab; members keep their scope", () => {
    expect(withQueueDefaults({}, true)).toMatchObject({ tab: "accept", handler: "mine" });
    expect(withQueueDefaults({ handler: "all" }, true)).toMatchObject({ tab: "accept", handler: "all" });
    expect(withQueueDefaults({ q: "原料" }, true)).toMatchObject({ tab: "all", handler: "mine" });
    expect(withQueueDefaults({ tab: "escalated", sort: "due" }, true)).toMatchObject({ tab: "escalated" });
    expect(withQueueDefaults({ handler: "mine", tab: "accept" }, false)).toMatchObject({ tab: undefined, handler: undefined });
  });

  it("counts every tab from the rows, and each tab lists what its count says", async () => {
    const now = new Date();
    const counts = await queueTabCounts(staff, { handler: "mine" }, now);
    expect(counts.accept).toBe(await countWhere(sql`${tickets.status} = 'submitted'`));
    expect(counts.refer).toBe(await countWhere(sql`${tickets.status} = 'accepted'`));
    expect(counts.overdue).toBe(await countWhere(sql`${tickets.dueAt} < ${now.toISOString()}::timestamptz`));
    expect(counts.escalated).toBe(await countWhere(sql`${tickets.status} = 'referred' and ${tickets.escalatedAt} is not null`));
    expect(counts.all).toBe(await countWhere(sql`true`));
    for (const tab of ["accept", "refer", "escalated", "all"] as const) {
      expect((await listTickets(staff, { handler: "mine", tab }, 1, now)).total).toBe(counts[tab]);
    }
    // Everyone's is at least mine; a new problem is counted at once (the kept counts are cleared).
    const everyone = await queueTabCounts(staff, { handler: "all" }, now);
    expect(everyone.all).toBeGreaterThanOrEqual(counts.all);
    await newTicket("计数即时更新");
    expect((await queueTabCounts(staff, { handler: "mine" })).accept).toBe(counts.accept + 1);
  });

  it("lists closed problems after every open one, whatever the sort", async () => {
    for (const sort of ["created", "due", "status"] as const) {
      const { rows } = await listTickets(staff, { handler: "all", tab: "all", sort }, 1);
      const all = [...rows];
      for (let p = 2; all.length < 200; p++) {
        const next = await listTickets(staff, { handler: "all", tab: "all", sort }, p);
        if (!next.rows.length) break;
        all.push(...next.rows);
      }
      const finished = all.map((r) => ["resolved", "closed", "rejected"].includes(r.status));
      const firstFinished = finished.indexOf(true);
      expect(firstFinished).toBeGreaterThan(0);
      expect(finished.slice(firstFinished).every(Boolean)).toBe(true);
    }
  });

  it("accepts and refers in one step, or not at all", async () => {
    const db = await getDb();
    const id = await newTicket("受理并转办");
    const bad = await acceptAndReferTicket(staff, id, { category: "tax", priority: "normal", handlerId: staff.userId, departmentId: 2_000_000_000 });
    expect(bad).toMatchObject({ ok: false, error: { code: "tickets:errors.department" } });
    // The referral was refused, so the accept was rolled back with it.
    expect((await getTicket(staff, id))!.ticket.status).toBe("submitted");
    const r = await acceptAndReferTicket(staff, id, { category: "tax", priority: "high", handlerId: staff.userId, departmentId: taxDept.departmentId! });
    expect(r.ok && r.value).toMatchObject({ status: "referred", departmentId: taxDept.departmentId, handlerId: staff.userId, priority: "high" });
    const actions = (
      await db
        .select({ action: auditEvents.action })
        .from(auditEvents)
        .where(and(eq(auditEvents.entityType, "ticket"), eq(auditEvents.entityId, String(id))))
    ).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["ticket.accept", "ticket.refer"]));
    expect((await getTicket(taxDept, id))?.ticket.id).toBe(id);
  });

  it("chases an escalated referral (the department is reminded, audited) and reassigns it to another handler", async () => {
    const db = await getDb();
    const id = await newTicket("督办催办", sh("2026-11-16T09:00:00"));
    await acceptTicket(staff, id, { category: "tax", priority: "high", handlerId: staff.userId }, { now: sh("2026-11-16T10:00:00") });
    await referTicket(staff, id, { departmentId: taxDept.departmentId! }, { now: sh("2026-11-16T11:00:00") });
    // Not escalated yet: nothing to chase.
    expect(await chaseReferral(staff, id, { now: sh("2026-11-17T09:00:00") })).toMatchObject({ ok: false, error: { code: "tickets:errors.notEscalated" } });
    await runTicketTimers(sh("2026-11-20T09:00:00"));
    expect((await listTickets(staff, { handler: "mine", tab: "escalated", q: "督办催办" }, 1)).rows.map((r) => r.id)).toEqual([id]);

    const reminders = () =>
      db
        .select({ n: count() })
        .from(notifications)
        .where(and(eq(notifications.userId, taxDept.userId), eq(notifications.messageKey, "tickets:notify.chased")));
    const [before] = await reminders();
    expect((await chaseReferral(staff, id)).ok).toBe(true);
    const [after] = await reminders();
    expect(after.n - before.n).toBe(1);
    const [audit] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "ticket.chase"), eq(auditEvents.entityId, String(id))));
    expect(audit).toBeDefined();
    // Only staff: a member or the department cannot chase (outside their ability, or not found).
    expect((await chaseReferral(member, id)).ok).toBe(false);
    expect((await reassignTicket(taxDept, id, { handlerId: admin.userId })).ok).toBe(false);

    expect(await reassignTicket(staff, id, { handlerId: "demo-member" })).toMatchObject({ ok: false, error: { code: "tickets:errors.handler" } });
    expect(await reassignTicket(staff, id, { handlerId: staff.userId })).toMatchObject({ ok: false, error: { code: "tickets:errors.sameHandler" } });
    const moved = await reassignTicket(staff, id, { handlerId: admin.userId });
    expect(moved.ok && moved.value.handlerId).toBe(admin.userId);
    expect(
      (
        await db
          .select()
          .from(auditEvents)
          .where(and(eq(auditEvents.action, "ticket.reassign"), eq(auditEvents.entityId, String(id))))
      ).length,
    ).toBe(1);
    const [told] = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, admin.userId), eq(notifications.messageKey, "tickets:notify.reassigned")));
    expect(told).toBeDefined();
    // No longer mine: it leaves my escalated tab and shows in everyone's.
    expect((await listTickets(staff, { handler: "mine", tab: "escalated", q: "督办催办" }, 1)).rows).toHaveLength(0);
    expect((await listTickets(staff, { handler: "all", tab: "escalated", q: "督办催办" }, 1)).rows.map((r) => r.id)).toEqual([id]);
    const events = (await getTicket(staff, id))!.events.map((e) => e.kind);
    expect(events).toEqual(expect.arrayContaining(["chased", "reassigned"]));
    // A finished problem is not reassigned.
    const done = await newTicket("已办结");
    await acceptTicket(staff, done, { category: "tax", priority: "normal", handlerId: staff.userId });
    await resolveTicket(staff, done, "已解决");
    expect((await reassignTicket(staff, done, { handlerId: admin.userId })).ok).toBe(false);
  });
  it("reads one page of the queue from its index, not every problem (closed last without a sort of the whole table)", async () => {
    const db = await getDb();
    // A queue of some size (copies of the demo's problems, a day apart), so the planner prefers an
    // index walk to reading one status's rows and sorting them, as it does on a real queue.
    const { id: _id, ...copied } = getTableColumns(tickets);
    const names = sql.join(
      Object.values(copied).map((c) => sql.identifier(c.name)),
      sql`, `,
    );
    const shifted = sql.join(
      Object.values(copied).map((c) => (c.name === "created_at" ? sql`created_at - g * interval '1 day'` : sql.identifier(c.name))),
      sql`, `,
    );
    await db.execute(sql`insert into tickets (${names}) select ${shifted} from tickets cross join generate_series(1, 40) g`);
    await db.execute(sql`analyze tickets`);
    const [{ n }] = await db.select({ n: count() }).from(tickets);
    expect(n).toBeGreaterThan(40 * QUEUE_PAGE_SIZE);
    for (const [filter, page] of [
      [{ handler: "all", tab: "all" }, 1],
      [{ handler: "all", tab: "all", dir: "asc" }, 2],
      [{ handler: "all", tab: "accept" }, 1],
    ] as const) {
      const q = queueQueries(db, staff, filter, page);
      // With sequential and bitmap scans off, a plan that can walk an index in the queue's order reads
      // only the rows up to its page; one that cannot reads every row and sorts them.
      const rowsRead = await db.transaction(async (tx) => {
        await tx.execute(sql`set local enable_seqscan = off`);
        await tx.execute(sql`set local enable_bitmapscan = off`);
        const result = (await tx.execute(sql`explain (analyze, format json) ${q.rows}`)) as unknown as { rows?: Record<string, unknown>[] } & Record<
          string,
          unknown
        >[];
        const [row] = result.rows ?? result;
        const plan = Object.values(row)[0];
        const [{ Plan: root }] = (typeof plan === "string" ? JSON.parse(plan) : plan) as { Plan: PlanNode }[];
        return scansOfTickets(root);
      });
      expect(rowsRead.length).toBeGreaterThan(0);
      for (const read of rowsRead) expect(read.rows).toBeLessThanOrEqual(page * QUEUE_PAGE_SIZE);
      // Open problems fill these pages: the finished ones are not read at all (a walk for finished
      // problems that match nothing, e.g. on the overdue tab, would go through the whole index).
      expect(rowsRead.filter((r) => r.loops === 1)).toHaveLength(1);
    }
  });
});
