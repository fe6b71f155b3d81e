import { describe, expect, it } from "vitest";
import { membershipStatuses } from "../../db/schema/members";
import {
  addDays,
  allowedTransitions,
  canTransition,
  checkTransition,
  duesState,
  firstDuesDueOn,
  lapseDate,
  nextStep,
  reasonRequired,
  reminderDate,
  remindersDue,
  shouldLapse,
} from "../../app/modules/members/membership-rules";
import { searchDocument, searchQuery } from "../../app/modules/members/search-text";

describe("membership status transitions", () => {
  it("allows exactly the listed moves", () => {
    const allowed = new Set([
      "pending>active",
      "pending>withdrawn",
      "active>lapsed",
      "active>suspended",
      "active>withdrawn",
      "lapsed>active",
      "lapsed>suspended",
      "lapsed>withdrawn",
      "suspended>active",
      "suspended>withdrawn",
      "withdrawn>active",
    ]);
    for (const from of membershipStatuses)
      for (const to of membershipStatuses) expect(canTransition(from, to), `${from}>${to}`).toBe(allowed.has(`${from}>${to}`));
  });
  it("never allows staying in the same status or going back to pending", () => {
    for (const s of membershipStatuses) {
      expect(allowedTransitions[s]).not.toContain(s);
      expect(allowedTransitions[s]).not.toContain("pending");
    }
  });
  it("requires a reason to take a membership away or to give it back after suspension or withdrawal", () => {
    expect(reasonRequired("active", "suspended")).toBe(true);
    expect(reasonRequired("active", "withdrawn")).toBe(true);
    expect(reasonRequired("active", "lapsed")).toBe(true);
    expect(reasonRequired("suspended", "active")).toBe(true);
    expect(reasonRequired("withdrawn", "active")).toBe(true);
    expect(reasonRequired("pending", "active")).toBe(false);
    expect(reasonRequired("lapsed", "active")).toBe(false);
  });
  it("checks a transition with its reason", () => {
    expect(checkTransition("active", "suspended", "  ")).toEqual({ ok: false, error: "members:errors.reasonRequired" });
    expect(checkTransition("active", "suspended", "违反章程")).toEqual({ ok: true });
    expect(checkTransition("withdrawn", "lapsed", "x")).toEqual({ ok: false, error: "members:errors.transitionNotAllowed" });
    expect(checkTransition("pending", "active", null)).toEqual({ ok: true });
  });
});

describe("dues dates: reminders and lapse", () => {
  const dues = { dueOn: "2026-03-31", paidOn: null };
  it("does date arithmetic across months and leap years", () => {
    expect(addDays("2026-03-31", 30)).toBe("2026-04-30");
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2026-03-31", -30)).toBe("2026-03-01");
    expect(lapseDate("2026-12-15")).toBe("2027-01-14");
  });
  it("puts reminders 30 days before, the day after, and 30 days after the due date", () => {
    expect(reminderDate("2026-03-31", "due_soon")).toBe("2026-03-01");
    expect(reminderDate("2026-03-31", "overdue")).toBe("2026-04-01");
    expect(reminderDate("2026-03-31", "lapsed")).toBe("2026-04-30");
  });
  it("states where unpaid dues stand on each day", () => {
    expect(duesState(dues, "2026-02-28")).toBe("not_due");
    expect(duesState(dues, "2026-03-01")).toBe("due_soon");
    expect(duesState(dues, "2026-03-31")).toBe("due_soon");
    expect(duesState(dues, "2026-04-01")).toBe("overdue");
    expect(duesState(dues, "2026-04-29")).toBe("overdue");
    expect(duesState(dues, "2026-04-30")).toBe("lapse");
    expect(duesState({ ...dues, paidOn: "2026-04-02" }, "2026-06-01")).toBe("paid");
  });
  it("lapses an active membership on the 30th day overdue, not before, and never a paid one", () => {
    expect(shouldLapse("active", dues, "2026-04-29")).toBe(false);
    expect(shouldLapse("active", dues, "2026-04-30")).toBe(true);
    expect(shouldLapse("suspended", dues, "2026-05-30")).toBe(false);
    expect(shouldLapse("active", { ...dues, paidOn: "2026-03-30" }, "2026-05-30")).toBe(false);
  });
  it("lists every reminder due by a day, so a late sweep skips none", () => {
    expect(remindersDue("active", dues, "2026-02-28")).toEqual([]);
    expect(remindersDue("active", dues, "2026-03-01")).toEqual(["due_soon"]);
    expect(remindersDue("active", dues, "2026-04-01")).toEqual(["due_soon", "overdue"]);
    expect(remindersDue("lapsed", dues, "2026-05-01")).toEqual(["due_soon", "overdue", "lapsed"]);
    expect(remindersDue("suspended", dues, "2026-05-01")).toEqual([]);
    expect(remindersDue("active", { ...dues, paidOn: "2026-03-02" }, "2026-05-01")).toEqual([]);
  });
  it("gives a new member at least 30 days to pay", () => {
    expect(firstDuesDueOn("2026-01-10")).toBe("2026-03-31");
    expect(firstDuesDueOn("2026-11-26")).toBe("2026-12-26");
  });
  it("tells the member the next step", () => {
    expect(nextStep("lapsed", "lapse")).toBe("members:next.lapsed");
    expect(nextStep("active", "overdue")).toBe("members:next.payOverdue");
    expect(nextStep("active", "paid")).toBe("members:next.none");
    expect(nextStep("pending", null)).toBe("members:next.pending");
  });
});

describe("Chinese search text", () => {
  it("indexes overlapping bigrams and matches a term's bigrams", () => {
    const doc = searchDocument("瑞安市针车工鞋业有限公司").split(" ");
    expect(doc).toEqual(expect.arrayContaining(["针车", "车工", "鞋业"]));
    expect(searchQuery("针车工")).toBe("针车 & 车工");
    expect(searchQuery("鞋")).toBeNull();
    expect(searchQuery("  ")).toBeNull();
    expect(searchQuery("a&b|c")).toBeNull();
    expect(searchQuery("Shoe (Co)")).toBe("sh & ho & oe & co");
  });
});

describe("members form schemas refuse what SQL would choke on", () => {
  it("refuses ids out of range and days that do not exist", async () => {
    const { duesPaidSchema, statusChangeSchema, memberListQueryFrom } = await import("../../app/modules/members/forms");
    expect(duesPaidSchema.safeParse({ duesId: "99999999999", paidOn: "2026-05-01" }).success).toBe(false);
    expect(duesPaidSchema.safeParse({ duesId: "12", paidOn: "2026-02-30" }).success).toBe(false);
    expect(duesPaidSchema.safeParse({ duesId: "12", paidOn: "2026-13-01" }).success).toBe(false);
    expect(duesPaidSchema.safeParse({ duesId: "12", paidOn: "2024-02-29" }).success).toBe(true);
    expect(statusChangeSchema.safeParse({ membershipId: "-1", status: "active" }).success).toBe(false);
    expect(memberListQueryFrom("http://x/members?association=99999999999&status=bogus&q=%E9%9E%8B")).toEqual({ q: "鞋" });
  });
});

describe("search terms from the query string", () => {
  it("drop control characters such as NUL", async () => {
    const { memberListQueryFrom } = await import("../../app/modules/members/forms");
    expect(memberListQueryFrom("http://x/members?q=%00%E9%9E%8B%E4%B8%9A%00&village=%00")).toEqual({ q: "鞋业" });
  });
});

describe("directory opt-out", () => {
  it("accepts withdrawing every optional field from the directory, however the browser sends 'none ticked'", async () => {
    const { contactSchema } = await import("../../app/modules/members/forms");
    const field = contactSchema.shape.publicFields;
    // A plain form post sends nothing; react-hook-form sends false (or "") for a group with no box ticked.
    for (const none of [undefined, [], false, ""]) expect(field.parse(none), JSON.stringify(none)).toEqual([]);
    expect(field.parse("segment")).toEqual(["segment"]);
    expect(field.parse(["segment", "village"])).toEqual(["segment", "village"]);
    expect(field.safeParse(["password"]).success).toBe(false);
    // A form with no box ticked has no such key at all.
    const contact = { contactPerson: "陈经理", phone: "13812340000", email: "", address: "瑞安市云江路1号" };
    expect(contactSchema.parse(contact).publicFields).toEqual([]);
  });
});
