// The problems' clocks on the server's scheduler (startTicketTimers, started by app/server.js).
// A file of its own: the runs here use a clock weeks ahead and sweep every problem in the database.
import { createHook } from "node:async_hooks";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client.server";
import { seedDemo } from "../../db/seed/demo.server";
import { loadActor } from "../../app/lib/auth.server";
import type { Actor } from "../../app/lib/permissions";
import { acceptTicket, getTicket, resolveTicket, submitTicket } from "../../app/modules/tickets/tickets.server";
import { startTicketTimers } from "../../app/modules/tickets/timers.server";

type A = NonNullable<Actor>;
let staff: A, member: A;
const DAY = 24 * 3600 * 1000;
const sh = (local: string) => new Date(`${local}+08:00`);
const resolvedAt = sh("2026-12-01T10:00:00");
/** A week and a day after the resolutions below: every run closes them. */
const clock = () => new Date(resolvedAt.getTime() + 8 * DAY);

async function resolvedTicket(title: string): Promise<number> {
  const r = await submitTicket(
    member,
    { enterpriseId: member.enterpriseIds[0], category: "policy", title, description: "政策咨询。", urgency: "normal", visitId: null },
    [],
    { now: sh("2026-11-30T09:00:00") },
  );
  if (!r.ok) throw new Error(r.error.code);
  await acceptTicket(staff, r.value.id, { category: "policy", priority: "normal", handlerId: staff.userId }, { now: sh("2026-11-30T10:00:00") });
  expect((await resolveTicket(staff, r.value.id, "已答复", { now: resolvedAt })).ok).toBe(true);
  return r.value.id;
}
const statusOf = async (id: number) => (await getTicket(staff, id))!.ticket.status;
async function until(check: () => Promise<boolean>, what: string, ms = 10_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
/**
 * Starts the clocks and follows the timers that the start created: `open()` counts those not yet
 * cleared (an interval left running would keep the server process from ending).
 */
function startFollowed(options: Parameters<typeof startTicketTimers>[0]) {
  const created = new Set<number>();
  let capturing = true;
  const hook = createHook({
    init: (id, type) => void (capturing && type === "Timeout" && created.add(id)),
    destroy: (id) => void created.delete(id),
  }).enable();
  const stop = startTicketTimers(options);
  capturing = false;
  return {
    stop,
    open: async () => {
      await new Promise((r) => setImmediate(r)); // destroy hooks run after the clearing call
      return created.size;
    },
    done: () => void hook.disable(),
  };
}
const quiet = () => {
  const lines: string[] = [];
  return { lines, log: { log: (m: string) => void lines.push(m), error: (m: string) => void lines.push(`ERROR ${m}`) } };
};

describe("the problems' clocks on the scheduler", () => {
  beforeAll(async () => {
    const db = await getDb();
    await db.transaction((tx) => seedDemo(tx, 2026));
    staff = (await loadActor("demo-staff"))!;
    member = (await loadActor("demo-member"))!;
  });

  it("runs once at start, and stopping waits for that run and leaves no timer behind", async () => {
    const id = await resolvedTicket("开机即运行");
    const { lines, log } = quiet();
    const timers = startFollowed({ now: clock, log }); // every minute: only the start's run happens here
    await timers.stop(); // at once: the start's run is still going, and has finished when stop returns
    expect(lines.some((l) => /^Ticket timers: [1-9]\d* closed themselves/.test(l))).toBe(true);
    expect(await statusOf(id)).toBe("closed");
    expect(await timers.open()).toBe(0);
    timers.done();
    expect(lines.filter((l) => l.startsWith("ERROR"))).toEqual([]);
  });

  it("runs again every interval until stopped, and is idempotent", async () => {
    const { lines, log } = quiet();
    const timers = startFollowed({ intervalMs: 30, now: clock, log });
    try {
      expect(await timers.open()).toBe(1);
      // A problem resolved after the start's run is closed by a later run.
      const later = await resolvedTicket("定时再运行");
      await until(async () => (await statusOf(later)) === "closed", "the next run");
      const events = (await getTicket(staff, later))!.events.filter((e) => e.kind === "auto_closed");
      await new Promise((r) => setTimeout(r, 150)); // several more runs
      expect((await getTicket(staff, later))!.events.filter((e) => e.kind === "auto_closed")).toHaveLength(events.length);
      expect(events).toHaveLength(1);
    } finally {
      await timers.stop();
    }
    expect(await timers.open()).toBe(0);
    timers.done();
    const afterStop = await resolvedTicket("停止后不运行");
    await new Promise((r) => setTimeout(r, 150));
    expect(await statusOf(afterStop)).toBe("resolved");
    expect(lines.filter((l) => l.startsWith("ERROR"))).toEqual([]);
  });

  it("logs a failed run instead of throwing, and tries again at the next interval", async () => {
    const { lines, log } = quiet();
    const timers = startFollowed({ intervalMs: 20, now: () => new Date(Number.NaN), log });
    try {
      await until(async () => lines.filter((l) => l.startsWith("ERROR Ticket timers failed")).length >= 2, "two failed runs");
    } finally {
      await timers.stop();
    }
    expect(await timers.open()).toBe(0);
    timers.done();
  });
});
