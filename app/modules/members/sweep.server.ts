/**
 * The daily membership sweep: creates this year's dues for active memberships, lapses
 * memberships whose dues are 30 days overdue, and records renewal reminders (one per dues and
 * kind, enforced by a unique index, so a reminder is neither skipped nor doubled) with in-app
 * notices to the enterprise's users. Safe to run any number of times a day.
 */
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { getDb, type Executor } from "../../../db/client.server";
import { associations, dues, enterpriseUsers, memberships, renewalReminders } from "../../../db/schema/members";
import { appendAudit } from "../../lib/audit.server";
import { shanghaiToday } from "../../lib/format";
import type { Actor } from "../../lib/permissions";
import { notify, type Notice } from "../notifications/notifications.server";
import { applyStatus } from "./members.server";
import { remindersDue, shouldLapse, type ReminderKind } from "./membership-rules";
import { schedule } from "../../lib/scheduler.server";

export type SweepReport = { today: string; duesCreated: number; lapsed: number; reminders: Record<ReminderKind, number>; notices: number };

const messageOf: Record<ReminderKind, string> = {
  due_soon: "notifications.renewalDueSoon",
  overdue: "notifications.renewalOverdue",
  lapsed: "notifications.membershipLapsed",
};

async function createAnnualDues(tx: Executor, year: number, actor: Actor): Promise<number> {
  const created = await tx.execute(sql`
    insert into dues (membership_id, year, amount_fen, due_on)
    select m.id, ${year}, coalesce(r.amount_fen, 0), ${`${year}-03-31`}::date
    from memberships m
    left join dues_rates r on r.association_id = m.association_id and r.type = m.type
    where m.status = 'active'
      and not exists (select 1 from dues d where d.membership_id = m.id and d.year = ${year})
      and (m.joined_on is null or m.joined_on < ${`${year}-01-01`}::date)
    on conflict do nothing
    returning id`);
  const n = Array.isArray(created) ? created.length : ((created as { rows?: unknown[] }).rows?.length ?? 0);
  if (n > 0) await appendAudit(tx, { actor, action: "dues.create_annual", entityType: "dues", after: { year, created: n } });
  return n;
}

export async function runMembershipSweep(now: Date = new Date(), actor: Actor = null): Promise<SweepReport> {
  const today = shanghaiToday(now);
  const year = Number(today.slice(0, 4));
  const db = await getDb();
  return db.transaction(async (tx) => {
    const report: SweepReport = {
      today,
      duesCreated: await createAnnualDues(tx, year, actor),
      lapsed: 0,
      reminders: { due_soon: 0, overdue: 0, lapsed: 0 },
      notices: 0,
    };
    const open = await tx
      .select({ dues, membership: memberships, associationZh: associations.nameZh })
      .from(dues)
      .innerJoin(memberships, eq(memberships.id, dues.membershipId))
      .innerJoin(associations, eq(associations.id, memberships.associationId))
      .where(and(isNull(dues.paidOn), inArray(memberships.status, ["active", "lapsed"])))
      .orderBy(dues.dueOn, dues.id);
    if (open.length === 0) return report;
    const existing = await tx
      .select({ duesId: renewalReminders.duesId, kind: renewalReminders.kind })
      .from(renewalReminders)
      .where(
        inArray(
          renewalReminders.duesId,
          open.map((o) => o.dues.id),
        ),
      );
    const have = new Set(existing.map((r) => `${r.duesId}:${r.kind}`));
    const statusNow = new Map<number, (typeof memberships.$inferSelect)["status"]>();
    const notices: Notice[] = [];
    for (const { dues: d, membership: m, associationZh } of open) {
      let status = statusNow.get(m.id) ?? m.status;
      if (shouldLapse(status, d, today)) {
        // Locked and read again: a sweep running at the same time must not lapse it twice.
        const [locked] = await tx.select().from(memberships).where(eq(memberships.id, m.id)).for("update");
        if (locked.status === "active") {
          await applyStatus(tx, locked, "lapsed", "members:reasons.duesOverdue", actor, null);
          report.lapsed++;
        }
        status = locked.status === "active" ? "lapsed" : locked.status;
      }
      statusNow.set(m.id, status);
      const due = remindersDue(status, d, today);
      const missing = due.filter((kind) => !have.has(`${d.id}:${kind}`));
      if (missing.length === 0) continue;
      const latest = due[due.length - 1];
      const inserted = await tx
        .insert(renewalReminders)
        .values(missing.map((kind) => ({ duesId: d.id, kind, notified: kind === latest })))
        .onConflictDoNothing({ target: [renewalReminders.duesId, renewalReminders.kind] })
        .returning();
      for (const r of inserted) {
        report.reminders[r.kind]++;
        have.add(`${d.id}:${r.kind}`);
      }
      if (inserted.some((r) => r.kind === latest)) {
        const people = await tx.select({ userId: enterpriseUsers.userId }).from(enterpriseUsers).where(eq(enterpriseUsers.enterpriseId, m.enterpriseId));
        for (const p of people)
          notices.push({ userId: p.userId, messageKey: messageOf[latest], params: { association: associationZh, year: d.year, date: d.dueOn }, link: "/my" });
      }
      await appendAudit(tx, {
        actor,
        action: "renewal_reminder.record",
        entityType: "dues",
        entityId: d.id,
        after: { kinds: inserted.map((r) => r.kind), notified: latest },
      });
    }
    await notify(tx, notices);
    report.notices = notices.length;
    return report;
  });
}

/**
 * Runs the sweep now and then once a day on the shared scheduler (app/lib/scheduler.server.ts);
 * returns the stop function, which waits for a sweep in progress. Called from app/server.js.
 */
export function startMembershipSweeps(intervalMs = 24 * 3600 * 1000): () => Promise<void> {
  const job = schedule({
    name: "Membership sweep",
    // One server runs each period when there are several (app/lib/scheduler.server.ts).
    oncePerPeriod: true,
    intervalMs,
    run: () => runMembershipSweep(),
    describe: (r) => `${r.today} ${r.lapsed} lapsed, ${r.reminders.due_soon + r.reminders.overdue + r.reminders.lapsed} reminders recorded`,
  });
  return () => job.stop();
}
