import { describe, expect, it } from "vitest";
import { addMonths, isContactOverdue, isRenewalDue, needFlag } from "../../app/modules/finance/clocks";
import { dueAfter } from "../../app/modules/tickets/calendar";

describe("finance clocks", () => {
  it("adds months, keeping the day or the month's last day", () => {
    expect(addMonths("2026-01-15", 12)).toBe("2027-01-15");
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2026-11-30", 3)).toBe("2027-02-28");
  });
  it("flags an open need past its claim limit and a claimed one past its response limit", () => {
    // Posted on Friday 4 December 2026: three working days end on Wednesday 9 December (24:00 Shanghai).
    const claimDueAt = dueAfter(new Date("2026-12-04T02:00:00Z"), 3, new Map());
    expect(claimDueAt.toISOString()).toBe("2026-12-09T16:00:00.000Z");
    const open = { status: "open" as const, claimDueAt, responseDueAt: null, respondedAt: null };
    expect(needFlag(open, new Date("2026-12-09T15:59:00Z"))).toBeNull();
    expect(needFlag(open, new Date("2026-12-09T16:01:00Z"))).toBe("unclaimed");
    const claimed = { status: "claimed" as const, claimDueAt, responseDueAt: new Date("2026-12-10T16:00:00Z"), respondedAt: null };
    expect(needFlag(claimed, new Date("2026-12-10T15:00:00Z"))).toBeNull();
    expect(needFlag(claimed, new Date("2026-12-10T16:30:00Z"))).toBe("unanswered");
    expect(needFlag({ ...claimed, status: "answered", respondedAt: new Date("2026-12-10T10:00:00Z") }, new Date("2026-12-20T00:00:00Z"))).toBeNull();
  });
  it("lists loans maturing within 90 days and flags those not contacted 30 days before maturity", () => {
    const loan = { status: "active" as const, maturesOn: "2027-01-10", lastContactedOn: null, renewalOutcome: null };
    expect(isRenewalDue(loan, "2026-10-11")).toBe(false);
    expect(isRenewalDue(loan, "2026-10-12")).toBe(true);
    expect(isContactOverdue(loan, "2026-12-10")).toBe(false);
    expect(isContactOverdue(loan, "2026-12-11")).toBe(true);
    expect(isContactOverdue({ ...loan, lastContactedOn: "2026-12-01" }, "2026-12-20")).toBe(false);
    expect(isContactOverdue({ ...loan, renewalOutcome: "repaid" }, "2026-12-20")).toBe(false);
    expect(isRenewalDue({ ...loan, status: "repaid" }, "2026-12-20")).toBe(false);
  });
});
