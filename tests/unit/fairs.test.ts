import { describe, expect, it } from "vitest";
import { canPreRegister, canRejectBooth, canRequestBooth, checkInDay, nextBoothNumber, registrationWindowState } from "../../app/modules/fairs/booth-rules";
import { shanghaiToday } from "../../app/lib/format";
import {
  CODE_ALPHABET,
  CODE_LENGTH,
  displayCheckInCode,
  generateCheckInCode,
  normalizeCheckInCode,
  parseCheckInCode,
  qrPayload,
} from "../../app/modules/fairs/checkin-code";

const fair = { status: "published", registrationOpens: "2026-05-10", registrationCloses: "2026-06-05", fairDate: "2026-06-10", boothCapacity: 3 };

describe("check-in day", () => {
  it("checks in on the fair's Shanghai calendar day only", () => {
    expect(checkInDay(fair, "2026-06-09")).toBe("beforeFairDay");
    expect(checkInDay(fair, "2026-06-10")).toBe("fairDay");
    expect(checkInDay(fair, "2026-06-11")).toBe("afterFairDay");
  });

  it("counts the day in Shanghai time, not UTC (16:00 UTC is already the next day there)", () => {
    expect(checkInDay(fair, shanghaiToday(new Date("2026-06-09T15:59:59Z")))).toBe("beforeFairDay");
    expect(checkInDay(fair, shanghaiToday(new Date("2026-06-09T16:00:00Z")))).toBe("fairDay");
    expect(checkInDay(fair, shanghaiToday(new Date("2026-06-10T15:59:59Z")))).toBe("fairDay");
    expect(checkInDay(fair, shanghaiToday(new Date("2026-06-10T16:00:00Z")))).toBe("afterFairDay");
  });
});

describe("booth rules", () => {
  it("opens the window on the first day and closes it after the last (both inclusive)", () => {
    expect(registrationWindowState(fair, "2026-05-09")).toBe("notYetOpen");
    expect(registrationWindowState(fair, "2026-05-10")).toBe("open");
    expect(registrationWindowState(fair, "2026-06-05")).toBe("open");
    expect(registrationWindowState(fair, "2026-06-06")).toBe("closed");
  });

  it("takes a request only for a published fair, in the window, once per enterprise", () => {
    expect(canRequestBooth(fair, "2026-05-20", null)).toEqual({ ok: true });
    expect(canRequestBooth({ ...fair, status: "draft" }, "2026-05-20", null)).toEqual({ ok: false, error: "fairNotPublished" });
    expect(canRequestBooth({ ...fair, status: "cancelled" }, "2026-05-20", null)).toEqual({ ok: false, error: "fairNotPublished" });
    expect(canRequestBooth(fair, "2026-05-01", null)).toEqual({ ok: false, error: "windowNotYetOpen" });
    expect(canRequestBooth(fair, "2026-06-06", null)).toEqual({ ok: false, error: "windowClosed" });
    for (const status of ["requested", "approved", "rejected"] as const) {
      expect(canRequestBooth(fair, "2026-05-20", { status })).toEqual({ ok: false, error: "alreadyRequested" });
    }
    expect(canRequestBooth(fair, "2026-05-20", { status: "withdrawn" })).toEqual({ ok: true });
  });

  it("numbers approvals after the highest number given and refuses beyond capacity", () => {
    expect(nextBoothNumber({ status: "requested" }, fair, 0, null)).toEqual({ ok: true, number: 1 });
    expect(nextBoothNumber({ status: "requested" }, fair, 2, 2)).toEqual({ ok: true, number: 3 });
    // Numbers are never reused, even when the count is lower than the highest number.
    expect(nextBoothNumber({ status: "requested" }, fair, 1, 2)).toEqual({ ok: true, number: 3 });
    expect(nextBoothNumber({ status: "requested" }, fair, 3, 3)).toEqual({ ok: false, error: "capacityReached" });
    expect(nextBoothNumber({ status: "approved" }, fair, 0, null)).toEqual({ ok: false, error: "notPending" });
    expect(nextBoothNumber({ status: "rejected" }, fair, 0, null)).toEqual({ ok: false, error: "notPending" });
  });

  it("rejects only pending requests", () => {
    expect(canRejectBooth({ status: "requested" })).toEqual({ ok: true });
    expect(canRejectBooth({ status: "approved" })).toEqual({ ok: false, error: "notPending" });
  });

  it("lets seekers pre-register for a published fair up to its day", () => {
    expect(canPreRegister(fair, "2026-06-10")).toEqual({ ok: true });
    expect(canPreRegister(fair, "2026-06-11")).toEqual({ ok: false, error: "fairOver" });
    expect(canPreRegister({ ...fair, status: "draft" }, "2026-06-01")).toEqual({ ok: false, error: "fairNotPublished" });
  });
});

describe("check-in codes", () => {
  it("uses 8 characters of an alphabet without look-alikes", () => {
    expect(CODE_ALPHABET).toHaveLength(31);
    for (const ch of "01OIL") expect(CODE_ALPHABET).not.toContain(ch);
    for (let i = 0; i < 200; i++) {
      const code = generateCheckInCode();
      expect(code).toHaveLength(CODE_LENGTH);
      expect([...code].every((c) => CODE_ALPHABET.includes(c))).toBe(true);
      expect(parseCheckInCode(code)).toEqual({ ok: true, code });
    }
  });

  it("accepts what people type and what the scanner reads", () => {
    const code = generateCheckInCode();
    expect(parseCheckInCode(displayCheckInCode(code).toLowerCase())).toEqual({ ok: true, code });
    expect(parseCheckInCode(` ${code.slice(0, 4)} ${code.slice(4)} `)).toEqual({ ok: true, code });
    expect(parseCheckInCode(qrPayload(code))).toEqual({ ok: true, code });
    expect(normalizeCheckInCode("ab-cd efgh")).toBe("ABCDEFGH");
    expect(displayCheckInCode("ABCDEFGH")).toBe("ABCD-EFGH");
  });

  it("refuses wrong lengths, foreign characters and every single typo or swap of neighbours", () => {
    expect(parseCheckInCode("ABC")).toEqual({ ok: false, error: "codeLength" });
    expect(parseCheckInCode("ABCDEFGHJ")).toEqual({ ok: false, error: "codeLength" });
    expect(parseCheckInCode("ABCD0FGH")).toEqual({ ok: false, error: "codeCharacters" });
    const code = generateCheckInCode();
    for (let pos = 0; pos < CODE_LENGTH; pos++) {
      for (const ch of CODE_ALPHABET) {
        if (ch === code[pos]) continue;
        const typo = code.slice(0, pos) + ch + code.slice(pos + 1);
        expect(parseCheckInCode(typo).ok, typo).toBe(false);
      }
    }
    for (let pos = 0; pos < CODE_LENGTH - 1; pos++) {
      if (code[pos] === code[pos + 1]) continue;
      const swapped = code.slice(0, pos) + code[pos + 1] + code[pos] + code.slice(pos + 2);
      expect(parseCheckInCode(swapped).ok, swapped).toBe(false);
    }
  });

  it("draws every character evenly from the random bytes (no modulo bias)", () => {
    const bytes = [250, 0, 1, 2, 3, 4, 5, 6, 7];
    let i = 0;
    const code = generateCheckInCode((n) => Uint8Array.from({ length: n }, () => bytes[i++ % bytes.length]));
    // 250 is above the largest multiple of 31 below 256 (248) and is skipped.
    expect(code.slice(0, 7)).toBe(CODE_ALPHABET.slice(0, 7));
  });
});

describe("the new-fair form", () => {
  it("saves a draft when 'publish now' is left unticked (the box is then absent from the post)", async () => {
    const { fairSchema } = await import("../../app/modules/fairs/forms");
    const fields = {
      title: "春季招聘会",
      fairDate: "2027-03-10",
      startsAt: "09:00",
      endsAt: "12:00",
      mode: "onsite",
      venue: "云江会堂",
      boothCapacity: "30",
      registrationOpens: "2027-02-01",
      registrationCloses: "2027-03-01",
    };
    expect(fairSchema.parse(fields).publishNow).toBe(false);
    expect(fairSchema.parse({ ...fields, publishNow: false }).publishNow).toBe(false);
    expect(fairSchema.parse({ ...fields, publishNow: "on" }).publishNow).toBe(true);
  });
});
