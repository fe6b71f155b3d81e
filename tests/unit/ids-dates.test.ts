import { describe, expect, it } from "vitest";
import { daysInMonth, isCalendarDay, parseCalendarDay } from "../../app/lib/dates";
import { INT32_MAX, idParam, parseId } from "../../app/lib/ids";
import { lookupIntent } from "../../app/lib/intents.server";
import { idField, isoDate, optionalIdField, optionalIsoDate } from "../../app/lib/validation";
import { caseFilterSchema, sessionSchema } from "../../app/modules/disputes/forms";
import { calendarDay, productFilterSchema } from "../../app/modules/finance/forms";
import { ballotSchema } from "../../app/modules/governance/forms";

// The edges every id route and id field must survive (the bad-input runner sends the same).
const notIds = ["0", "-1", "2147483648", "-2147483649", "99999999999999999999999999", "1.5", "abc", "", " ", "1e3", "0x10", "+5", "1 2", "NaN", "Infinity"];

describe("ids", () => {
  it("accepts positive int32 digits and nothing else", () => {
    expect(parseId("1")).toBe(1);
    expect(parseId(" 42 ")).toBe(42);
    expect(parseId("2147483647")).toBe(INT32_MAX);
    expect(parseId(7)).toBe(7);
    for (const raw of notIds) expect(parseId(raw), raw).toBeNull();
    for (const raw of [0, -1, 1.5, 2 ** 31, Number.NaN, null, undefined, {}, ["1"]]) expect(parseId(raw)).toBeNull();
  });
  it("answers 404 for a route param that cannot be an id", () => {
    expect(idParam({ id: "12" })).toBe(12);
    expect(idParam({ fairId: "3" }, "fairId")).toBe(3);
    for (const raw of [...notIds, undefined]) {
      let thrown: unknown;
      try {
        idParam({ id: raw });
      } catch (e) {
        thrown = e;
      }
      expect(thrown, String(raw)).toBeInstanceOf(Response);
      expect((thrown as Response).status).toBe(404);
    }
  });
  it("gives form ids a field error, never a value out of range", () => {
    expect(idField.parse("5")).toBe(5);
    for (const raw of notIds) {
      const r = idField.safeParse(raw);
      expect(r.success, raw).toBe(false);
    }
    expect(optionalIdField.parse("")).toBeNull();
    expect(optionalIdField.parse(undefined)).toBeNull();
    expect(optionalIdField.parse("9")).toBe(9);
    expect(optionalIdField.safeParse("2147483648").success).toBe(false);
  });
});

describe("calendar days", () => {
  it("knows month lengths and leap years", () => {
    expect(daysInMonth(2028, 2)).toBe(29);
    expect(daysInMonth(2027, 2)).toBe(28);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(2026, 4)).toBe(30);
  });
  it("refuses days that do not exist, which Date.parse rolls over", () => {
    expect(Number.isNaN(Date.parse("2027-02-30T00:00:00Z"))).toBe(false); // why a regex + Date.parse was not enough
    for (const bad of [
      "2027-02-30",
      "2027-02-29",
      "2026-04-31",
      "2026-13-01",
      "2026-00-10",
      "2026-01-00",
      "0000-01-01",
      "2026-1-1",
      "2026/01/01",
      "31/12/2026 25:61",
      "",
    ]) {
      expect(isCalendarDay(bad), bad).toBe(false);
      expect(isoDate.safeParse(bad).success, bad).toBe(false);
    }
    for (const good of ["2028-02-29", "2026-12-31", "2000-02-29", "9999-12-31"]) expect(isCalendarDay(good), good).toBe(true);
    expect(parseCalendarDay(" 2026-05-01 ")).toBe("2026-05-01");
    expect(isoDate.safeParse("2027-02-30").error?.issues[0].message).toBe("forms.date");
    expect(optionalIsoDate.parse("")).toBeNull();
    expect(optionalIsoDate.safeParse("2027-02-30").success).toBe(false);
  });
});

describe("the areas' fields on the shared parsers", () => {
  it("finance days exist and stay within finance's years; filters drop a bad id", () => {
    expect(calendarDay.safeParse("2028-02-29").success).toBe(true);
    for (const bad of ["2027-02-30", "1999-12-31", "2101-01-01", "2026-13-01"]) expect(calendarDay.safeParse(bad).success, bad).toBe(false);
    expect(productFilterSchema.parse({ bank: "3" }).bank).toBe(3);
    for (const bad of notIds) expect(productFilterSchema.parse({ bank: bad }).bank, bad).toBeUndefined();
  });
  it("a dispute session's day must exist; the station filter drops a bad id", () => {
    const session = { mode: "in_person", place: "Room 1" };
    expect(sessionSchema.safeParse({ ...session, startsAt: "2028-02-29T09:30" }).success).toBe(true);
    for (const bad of ["2027-02-30T09:30", "2026-05-01T24:00", "2026-05-01T9:30"])
      expect(sessionSchema.safeParse({ ...session, startsAt: bad }).success, bad).toBe(false);
    for (const bad of notIds) expect(caseFilterSchema.parse({ station: bad }).station, bad).toBeUndefined();
  });
  it("ballot candidate ids are ids", () => {
    expect(ballotSchema.parse({ enterpriseId: "4", candidateIds: ["1", "2"] }).candidateIds).toEqual([1, 2]);
    for (const bad of ["0", "2147483648", "abc"]) expect(ballotSchema.safeParse({ enterpriseId: "4", candidateIds: [bad] }).success, bad).toBe(false);
  });
});

describe("intent lookup", () => {
  const intents = { accept: 1, reject: 2 };
  it("finds only the map's own intents: Object.prototype names are unknown", () => {
    expect(lookupIntent(intents, "accept")).toBe("accept");
    for (const name of ["toString", "constructor", "__proto__", "hasOwnProperty", "valueOf", "isPrototypeOf", "__defineGetter__", "", null, 1]) {
      expect(lookupIntent(intents, name), String(name)).toBeUndefined();
    }
  });
});
