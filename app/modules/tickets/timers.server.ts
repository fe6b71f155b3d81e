/**
 * The problems' clocks on the server's scheduler: runTicketTimers (a problem resolved 7 days ago
 * closes itself, an overdue referral escalates) once when the server starts, then every minute.
 * Started and stopped by app/server.js, like the membership sweeps.
 */
import { schedule } from "../../lib/scheduler.server";
import { runTicketTimers } from "./tickets.server";

export type TicketTimerOptions = {
  /** Default: one minute. */
  intervalMs?: number;
  /** The clock handed to runTicketTimers (default: the time of each run). */
  now?: () => Date;
  log?: Pick<Console, "log" | "error">;
};

/**
 * Runs the clocks now and then every `intervalMs` on the shared scheduler (app/lib/scheduler.server.ts):
 * a failed run is logged and the next one tries again (runTicketTimers is idempotent); a run
 * still going when the next is due is not doubled. Returns the stop function: it clears the
 * timer and waits for a run in progress, so the database can be closed after it. Until stopped,
 * the timer keeps the process alive.
 */
export function startTicketTimers(options: TicketTimerOptions = {}): () => Promise<void> {
  const { intervalMs = 60_000, now = () => new Date(), log = console } = options;
  const job = schedule({
    name: "Ticket timers",
    // One server runs each period when there are several (app/lib/scheduler.server.ts).
    oncePerPeriod: true,
    intervalMs,
    run: () => runTicketTimers(now()),
    describe: (r) => (r.autoClosed || r.escalated ? `${r.autoClosed} closed themselves, ${r.escalated} referrals escalated` : null),
    unref: false,
    log,
  });
  return () => job.stop();
}
