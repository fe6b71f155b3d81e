import { describe, expect, it } from "vitest";
import { signSessionId, verifiedSessionId } from "../../app/lib/session-signing.server";

describe("session cookie signing (SESSION_SECRET)", () => {
  const key = "a-long-enough-session-secret";
  it("gives back the id of a value it signed", () => {
    expect(verifiedSessionId(signSessionId("abc123", key), key)).toBe("abc123");
  });
  it("refuses an unsigned, tampered or otherwise-keyed value", () => {
    const signed = signSessionId("abc123", key);
    expect(verifiedSessionId("abc123", key)).toBeNull();
    expect(verifiedSessionId(signed.replace("abc123", "abc124"), key)).toBeNull();
    expect(verifiedSessionId(`${signed.slice(0, -1)}${signed.endsWith("A") ? "B" : "A"}`, key)).toBeNull();
    expect(verifiedSessionId(signed, "another-session-secret-value")).toBeNull();
    expect(verifiedSessionId("", key)).toBeNull();
    expect(verifiedSessionId(".", key)).toBeNull();
    expect(verifiedSessionId(null, key)).toBeNull();
  });
});
