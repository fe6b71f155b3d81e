import { afterEach, describe, expect, it, vi } from "vitest";
import { schedule, setRunLedger, type RunLedger } from "../../app/lib/scheduler.server";

const quietLog = () => ({ log: vi.fn(), error: vi.fn() });
const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

describe("the scheduler", () => {
  it("runs at start and every interval, never two runs at once", async () => {
    let active = 0;
    let most = 0;
    let runs = 0;
    const log = quietLog();
    const job = schedule({
      name: "test",
      intervalMs: 5,
      log,
      run: async () => {
        runs++;
        active++;
        most = Math.max(most, active);
        await tick(30);
        active--;
        return runs;
      },
      describe: (n) => `run ${n}`,
    });
    await tick(100);
    await job.stop();
    expect(runs).toBeGreaterThanOrEqual(2);
    expect(most).toBe(1);
    expect(log.log).toHaveBeenCalledWith("test: run 1");
  });

  it("logs a failed run and tries again at the next interval", async () => {
    const log = quietLog();
    let calls = 0;
    const job = schedule({
      name: "flaky",
      intervalMs: 10,
      log,
      run: async () => {
        calls++;
        if (calls === 1) throw new Error("database away");
        return calls;
      },
    });
    await tick(60);
    await job.stop();
    expect(log.error).toHaveBeenCalledWith(expect.stringMatching(/^flaky failed: Error: database away\n/));
    expect(calls).toBeGreaterThanOrEqual(2);
  });

  it("stop waits for the run in progress and nothing runs after it", async () => {
    let finished = false;
    let calls = 0;
    const job = schedule({
      name: "slow",
      intervalMs: 10,
      log: quietLog(),
      run: async () => {
        calls++;
        await tick(50);
        finished = true;
      },
    });
    await tick(5);
    expect(job.running).toBe(true);
    await job.stop();
    expect(finished).toBe(true);
    const after = calls;
    await tick(40);
    expect(calls).toBe(after);
    await job.runNow();
    expect(calls).toBe(after);
  });

  it("asks shouldRun before every run (the leadership hook)", async () => {
    const run = vi.fn(async () => 1);
    const job = schedule({ name: "follower", intervalMs: 5, runAtStart: true, shouldRun: () => false, run, log: quietLog() });
    await tick(30);
    await job.stop();
    expect(run).not.toHaveBeenCalled();
  });

  it("runNow joins a run in progress instead of starting another", async () => {
    let calls = 0;
    const job = schedule({
      name: "join",
      intervalMs: 60_000,
      runAtStart: false,
      log: quietLog(),
      run: async () => {
        calls++;
        await tick(20);
      },
    });
    await Promise.all([job.runNow(), job.runNow(), job.runNow()]);
    await job.stop();
    expect(calls).toBe(1);
  });
});

describe("the scheduler with a run ledger (several servers)", () => {
  /** An in-memory ledger shared by the "servers" of a test, as the scheduled_runs table is. */
  function sharedLedger() {
    const claims = new Map<string, { owner: string; finished: boolean }>();
    const forServer = (owner: string): RunLedger => ({
      async claim(job, period) {
        const key = `${job}#${period}`;
        if (claims.has(key)) return false;
        claims.set(key, { owner, finished: false });
        return true;
      },
      async finish(job, period) {
        const c = claims.get(`${job}#${period}`);
        if (c?.owner === owner) c.finished = true;
      },
    });
    return { claims, forServer };
  }
  afterEach(() => setRunLedger(null));

  it("runs each period once across servers, and only jobs marked oncePerPeriod", async () => {
    const ledger = sharedLedger();
    const runs: string[] = [];
    const jobs = [];
    for (const server of ["a", "b", "c"]) {
      setRunLedger(ledger.forServer(server));
      jobs.push(schedule({ name: "sweep", intervalMs: 3_600_000, oncePerPeriod: true, log: quietLog(), run: async () => void runs.push(server) }));
      jobs.push(schedule({ name: "local", intervalMs: 3_600_000, log: quietLog(), run: async () => void runs.push(`local-${server}`) }));
    }
    await tick(20);
    await Promise.all(jobs.map((j) => j.stop()));
    expect(runs.filter((r) => !r.startsWith("local"))).toHaveLength(1);
    expect(runs.filter((r) => r.startsWith("local")).sort()).toEqual(["local-a", "local-b", "local-c"]);
    expect([...ledger.claims.values()]).toEqual([{ owner: "a", finished: true }]);
  });

  it("leaves a failed run unfinished, for a retry after the lease", async () => {
    const ledger = sharedLedger();
    setRunLedger(ledger.forServer("a"));
    const log = quietLog();
    const job = schedule({ name: "clocks", intervalMs: 3_600_000, oncePerPeriod: true, log, run: async () => Promise.reject(new Error("database away")) });
    await tick(20);
    await job.stop();
    expect(log.error).toHaveBeenCalledWith(expect.stringMatching(/^clocks failed: Error: database away\n/));
    expect([...ledger.claims.values()]).toEqual([{ owner: "a", finished: false }]);
  });

  it("asks again every lease when the lease is shorter than a minute: a period claimed by a server that died is taken over after one lease", async () => {
    const leases: number[] = [];
    let asked = 0;
    const ran: string[] = [];
    // The period is held by a dead server until its lease has passed: the second ask wins.
    const ledger: RunLedger = {
      async claim(_job, _period, leaseMs) {
        leases.push(leaseMs);
        return ++asked >= 2;
      },
      async finish() {},
    };
    setRunLedger(ledger, 40);
    const job = schedule({ name: "sweep", intervalMs: 24 * 3_600_000, oncePerPeriod: true, log: quietLog(), run: async () => void ran.push("survivor") });
    await tick(200);
    await job.stop();
    expect(ran).toEqual(["survivor"]);
    expect(leases.every((l) => l === 40)).toBe(true);
  });
});
