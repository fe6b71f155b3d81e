import { describe, expect, it } from "vitest";
import { actionsFor, applicationTransition } from "../../app/modules/finance/application-states";

describe("application states", () => {
  it("runs submitted → under review → more information → under review → approved → disbursed", () => {
    let s = "submitted" as const as Parameters<typeof applicationTransition>[0];
    for (const [action, to] of [
      ["review", "under_review"],
      ["requestInfo", "info_needed"],
      ["provideInfo", "under_review"],
      ["approve", "approved"],
      ["disburse", "disbursed"],
    ] as const) {
      const r = applicationTransition(s, action);
      expect(r).toEqual({ ok: true, to });
      if (r.ok) s = r.to;
    }
  });
  it("refuses moves from the wrong state", () => {
    expect(applicationTransition("submitted", "disburse").ok).toBe(false);
    expect(applicationTransition("declined", "approve").ok).toBe(false);
    expect(applicationTransition("disbursed", "withdraw").ok).toBe(false);
    expect(applicationTransition("info_needed", "approve").ok).toBe(false);
  });
  it("offers each side only its own moves", () => {
    expect(actionsFor("submitted", "bank")).toEqual(["review", "requestInfo", "approve", "decline"]);
    expect(actionsFor("submitted", "member")).toEqual(["withdraw"]);
    expect(actionsFor("info_needed", "member")).toEqual(["provideInfo", "withdraw"]);
    expect(actionsFor("approved", "bank")).toEqual(["disburse"]);
    expect(actionsFor("disbursed", "bank")).toEqual([]);
  });
});
