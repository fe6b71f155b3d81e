/**
 * The disputes' deadline reminders on the server's background jobs: runDisputeReminders once when
 * the server starts, then every 10 minutes, on the shared scheduler (app/lib/scheduler.server.ts:
 * a run still going is not doubled, a failed run is logged and the next one tries again; each
 * deadline is reminded once: the rows of dispute_reminders make a run idempotent). Started and
 * stopped by app/server.js in the process that runs the jobs.
 */
import { schedule } from "../../lib/scheduler.server";
import { runDisputeReminders } from "./disputes.server";

export type DisputeTimerOptions = { intervalMs?: number; now?: () => Date; log?: Pick<Console, "log" | "error"> };

/** Returns the stop function: it clears the timer and waits for a run in progress. */
export function startDisputeReminders(options: DisputeTimerOptions = {}): () => Promise<void> {
  const { intervalMs = 10 * 60_000, now = () => new Date(), log = console } = options;
  const job = schedule({
    name: "Dispute reminders",
    // One server runs each period when there are several (app/lib/scheduler.server.ts).
    oncePerPeriod: true,
    intervalMs,
    run: () => runDisputeReminders(now()),
    describe: (r) => (r.sent ? `${r.sent} sent` : null),
    unref: false,
    log,
  });
  return () => job.stop();
}
