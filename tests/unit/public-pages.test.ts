import { describe, expect, it } from "vitest";
import {
  forgetPublicPages,
  keepPublicPage,
  keptPublicPage,
  PUBLIC_PAGE_TTL_MS,
  publicPageKey,
  withNonce,
  type PublicPage,
} from "../../app/lib/public-pages.server";

const anonymous = (url: string, extra: Partial<Parameters<typeof publicPageKey>[0]> = {}) =>
  publicPageKey({ method: "GET", url, cookie: undefined, language: "zh-CN", ...extra });
const page = (body: string, nonce = "n0nce+/A==", extra: Partial<PublicPage> = {}): PublicPage => ({
  status: 200,
  contentType: "text/html; charset=utf-8",
  body: Buffer.from(body),
  nonce,
  ...extra,
});

describe("which answers may be shared", () => {
  it("only anonymous GETs of the public job pages, one key per language and query", () => {
    expect(anonymous("/jobs")).toBe("zh-CN|/jobs");
    expect(anonymous("/jobs?q=%E9%92%88%E8%BD%A6&page=2")).toBe("zh-CN|/jobs?q=%E9%92%88%E8%BD%A6&page=2");
    expect(anonymous("/jobs/42")).toBe("zh-CN|/jobs/42");
    expect(anonymous("/jobs", { language: "en" })).toBe("en|/jobs");
    expect(anonymous("/jobs", { cookie: "lng=en; yj_session=abc" })).toBeNull();
    expect(anonymous("/jobs", { method: "POST" })).toBeNull();
    // CACHES=off (the benchmarks' uncached path): nothing is shared.
    expect(publicPageKey({ method: "GET", url: "/jobs", cookie: undefined, language: "zh-CN" }, () => false)).toBeNull();
    for (const other of [
      "/jobs.data",
      "/jobs?_data=routes%2Fjobs._index",
      "/jobs/manage",
      "/jobs/applications",
      "/jobs/42/edit",
      "/tickets",
      "/my",
      "/",
      "/jobs/profile",
    ]) {
      expect(anonymous(other), other).toBeNull();
    }
  });
});

describe("kept pages", () => {
  it("are kept for PUBLIC_PAGE_TTL_MS, and only 200 HTML pages rendered with a nonce", () => {
    forgetPublicPages();
    expect(keepPublicPage("k", page("<p>ok</p>"), 1_000)).toBe(true);
    expect(keptPublicPage("k", 1_000 + PUBLIC_PAGE_TTL_MS - 1)?.body.toString()).toBe("<p>ok</p>");
    expect(keptPublicPage("k", 1_000 + PUBLIC_PAGE_TTL_MS)).toBeNull();
    expect(keepPublicPage("a", page("x", "n", { status: 404 }))).toBe(false);
    expect(keepPublicPage("b", page("x", "n", { contentType: "application/json" }))).toBe(false);
    expect(keepPublicPage("c", page("x", ""))).toBe(false);
    expect(keptPublicPage("a") ?? keptPublicPage("b") ?? keptPublicPage("c")).toBeNull();
  });

  it("are cleared by forgetPublicPages (a posting changed)", () => {
    keepPublicPage("k", page("<p>old</p>"));
    forgetPublicPages();
    expect(keptPublicPage("k")).toBeNull();
  });

  it("carry each response's own nonce in every nonce attribute, and only there", () => {
    const kept = page(`<script nonce="old+/=">a()</script><p>old+/=</p><script nonce="old+/=" src="/b.js"></script>`, "old+/=");
    expect(withNonce(kept, "new").toString()).toBe(`<script nonce="new">a()</script><p>old+/=</p><script nonce="new" src="/b.js"></script>`);
    expect(withNonce(kept, "old+/=")).toBe(kept.body);
  });
});
