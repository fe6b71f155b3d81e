import { describe, expect, it, vi } from "vitest";
import { schedule } from "../../app/lib/scheduler.server";

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
    expect(log.error).toHaveBeenCalledWith("flaky failed: Error: database away");
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
