import { describe, expect, it } from "vitest";
import { normalisePhone, parseIdentifier, storedPhone } from "../../app/modules/accounts/identifier";

describe("sign-in identifier", () => {
  it("reads a mobile number with spaces, dashes and +86 as its 11 digits", () => {
    for (const raw of [
      "13900000001",
      "139 0000 0001",
      "139-0000-0001",
      "+86 139 0000 0001",
      "+86-13900000001",
      "008613900000001",
      "8613900000001",
      " 13900000001 ",
    ]) {
      expect(normalisePhone(raw), raw).toBe("13900000001");
    }
  });

  it("refuses what is not a Chinese mobile number", () => {
    for (const raw of ["", "1390000000", "139000000012", "23900000001", "+1 13900000001", "0571-88886666", "139O0000001", "+86"]) {
      expect(normalisePhone(raw), raw).toBeNull();
    }
  });

  it("tells an email from a phone in the one sign-in field", () => {
    expect(parseIdentifier(" Seeker@Demo.TEST ")).toEqual({ kind: "email", value: "seeker@demo.test" });
    expect(parseIdentifier("+86 139-0000-0001")).toEqual({ kind: "phone", value: "13900000001" });
    // Anything else is looked up as an email: it matches nobody, and gets the same answer as a wrong password.
    expect(parseIdentifier("12345")).toEqual({ kind: "email", value: "12345" });
  });

  it("stores a mobile number normalised and a landline as typed", () => {
    expect(storedPhone("139-0000-0001")).toBe("13900000001");
    expect(storedPhone("0571-88886666")).toBe("0571-88886666");
    expect(storedPhone("  ")).toBeNull();
    expect(storedPhone(null)).toBeNull();
  });
});
