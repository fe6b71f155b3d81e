import { describe, expect, it } from "vitest";
import { flashCookie, readFlash, redirectWithFlash } from "../../app/lib/flash.server";

const request = (cookie?: string) => new Request("http://portal.test/x", { headers: cookie ? { cookie } : {} });
const valueOf = (setCookie: string) => setCookie.split(";")[0];

describe("flash messages", () => {
  it("carry a translation key to the next request, once, and are cleared there", () => {
    const response = redirectWithFlash("/members/7", "members:flash.approved", request());
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/members/7");
    const set = response.headers.get("Set-Cookie")!;
    expect(set).toMatch(/^yj_flash=.+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=60$/);
    const { flash, clear } = readFlash(request(valueOf(set)));
    expect(flash).toMatchObject({ key: "members:flash.approved", values: {} });
    expect(clear).toMatch(/^yj_flash=; .*Max-Age=0/);
  });

  it("keep interpolation values and a fresh id per message", () => {
    const a = readFlash(request(valueOf(flashCookie(request(), "jobs:flash.moved", { to: "interview" })))).flash;
    const b = readFlash(request(valueOf(flashCookie(request(), "jobs:flash.moved", { to: "interview" })))).flash;
    expect(a?.values).toEqual({ to: "interview" });
    expect(a?.id).not.toBe(b?.id);
  });

  it("ignore a forged or altered cookie (and clear it)", () => {
    const forged = `yj_flash=${Buffer.from(JSON.stringify({ id: "x", key: "members:flash.approved" })).toString("base64url")}.AAAA`;
    expect(readFlash(request(forged))).toMatchObject({ flash: null, clear: expect.stringContaining("Max-Age=0") });
    expect(readFlash(request("other=1"))).toEqual({ flash: null, clear: null });
  });

  it("refuse anything but a namespaced key", () => {
    expect(() => flashCookie(request(), "<b>hi</b>")).toThrow();
  });
});
