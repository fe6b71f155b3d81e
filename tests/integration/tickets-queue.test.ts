import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client.server";
import { seedDemo } from "../../db/seed/demo.server";
import { loadActor } from "../../app/lib/auth.server";
import type { Actor } from "../../app/lib/permissions";
import { COUNT_CAP, listTickets, QUEUE_PAGE_SIZE, rowsOf, submitTicket } from "../../app/modules/tickets/tickets.server";

type A = NonNullable<Actor>;
let staff: A, member: A;
const BULK = COUNT_CAP + 60;

describe("the staff queue over more problems than it counts", () => {
  beforeAll(async () => {
    const db = await getDb();
    await db.transaction((tx) => seedDemo(tx, 2026));
    staff = (await loadActor("demo-staff"))!;
    member = (await loadActor("demo-member"))!;
    // Problems of another enterprise than the member's, one minute apart; every 50th is urgent and
    // every 7th has a deadline, so filters and sorts have something to tell apart.
    await db.execute(sql`
      insert into tickets (kind, enterprise_id, category, title, description, urgency, priority, source, status, created_by, created_at, accept_due_at, due_at, search_text, updated_at)
      select 'problem', (select min(id) from enterprises where id <> ${member.enterpriseIds[0]}), 'tax', '批量诉求 ' || i, '用于分页的诉求', case when i % 50 = 0 then 'urgent' else 'normal' end,
        'normal', 'online', 'submitted', 'demo-staff', timestamptz '2026-01-01 00:00+08' + i * interval '1 minute', timestamptz '2026-01-02 00:00+08' + i * interval '1 minute',
        case when i % 7 = 0 then timestamptz '2026-12-01 00:00+08' - i * interval '1 minute' end, to_tsvector('simple', '批量'), now()
      from generate_series(1, ${BULK}) as i`);
  });

  it("counts up to the cap and says so, and the page is the newest problems with their names", async () => {
    const first = await listTickets(staff, {}, 1);
    expect(first.total).toBe(COUNT_CAP);
    expect(first.capped).toBe(true);
    expect(first.rows).toHaveLength(QUEUE_PAGE_SIZE);
    const times = first.rows.map((r) => r.createdAt.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(first.rows.every((r) => r.enterpriseName.length > 0)).toBe(true);
    const second = await listTickets(staff, {}, 2);
    expect(second.rows[0].createdAt.getTime()).toBeLessThanOrEqual(times.at(-1)!);
    expect(new Set([...first.rows, ...second.rows].map((r) => r.id)).size).toBe(2 * QUEUE_PAGE_SIZE);
  });

  it("counts exactly below the cap", async () => {
    const urgent = await listTickets(staff, { urgency: "urgent", q: "批量" }, 1);
    expect(urgent.capped).toBe(false);
    expect(urgent.total).toBe(Math.floor(BULK / 50));
    expect(urgent.rows.every((r) => r.urgency === "urgent")).toBe(true);
  });

  it("sorts by deadline with the problems without one last", async () => {
    const { rows } = await listTickets(staff, { sort: "due", dir: "asc", q: "批量" }, 1);
    const dues = rows.map((r) => r.dueAt?.getTime() ?? Infinity);
    expect([...dues].sort((a, b) => a - b)).toEqual(dues);
    expect(dues[0]).toBeLessThan(Infinity);
  });

  it("counts a problem submitted through the module at once (the kept count is cleared)", async () => {
    const before = await listTickets(member, {}, 1);
    const r = await submitTicket(member, {
      enterpriseId: member.enterpriseIds[0],
      category: "tax",
      title: "新的诉求计数",
      description: "提交后计数应立即更新。",
      urgency: "normal",
      visitId: null,
    });
    expect(r.ok).toBe(true);
    expect((await listTickets(member, {}, 1)).total).toBe(before.total + 1);
  });

  it("shows a member none of another enterprise's problems, and counts only its own", async () => {
    const mine = await listTickets(member, {}, 1);
    expect(mine.capped).toBe(false);
    expect(mine.rows.some((r) => r.title.startsWith("批量诉求"))).toBe(false);
    const db = await getDb();
    const ids = sql.join(
      member.enterpriseIds.map((id) => sql`${id}`),
      sql`, `,
    );
    const [{ n }] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from tickets where enterprise_id in (${ids})`));
    expect(mine.total).toBe(n);
  });
});
