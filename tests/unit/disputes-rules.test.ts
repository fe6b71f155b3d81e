import { describe, expect, it } from "vitest";
import { disputeStatuses, type DisputeStatus } from "../../app/modules/disputes/constants";
import {
  CONFIRMATION_DAYS,
  MEDIATION_DAYS,
  REMIND_BEFORE_DAYS,
  clockRuns,
  confirmationDue,
  daysLeft,
  deadlinesOf,
  dueAfterDays,
  extendDue,
  mediationDue,
  missed,
  reminderDue,
} from "../../app/modules/disputes/deadlines";
import {
  actionsFrom,
  canRecordMinutes,
  canScheduleSession,
  disputeActions,
  settlementAfterConfirmation,
  transition,
  type DisputeAction,
} from "../../app/modules/disputes/state-machine";

// The whole table, written out: every (status, action) pair not listed here must be refused.
const legal: Record<DisputeAction, [DisputeStatus[], DisputeStatus]> = {
  accept: [["filed"], "accepted"],
  decline: [["filed"], "declined"],
  assignMediator: [["accepted", "mediator_assigned"], "mediator_assigned"],
  inviteRespondent: [["mediator_assigned"], "respondent_invited"],
  respondentAgree: [["respondent_invited"], "in_mediation"],
  respondentDecline: [["respondent_invited"], "respondent_declined"],
  draftAgreement: [["in_mediation"], "agreement_pending"],
  confirmAgreement: [["agreement_pending"], "agreement_pending"],
  rejectAgreement: [["agreement_pending"], "in_mediation"],
  fail: [["in_mediation", "agreement_pending"], "failed"],
  referToCourt: [["failed", "respondent_declined"], "referred"],
  applyJudicial: [["settled"], "judicial_applied"],
  confirmJudicial: [["judicial_applied"], "judicial_confirmed"],
  refuseJudicial: [["judicial_applied"], "judicial_refused"],
  close: [["settled", "judicial_confirmed", "judicial_refused", "referred", "failed", "respondent_declined"], "closed"],
};

describe("the dispute state machine", () => {
  for (const action of disputeActions) {
    const [from, to] = legal[action];
    for (const status of disputeStatuses) {
      if (from.includes(status)) {
        it(`${action} from ${status} leads to ${to}`, () => expect(transition(status, action)).toEqual({ ok: true, to }));
      } else {
        it(`${action} from ${status} is refused`, () => expect(transition(status, action)).toEqual({ ok: false, error: "disputes:errors.illegalTransition" }));
      }
    }
  }

  it("has no way out of declined and closed", () => {
    for (const status of ["declined", "closed"] as const) expect(actionsFrom(status, ["station", "mediator", "applicant", "respondent"])).toEqual([]);
  });

  it("lets only the right people take an action", () => {
    expect(transition("filed", "accept", ["applicant"])).toEqual({ ok: false, error: "disputes:errors.notYours" });
    expect(transition("filed", "accept", ["mediator"])).toEqual({ ok: false, error: "disputes:errors.notYours" });
    expect(transition("filed", "accept", ["station"])).toEqual({ ok: true, to: "accepted" });
    expect(transition("in_mediation", "draftAgreement", ["station"]).ok).toBe(false);
    expect(transition("in_mediation", "draftAgreement", ["mediator"]).ok).toBe(true);
    expect(transition("respondent_invited", "respondentAgree", ["applicant"]).ok).toBe(false);
    expect(transition("respondent_invited", "respondentAgree", ["respondent"]).ok).toBe(true);
    // Station staff record an outside respondent's answer.
    expect(transition("respondent_invited", "respondentDecline", ["station"]).ok).toBe(true);
    expect(transition("agreement_pending", "confirmAgreement", ["mediator"]).ok).toBe(false);
    expect(actionsFrom("agreement_pending", ["applicant"]).sort()).toEqual(["confirmAgreement", "rejectAgreement"]);
    expect(actionsFrom("in_mediation", ["mediator"]).sort()).toEqual(["draftAgreement", "fail"]);
  });

  it("settles only when both parties have confirmed", () => {
    expect(settlementAfterConfirmation({ applicant: false, respondent: false })).toBe("agreement_pending");
    expect(settlementAfterConfirmation({ applicant: true, respondent: false })).toBe("agreement_pending");
    expect(settlementAfterConfirmation({ applicant: false, respondent: true })).toBe("agreement_pending");
    expect(settlementAfterConfirmation({ applicant: true, respondent: true })).toBe("settled");
  });

  it("schedules sessions and records minutes only around the mediation", () => {
    expect(disputeStatuses.filter(canScheduleSession)).toEqual(["respondent_invited", "in_mediation", "agreement_pending"]);
    expect(disputeStatuses.filter(canRecordMinutes)).toEqual(["respondent_invited", "in_mediation", "agreement_pending", "settled", "failed"]);
  });
});

describe("the dispute deadlines", () => {
  const sh = (local: string) => new Date(`${local}+08:00`);

  it("ends the mediation 30 calendar days after the day of acceptance, at 24:00 Shanghai", () => {
    expect(MEDIATION_DAYS).toBe(30);
    // Accepted late in the evening Shanghai time: still 1 March there.
    expect(mediationDue(sh("2026-03-01T22:30:00")).toISOString()).toBe(sh("2026-04-01T00:00:00").toISOString());
    // Just after midnight Shanghai is the next day there (the previous day in UTC).
    expect(mediationDue(sh("2026-03-02T00:10:00")).toISOString()).toBe(sh("2026-04-02T00:00:00").toISOString());
    // Weekends and holidays count: calendar days, not working days.
    expect(mediationDue(sh("2026-09-30T09:00:00")).toISOString()).toBe(sh("2026-10-31T00:00:00").toISOString());
    // An extension both parties consented to adds its days.
    expect(mediationDue(sh("2026-03-01T09:00:00"), 15).toISOString()).toBe(sh("2026-04-16T00:00:00").toISOString());
    expect(extendDue(sh("2026-04-01T00:00:00"), 15).toISOString()).toBe(sh("2026-04-16T00:00:00").toISOString());
  });

  it("asks for judicial confirmation within 30 days of the agreement", () => {
    expect(CONFIRMATION_DAYS).toBe(30);
    expect(confirmationDue(sh("2026-12-20T15:00:00")).toISOString()).toBe(sh("2027-01-20T00:00:00").toISOString());
    expect(dueAfterDays(sh("2026-02-27T08:00:00"), 1).toISOString()).toBe(sh("2026-03-01T00:00:00").toISOString());
  });

  it("runs each clock only while its step is pending", () => {
    expect(disputeStatuses.filter((s) => clockRuns("mediation", s))).toEqual([
      "accepted",
      "mediator_assigned",
      "respondent_invited",
      "in_mediation",
      "agreement_pending",
    ]);
    expect(disputeStatuses.filter((s) => clockRuns("confirmation", s))).toEqual(["settled"]);
  });

  it("reminds from three days before a deadline until it passes", () => {
    const due = sh("2026-04-01T00:00:00");
    expect(REMIND_BEFORE_DAYS).toBe(3);
    expect(reminderDue(due, sh("2026-03-28T23:59:00"))).toBe(false);
    expect(reminderDue(due, sh("2026-03-29T00:00:00"))).toBe(true);
    expect(reminderDue(due, sh("2026-03-31T23:59:59"))).toBe(true);
    expect(reminderDue(due, sh("2026-04-01T00:00:00"))).toBe(false);
  });

  it("counts the days left and marks a deadline soon or overdue", () => {
    const due = sh("2026-04-01T00:00:00");
    expect(daysLeft(due, sh("2026-03-31T10:00:00"))).toBe(0);
    expect(daysLeft(due, sh("2026-03-29T10:00:00"))).toBe(2);
    expect(daysLeft(due, sh("2026-04-01T10:00:00"))).toBe(-1);
    const c = { status: "in_mediation" as const, mediationDueAt: due, confirmationDueAt: null };
    expect(deadlinesOf(c, sh("2026-03-30T10:00:00"))).toEqual([{ kind: "mediation", dueAt: due, running: true, overdue: false, soon: true, daysLeft: 1 }]);
    expect(deadlinesOf(c, sh("2026-04-02T10:00:00"))[0]).toMatchObject({ overdue: true, soon: false });
    // Once settled the mediation clock stops and the confirmation clock runs.
    const settled = { status: "settled" as const, mediationDueAt: due, confirmationDueAt: sh("2026-04-30T00:00:00") };
    expect(deadlinesOf(settled, sh("2026-04-10T10:00:00")).map((d) => [d.kind, d.running, d.overdue])).toEqual([
      ["mediation", false, false],
      ["confirmation", true, false],
    ]);
  });

  it("says a deadline was missed when its step came late or has not come in time", () => {
    const due = sh("2026-04-01T00:00:00");
    expect(missed(due, sh("2026-03-31T18:00:00"), false, sh("2026-05-01T00:00:00"))).toBe(false);
    expect(missed(due, sh("2026-04-01T09:00:00"), false, sh("2026-05-01T00:00:00"))).toBe(true);
    expect(missed(due, null, true, sh("2026-03-31T09:00:00"))).toBe(false);
    expect(missed(due, null, true, sh("2026-04-02T09:00:00"))).toBe(true);
    expect(missed(due, null, false, sh("2026-04-02T09:00:00"))).toBe(false);
    expect(missed(null, null, true, sh("2026-04-02T09:00:00"))).toBe(false);
  });
});
