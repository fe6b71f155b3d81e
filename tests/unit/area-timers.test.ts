// The finance clocks and the dispute reminders on the shared scheduler: same log lines, a run at
// start, stop() waits for the run in progress (the database closes after it).
import { describe, expect, it, vi } from "vitest";

const finance = vi.hoisted(() => ({ run: vi.fn() }));
const disputes = vi.hoisted(() => ({ run: vi.fn() }));
vi.mock("../../app/modules/finance/finance.server", () => ({ runFinanceTimers: finance.run }));
vi.mock("../../app/modules/disputes/disputes.server", () => ({ runDisputeReminders: disputes.run }));

import { startDisputeReminders } from "../../app/modules/disputes/timers.server";
import { startFinanceTimers } from "../../app/modules/finance/timers.server";

const quietLog = () => ({ log: vi.fn(), error: vi.fn() });

describe("area jobs on the scheduler", () => {
  it("finance clocks: a run at start, its line logged, stop waits for it", async () => {
    let finish!: () => void;
    finance.run.mockImplementationOnce(() => new Promise((r) => (finish = () => r({ needsFlagged: 2, loansFlagged: 1 }))));
    const log = quietLog();
    const stop = startFinanceTimers({ intervalMs: 60_000, log });
    expect(finance.run).toHaveBeenCalledTimes(1);
    let stopped = false;
    const stopping = stop().then(() => (stopped = true));
    await new Promise((r) => setTimeout(r, 10));
    expect(stopped).toBe(false);
    finish();
    await stopping;
    expect(log.log).toHaveBeenCalledWith("Finance clocks: 2 needs and 1 loans flagged to the liaisons");
  });

  it("dispute reminders: the clock handed over, failures logged, nothing logged when none sent", async () => {
    const at = new Date("2026-05-01T00:00:00Z");
    disputes.run.mockRejectedValueOnce(new Error("boom")).mockResolvedValue({ sent: 0 });
    const log = quietLog();
    const stop = startDisputeReminders({ intervalMs: 5, now: () => at, log });
    await new Promise((r) => setTimeout(r, 40));
    await stop();
    expect(disputes.run).toHaveBeenCalledWith(at);
    expect(disputes.run.mock.calls.length).toBeGreaterThanOrEqual(2);
    expect(log.error).toHaveBeenCalledWith(expect.stringMatching(/^Dispute reminders failed: Error: boom\n/));
    expect(log.log).not.toHaveBeenCalled();
  });
});
