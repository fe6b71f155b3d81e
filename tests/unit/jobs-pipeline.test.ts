import { describe, expect, it } from "vitest";
import { applicationStatuses, type ApplicationStatus } from "../../app/modules/jobs/constants";
import { isFinal, nextStatus, PIPELINE, reached, transition } from "../../app/modules/jobs/pipeline";

describe("the application pipeline", () => {
  it("walks applied -> viewed -> shortlisted -> interview -> intent -> hired, one step at a time", () => {
    let status: ApplicationStatus = "applied";
    const seen: ApplicationStatus[] = [status];
    for (let next = nextStatus(status); next; next = nextStatus(status)) {
      const r = transition(status, { type: "advance", to: next });
      expect(r.ok).toBe(true);
      if (r.ok) status = r.status;
      seen.push(status);
    }
    expect(seen).toEqual(["applied", "viewed", "shortlisted", "interview", "intent", "hired"]);
    expect(PIPELINE).toEqual(seen);
  });

  it("refuses to skip a step or go back", () => {
    expect(transition("applied", { type: "advance", to: "intent" })).toEqual({ ok: false, error: "notNext" });
    expect(transition("interview", { type: "advance", to: "viewed" })).toEqual({ ok: false, error: "notNext" });
    expect(transition("viewed", { type: "advance", to: "viewed" })).toEqual({ ok: false, error: "notNext" });
    expect(transition("applied", { type: "advance", to: "declined" })).toEqual({ ok: false, error: "notNext" });
  });

  it("declines from every step before the end, only with a reason", () => {
    for (const from of ["applied", "viewed", "shortlisted", "interview", "intent"] as const) {
      expect(transition(from, { type: "decline", reason: "  岗位已招满 " })).toEqual({ ok: true, status: "declined", reason: "岗位已招满" });
      expect(transition(from, { type: "decline", reason: "   " })).toEqual({ ok: false, error: "reasonRequired" });
    }
  });

  it("treats hired and declined as final", () => {
    for (const s of applicationStatuses) expect(isFinal(s)).toBe(s === "hired" || s === "declined");
    expect(transition("hired", { type: "decline", reason: "x" })).toEqual({ ok: false, error: "final" });
    expect(transition("declined", { type: "advance", to: "viewed" })).toEqual({ ok: false, error: "final" });
    expect(nextStatus("hired")).toBeNull();
    expect(nextStatus("declined")).toBeNull();
  });

  it("counts a hired application as having reached an intent, a declined one not", () => {
    expect(reached("hired", "intent")).toBe(true);
    expect(reached("intent", "intent")).toBe(true);
    expect(reached("interview", "intent")).toBe(false);
    expect(reached("declined", "intent")).toBe(false);
  });
});
