/**
 * The finance clocks (needs unclaimed or unanswered in 3 working days, loans not contacted 30 days
 * before maturity) flagged to the liaisons: once at start, then every 5 minutes, on the shared
 * scheduler (app/lib/scheduler.server.ts: a run still going is not doubled, a failed run is logged
 * and the next one tries again; runFinanceTimers is idempotent). Started and stopped by app/server.js.
 */
import { schedule } from "../../lib/scheduler.server";
import { runFinanceTimers } from "./finance.server";

/** Returns the stop function: it clears the timer and waits for a run in progress. */
export function startFinanceTimers(options: { intervalMs?: number; log?: Pick<Console, "log" | "error"> } = {}): () => Promise<void> {
  const { intervalMs = 5 * 60_000, log = console } = options;
  const job = schedule({
    name: "Finance clocks",
    // One server runs each period when there are several (app/lib/scheduler.server.ts).
    oncePerPeriod: true,
    intervalMs,
    run: () => runFinanceTimers(new Date()),
    describe: (r) => (r.needsFlagged || r.loansFlagged ? `${r.needsFlagged} needs and ${r.loansFlagged} loans flagged to the liaisons` : null),
    unref: false,
    log,
  });
  return () => job.stop();
}
