import { loggableError } from "./log.server";

/**
 * One scheduler for the server's background jobs (membership sweeps, problems' clocks, mail
 * delivery, and the jobs of the areas to come). A job runs once at start (unless told not to),
 * then every `intervalMs`:
 *
 * - never twice at once: a run still going when the next is due is skipped, not doubled;
 * - a failed run is logged (`log.error`) and the next one tries again: jobs must be idempotent;
 * - `stop()` clears the timer and resolves once a run in progress has finished, so the database
 *   can be closed after it (app/server.js awaits every stop before closeDb);
 * - `runNow()` runs it at once (or joins the run in progress), for tests and admin buttons.
 *
 * Several machines: a job marked `oncePerPeriod` runs once per period (floor(now / intervalMs))
 * across all servers once app/server.js has set the run ledger (`setRunLedger`, table
 * scheduled_runs, app/lib/job-runs.server.ts): each server then checks every minute (or every
 * interval or lease if shorter), claims the period in the database, and only the claimant runs it. A
 * run that failed or whose server died is claimed again after the lease (10 minutes, JOB_LEASE_SECONDS). Without a ledger (unit
 * tests, scripts) the job simply runs every interval. `shouldRun` is asked before every run too.
 *
 * @example
 *   const job = schedule({ name: "disputes deadlines", intervalMs: 60_000, run: () => runDisputeClocks() });
 *   ...
 *   await job.stop();
 */
export type Logger = Pick<Console, "log" | "error">;

export type JobOptions<R = unknown> = {
  /** Shown in log lines. */
  name: string;
  intervalMs: number;
  run: () => Promise<R>;
  /** Default true: run once right away, then every interval. */
  runAtStart?: boolean;
  /** A line to log after a successful run (null: log nothing). */
  describe?: (result: R) => string | null;
  /** Asked before every run: false skips it. */
  shouldRun?: () => boolean | Promise<boolean>;
  /** Once per period whatever the number of servers, when a run ledger is set (see above). */
  oncePerPeriod?: boolean;
  /** Default true: the timer does not keep the process alive by itself. */
  unref?: boolean;
  log?: Logger;
};

export type Job = {
  readonly name: string;
  /** Runs now, or returns the run in progress. Resolves when it has finished (errors logged). */
  runNow(): Promise<void>;
  /** Stops the timer and waits for a run in progress. Idempotent. */
  stop(): Promise<void>;
  readonly running: boolean;
};

/** Who runs which period: claim before running, finish after (app/lib/job-runs.server.ts). */
export type RunLedger = {
  claim(job: string, period: number, leaseMs: number): Promise<boolean>;
  finish(job: string, period: number): Promise<void>;
};

/** A claimed run not finished after this long is another server's to take (its server died or it failed). */
export const RUN_LEASE_MS = 10 * 60_000;
/** How often a server asks for the current period of an `oncePerPeriod` job. */
export const LEDGER_CHECK_MS = 60_000;

let runLedger: RunLedger | null = null;
let runLeaseMs = RUN_LEASE_MS;

/**
 * Set by app/server.js before it starts the jobs; null turns leadership off (every run local).
 * `leaseMs`: how long a claimed, unfinished run stays its claimant's (JOB_LEASE_SECONDS).
 */
export function setRunLedger(ledger: RunLedger | null, leaseMs = RUN_LEASE_MS): void {
  runLedger = ledger;
  runLeaseMs = leaseMs;
}

export function schedule<R>(options: JobOptions<R>): Job {
  const { name, intervalMs, run, runAtStart = true, describe, shouldRun, oncePerPeriod = false, unref = true, log = console } = options;
  const ledger = oncePerPeriod ? runLedger : null;
  const leaseMs = runLeaseMs;
  let current: Promise<void> | null = null;
  let stopped = false;
  /** The last period this server ran to the end (no need to ask the database again). */
  let finishedPeriod = -1;

  const runOnce = (period: number | null = null): Promise<void> => {
    if (current) return current;
    if (stopped) return Promise.resolve();
    current = (async () => {
      try {
        if (shouldRun && !(await shouldRun())) return;
        if (ledger && period !== null && !(await ledger.claim(name, period, leaseMs))) return;
        const result = await run();
        if (ledger && period !== null) {
          await ledger.finish(name, period);
          finishedPeriod = period;
        }
        const line = describe?.(result);
        if (line) log.log(`${name}: ${line}`);
      } catch (error) {
        // Without a failed query's parameters (app/lib/log.server.ts).
        log.error(`${name} failed: ${loggableError(error)}`);
      }
    })().finally(() => {
      current = null;
    });
    return current;
  };

  const tick = (): Promise<void> => {
    if (!ledger) return runOnce();
    const period = Math.floor(Date.now() / intervalMs);
    return period === finishedPeriod ? Promise.resolve() : runOnce(period);
  };

  if (runAtStart) void tick();
  // Asking less often than the lease would leave a dead server's period untaken for longer than it.
  const timer = setInterval(() => void tick(), ledger ? Math.min(intervalMs, LEDGER_CHECK_MS, leaseMs) : intervalMs);
  if (unref) timer.unref?.();

  return {
    name,
    runNow: () => runOnce(),
    async stop() {
      stopped = true;
      clearInterval(timer);
      await current;
    },
    get running() {
      return current !== null;
    },
  };
}

/** Stops every job and waits for all runs in progress. */
export async function stopAll(jobs: readonly Job[]): Promise<void> {
  await Promise.all(jobs.map((j) => j.stop()));
}
