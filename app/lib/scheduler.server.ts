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
 * Leadership: with several machines each job must run on one of them only. `shouldRun` is asked
 * before every run; today it is always true (app/server.js starts the jobs in one web process of
 * one machine). A PostgreSQL advisory lock (`pg_try_advisory_lock`) can be plugged in there
 * without changing any job.
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
  /** Asked before every run: false skips it (leadership hook). */
  shouldRun?: () => boolean | Promise<boolean>;
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

export function schedule<R>(options: JobOptions<R>): Job {
  const { name, intervalMs, run, runAtStart = true, describe, shouldRun, unref = true, log = console } = options;
  let current: Promise<void> | null = null;
  let stopped = false;

  const runOnce = (): Promise<void> => {
    if (current) return current;
    if (stopped) return Promise.resolve();
    current = (async () => {
      try {
        if (shouldRun && !(await shouldRun())) return;
        const result = await run();
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

  if (runAtStart) void runOnce();
  const timer = setInterval(() => void runOnce(), intervalMs);
  if (unref) timer.unref?.();

  return {
    name,
    runNow: runOnce,
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
