import { describe, expect, it } from "vitest";
import { motionResultSchema, paperTotalsSchema } from "../../app/modules/governance/forms";

const issues = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  r.success ? [] : (r.error?.issues ?? []).map((i) => [i.path.join("."), i.message]);

describe("counts typed by staff when closing a vote", () => {
  it("a blank room count is refused, not read as 0", () => {
    const r = motionResultSchema.safeParse({ motionId: "1", yes: "", no: "3", abstain: "0" });
    expect(issues(r)).toEqual([["yes", "governance:errors.countRequired"]]);
    expect(issues(motionResultSchema.safeParse({ motionId: "1", no: "3", abstain: "0" }))).toEqual([["yes", "governance:errors.countRequired"]]);
  });
  it("0 typed is a count", () => {
    expect(motionResultSchema.parse({ motionId: "1", yes: "0", no: " 0 ", abstain: "2" })).toEqual({ motionId: 1, yes: 0, no: 0, abstain: 2 });
  });
  it("paper totals: blank ballots or blank papers are refused; typed 0 is kept", () => {
    expect(issues(paperTotalsSchema.safeParse({ ballots: "12", blank: "" }))).toEqual([["blank", "governance:errors.countRequired"]]);
    expect(issues(paperTotalsSchema.safeParse({ ballots: "", blank: "0" }))).toEqual([["ballots", "governance:errors.countRequired"]]);
    expect(paperTotalsSchema.parse({ ballots: "12", blank: "0", c_4: "7" })).toMatchObject({ ballots: 12, blank: 0 });
  });
  it("negative or fractional counts stay refused", () => {
    expect(motionResultSchema.safeParse({ motionId: "1", yes: "-1", no: "0", abstain: "0" }).success).toBe(false);
    expect(motionResultSchema.safeParse({ motionId: "1", yes: "1.5", no: "0", abstain: "0" }).success).toBe(false);
  });
});
