import { describe, expect, it } from "vitest";
import { applicationStatuses, type ApplicationStatus } from "../../app/modules/jobs/constants";
import { canUndo, isFinal, laterSteps, nextStatus, PIPELINE, reached, transition } from "../../app/modules/jobs/pipeline";

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

  it("moves forward to any later step (fewer clicks to hired), never back or sideways", () => {
    expect(transition("applied", { type: "advance", to: "hired" })).toEqual({ ok: true, status: "hired", reason: null });
    expect(transition("applied", { type: "advance", to: "interview" })).toEqual({ ok: true, status: "interview", reason: null });
    expect(transition("interview", { type: "advance", to: "viewed" })).toEqual({ ok: false, error: "notNext" });
    expect(transition("viewed", { type: "advance", to: "viewed" })).toEqual({ ok: false, error: "notNext" });
    expect(transition("applied", { type: "advance", to: "declined" })).toEqual({ ok: false, error: "notNext" });
    expect(laterSteps("interview")).toEqual(["intent", "hired"]);
    expect(laterSteps("hired")).toEqual([]);
    expect(laterSteps("declined")).toEqual([]);
  });

  it("undoes only the last step, on the day it was made (Shanghai calendar), and not an undo or the application itself", () => {
    // 23:30 in Shanghai on 1 March is 15:30 UTC; midnight there is 16:00 UTC.
    const at = new Date("2027-03-01T15:30:00Z");
    const step = { fromStatus: "interview" as const, toStatus: "hired" as const, undo: false, at };
    expect(canUndo(step, new Date("2027-03-01T15:59:59Z"))).toEqual({ ok: true, to: "interview" });
    expect(canUndo(step, new Date("2027-03-01T16:00:00Z"))).toEqual({ ok: false, error: "undoExpired" });
    expect(canUndo({ ...step, toStatus: "declined" }, at)).toEqual({ ok: true, to: "interview" });
    expect(canUndo({ ...step, undo: true }, at)).toEqual({ ok: false, error: "nothingToUndo" });
    expect(canUndo({ fromStatus: null, toStatus: "applied", undo: false, at }, at)).toEqual({ ok: false, error: "nothingToUndo" });
    expect(canUndo(null, at)).toEqual({ ok: false, error: "nothingToUndo" });
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
