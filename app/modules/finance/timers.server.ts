/**
 * The finance clocks (needs unclaimed or unanswered in 3 working days, loans not contacted 30 days
 * before maturity) flagged to the liaisons: once at start, then every 5 minutes. Started and stopped
 * by app/server.js; runFinanceTimers is idempotent, a run still going is not doubled.
 * (To move onto the shared scheduler when it lands.)
 */
import { runFinanceTimers } from "./finance.server";

export function startFinanceTimers(options: { intervalMs?: number; log?: Pick<Console, "log" | "error"> } = {}): () => Promise<void> {
  const { intervalMs = 5 * 60_000, log = console } = options;
  let running: Promise<void> | null = null;
  let stopped = false;
  const run = () => {
    if (stopped || running) return;
    running = runFinanceTimers(new Date())
      .then(
        (r) => {
          if (r.needsFlagged || r.loansFlagged) log.log(`Finance clocks: ${r.needsFlagged} needs and ${r.loansFlagged} loans flagged to the liaisons`);
        },
        (error: unknown) => log.error(`Finance clocks failed: ${error instanceof Error ? error.message : String(error)}`),
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
