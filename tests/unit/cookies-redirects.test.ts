import { describe, expect, it } from "vitest";
import { flashCookie, readFlash } from "../../app/lib/flash.server";
import { cookieValue, parseCookieHeader, SESSION_COOKIE } from "../../app/lib/cookies";
import { safeRedirectPath } from "../../app/lib/redirects";
import { languageOf } from "../../app/lib/i18n";
import { publicPageKey } from "../../app/lib/public-pages.server";

describe("the cookie parser", () => {
  it("reads names as sent and values percent-decoded", () => {
    const c = parseCookieHeader('lng=en; yj_session=abc; note=%E4%B8%AD; q="quoted"');
    expect(Object.fromEntries(c)).toEqual({ lng: "en", yj_session: "abc", note: "中", q: "quoted" });
    // An encoded name is another cookie: nobody's session.
    expect(cookieValue("yj%5Fsession=abc", SESSION_COOKIE)).toBeNull();
    expect(cookieValue("%79j_session=abc", SESSION_COOKIE)).toBeNull();
  });

  it("ignores unparsable cookies instead of throwing, and keeps the others", () => {
    for (const header of ["promo=50%off", "%E0%A4%A=1", "a=%; b=%%", "yj_session=%zz", "=x", "noequals", "bad name=1"]) {
      expect(() => parseCookieHeader(header), header).not.toThrow();
    }
    expect(Object.fromEntries(parseCookieHeader("promo=50%off; yj_session=tok; lng=%E0%A4%A"))).toEqual({ yj_session: "tok" });
    expect(cookieValue("yj_session=%zz", SESSION_COOKIE)).toBeNull();
  });

  it("is the one the language and the public page cache use", () => {
    expect(languageOf({ url: "/", cookie: "promo=50%off; lng=en", acceptLanguage: null })).toBe("en");
    expect(languageOf({ url: "/", cookie: "lng=%E0%A4%A", acceptLanguage: "en" })).toBe("en");
    const key = (cookie: string) => publicPageKey({ method: "GET", url: "/jobs", cookie, language: "zh-CN" });
    expect(key("yj_session=tok")).toBeNull();
    expect(key("lng=en;yj_session=tok")).toBeNull();
    // Not a session for the session code either: an anonymous rendering, which may be shared.
    expect(key("yj%5Fsession=tok")).toBe("zh-CN|/jobs");
    expect(key("promo=50%off")).toBe("zh-CN|/jobs");
    // A one-shot message waiting for this visitor: their own page, never shared nor served from the cache.
    expect(key("yj_flash=abc.sig")).toBeNull();
  });

  it("is the one the flash messages use", () => {
    const set = flashCookie(new Request("http://portal.test/x"), "jobs:flash.applied").split(";")[0];
    const read = (cookie: string) => readFlash(new Request("http://portal.test/x", { headers: { cookie } })).flash;
    expect(read(`promo=50%off; ${set}`)?.key).toBe("jobs:flash.applied");
    // A name is taken as sent: yj%5Fflash is not the flash cookie.
    expect(read(set.replace("yj_flash", "yj%5Fflash"))).toBeNull();
  });
});

describe("safeRedirectPath", () => {
  it("keeps same-origin paths, normalised", () => {
    expect(safeRedirectPath("/jobs?q=%E9%92%88#top")).toBe("/jobs?q=%E9%92%88#top");
    expect(safeRedirectPath("/tickets/12")).toBe("/tickets/12");
    expect(safeRedirectPath("/a/../members")).toBe("/members");
    expect(safeRedirectPath("/@evil.example")).toBe("/@evil.example");
    expect(safeRedirectPath("/%2f%2fevil.example")).toBe("/%2f%2fevil.example");
  });

  it("refuses every way out, by family", () => {
    const out = [
      "/\t/evil.example",
      "/\n/evil.example",
      "/\r/evil.example",
      "/\t\\evil.example",
      "\t//evil.example",
      " //evil.example",
      "/\\evil.example",
      "\\\\evil.example",
      "/\\/evil.example",
      "//evil.example",
      "///evil.example",
      "/.//evil.example",
      "/%2e//evil.example",
      "https://evil.example",
      "javascript:alert(1)",
      "data:text/html,x",
      "HTTP://evil.example",
      "//user@evil.example",
      "http://portal.invalid@evil.example",
      "",
      null,
      undefined,
    ];
    for (const to of out) expect(safeRedirectPath(to, "/home"), JSON.stringify(to)).toBe("/home");
  });
});
