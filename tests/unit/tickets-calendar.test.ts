import { describe, expect, it } from "vitest";
import {
  addWorkingDays,
  dueAfter,
  extendForPause,
  isWorkingDay,
  shanghaiDay,
  workingDaysBetween,
  type CalendarExceptions,
} from "../../app/modules/tickets/calendar";

const none: CalendarExceptions = new Map();
// 2026: 1 Oct (Thu) to 7 Oct (Wed) National Day holiday; Sat 10 Oct a make-up working day.
const national: CalendarExceptions = new Map([
  ...["2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06", "2026-10-07"].map((d) => [d, false] as [string, boolean]),
  ["2026-10-10", true],
]);
const sh = (local: string) => new Date(`${local}+08:00`);

describe("working days", () => {
  it("weekends are off, weekdays on, exceptions win", () => {
    expect(isWorkingDay("2026-11-27", none)).toBe(true); // Friday
    expect(isWorkingDay("2026-11-28", none)).toBe(false); // Saturday
    expect(isWorkingDay("2026-11-29", none)).toBe(false); // Sunday
    expect(isWorkingDay("2026-10-01", national)).toBe(false);
    expect(isWorkingDay("2026-10-10", national)).toBe(true);
  });

  it("days are Shanghai calendar days", () => {
    expect(shanghaiDay(new Date("2026-11-26T16:30:00Z"))).toBe("2026-11-27");
    expect(shanghaiDay(new Date("2026-11-26T15:59:59Z"))).toBe("2026-11-26");
  });

  it("counts working days forward over a weekend", () => {
    expect(addWorkingDays("2026-11-27", 1, none)).toBe("2026-11-30"); // Fri -> Mon
    expect(addWorkingDays("2026-11-28", 1, none)).toBe("2026-11-30"); // Sat -> Mon
    expect(addWorkingDays("2026-11-23", 5, none)).toBe("2026-11-30"); // Mon -> next Mon
    expect(addWorkingDays("2026-11-25", 2, none)).toBe("2026-11-27"); // Wed -> Fri
  });

  it("skips holidays and counts make-up working days", () => {
    // Wed 30 Sep + 1: the holiday runs to 7 Oct (with its weekend), so Thu 8 Oct.
    expect(addWorkingDays("2026-09-30", 1, national)).toBe("2026-10-08");
    // 8 Oct (Thu), 9 Oct (Fri), 10 Oct (Sat, worked), 12 Oct (Mon), 13 Oct (Tue)
    expect(addWorkingDays("2026-09-30", 5, national)).toBe("2026-10-13");
  });

  it("a limit ends at midnight Shanghai of its last working day", () => {
    // Accept within 1 working day: submitted Friday afternoon, due by the end of Monday.
    expect(dueAfter(sh("2026-11-27T15:00:00"), 1, none).toISOString()).toBe(sh("2026-12-01T00:00:00").toISOString());
    // Urgent answer within 2 working days from Thursday: end of Monday.
    expect(dueAfter(sh("2026-11-26T09:00:00"), 2, none).toISOString()).toBe(sh("2026-12-01T00:00:00").toISOString());
    // Normal answer within 5 working days across the National Day holiday.
    expect(dueAfter(sh("2026-09-30T10:00:00"), 5, national).toISOString()).toBe(sh("2026-10-14T00:00:00").toISOString());
  });

  it("counts the working days a pause lasted", () => {
    expect(workingDaysBetween(sh("2026-11-23T10:00:00"), sh("2026-11-23T18:00:00"), none)).toBe(0); // same day
    expect(workingDaysBetween(sh("2026-11-23T10:00:00"), sh("2026-11-25T09:00:00"), none)).toBe(2); // Mon -> Wed
    expect(workingDaysBetween(sh("2026-11-27T10:00:00"), sh("2026-11-30T09:00:00"), none)).toBe(1); // Fri -> Mon: the weekend does not count
    expect(workingDaysBetween(sh("2026-09-30T10:00:00"), sh("2026-10-08T09:00:00"), national)).toBe(1); // only 8 Oct
  });

  it("a pause moves the deadline on by its working days", () => {
    const due = dueAfter(sh("2026-11-23T09:00:00"), 5, none); // end of Mon 30 Nov
    expect(due.toISOString()).toBe(sh("2026-12-01T00:00:00").toISOString());
    // Paused Tue 24 -> Thu 26 (2 working days): due moves to the end of Wed 2 Dec.
    expect(extendForPause(due, sh("2026-11-24T10:00:00"), sh("2026-11-26T10:00:00"), none).toISOString()).toBe(sh("2026-12-03T00:00:00").toISOString());
    // Paused over a weekend only: no change.
    expect(extendForPause(due, sh("2026-11-28T10:00:00"), sh("2026-11-29T20:00:00"), none).toISOString()).toBe(due.toISOString());
    // Paused a few hours the same day: no change.
    expect(extendForPause(due, sh("2026-11-24T10:00:00"), sh("2026-11-24T16:00:00"), none).toISOString()).toBe(due.toISOString());
    // A pause across holidays counts only the working days, and the new deadline skips holidays too.
    const beforeHoliday = dueAfter(sh("2026-09-28T09:00:00"), 2, national); // end of Wed 30 Sep
    expect(extendForPause(beforeHoliday, sh("2026-09-29T09:00:00"), sh("2026-10-08T09:00:00"), national).toISOString()).toBe(
      sh("2026-10-10T00:00:00").toISOString(),
    ); // 30 Sep + 8 Oct = 2 days -> end of Fri 9 Oct
  });
});
