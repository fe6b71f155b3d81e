/**
 * The disputes' deadline reminders on the server's background jobs: runDisputeReminders once when
 * the server starts, then every 10 minutes (each deadline is reminded once: the rows of
 * dispute_reminders make a run idempotent). Started and stopped by app/server.js in the process
 * that runs the jobs. To move onto the shared scheduler (blocks-server) when it lands.
 */
import { runDisputeReminders } from "./disputes.server";

export type DisputeTimerOptions = { intervalMs?: number; now?: () => Date; log?: Pick<Console, "log" | "error"> };

/** Returns the stop function: it clears the timer and waits for a run in progress. */
export function startDisputeReminders(options: DisputeTimerOptions = {}): () => Promise<void> {
  const { intervalMs = 10 * 60_000, now = () => new Date(), log = console } = options;
  let running: Promise<void> | null = null;
  let stopped = false;
  const run = () => {
    if (stopped || running) return;
    running = runDisputeReminders(now())
      .then(
        (r) => void (r.sent && log.log(`Dispute reminders: ${r.sent} sent`)),
        (error: unknown) => log.error(`Dispute reminders failed: ${error instanceof Error ? error.message : String(error)}`),
      )
      .finally(() => {
        running = null;
      });
  };
  run();
  const timer = setInterval(run, intervalMs);
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
