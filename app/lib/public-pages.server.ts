import { cacheBus } from "./cache-bus.server";

/**
 * A two-second cache of the public job pages as sent to visitors without an account.
 *
 * On a fair day 1,500 seekers open the same few pages (the list, a popular search, a posting):
 * rendering each of them anew costs the portal's CPU, and the page is byte for byte the same for
 * every anonymous visitor in a given language. So the HTTP server (app/server.js) keeps such a page
 * for PUBLIC_PAGE_TTL_MS and sends the kept bytes, with one difference: the CSP nonce. Every
 * response still gets a fresh nonce, written in place of the one the page was rendered with.
 *
 * Only GET requests without a session or flash cookie (read by the session code's own parser, app/lib/cookies.ts),
 * only the paths below, only 200 text/html answers that set no cookie, and only pages whose route
 * said so (`sharePublicPage`): the route asks the session it validated (no one signed in) and the
 * record (an open posting), so a signed-in rendering or a hidden or closed posting is never kept,
 * whatever the Cookie header looked like. A change to a posting through the jobs module clears the cache.
 */
import { FLASH_COOKIE, parseCookieHeader, SESSION_COOKIE } from "./cookies";
import { cachesEnabled } from "./cache.server";

export const PUBLIC_PAGE_TTL_MS = 2_000;

const CACHEABLE_PATHS = [/^\/jobs\/?$/, /^\/jobs\/\d{1,9}\/?$/];

export type PublicPage = { status: number; contentType: string; body: Buffer; nonce: string };

const MAX_PAGES = 300;
const pages = new Map<string, { at: number; page: PublicPage }>();

/** The cache key of a request, or null when its answer must not be shared. */
export function publicPageKey(
  input: { method: string; url: string; cookie: string | undefined; language: string },
  enabled: () => boolean = cachesEnabled,
): string | null {
  if (input.method !== "GET" || !enabled()) return null;
  const cookies = parseCookieHeader(input.cookie);
  // A session, or a one-shot message waiting to be shown (and cleared): that page is this visitor's own.
  if (cookies.has(SESSION_COOKIE) || cookies.has(FLASH_COOKIE)) return null;
  const url = new URL(input.url, "http://portal.invalid");
  if (!CACHEABLE_PATHS.some((p) => p.test(url.pathname))) return null;
  // Remix's data requests (client navigation) are not pages.
  if (url.pathname.endsWith(".data") || url.searchParams.has("_data")) return null;
  return `${input.language}|${url.pathname}${url.search}`;
}

/**
 * The mark a route's loader sets when its page may be shared: the HTTP server puts a fresh
 * `{ shareable: false }` in the load context of every request it might keep, and keeps the answer
 * only if a loader set it. Call it only with the validated session's actor null.
 */
export type PublicPageMark = { shareable: boolean };

export function sharePublicPage(context: unknown): void {
  const mark = (context as { publicPage?: PublicPageMark } | null | undefined)?.publicPage;
  if (mark) mark.shareable = true;
}

/** A kept page, if one is fresh. */
export function keptPublicPage(key: string, now = Date.now()): PublicPage | null {
  const entry = pages.get(key);
  if (!entry) return null;
  if (now - entry.at >= PUBLIC_PAGE_TTL_MS) {
    pages.delete(key);
    return null;
  }
  return entry.page;
}

/** Keeps a page that may be shared: a 200 HTML answer rendered with a nonce. */
export function keepPublicPage(key: string, page: PublicPage, now = Date.now()): boolean {
  if (page.status !== 200 || !page.contentType.startsWith("text/html") || !page.nonce) return false;
  pages.delete(key);
  pages.set(key, { at: now, page });
  if (pages.size > MAX_PAGES) pages.delete(pages.keys().next().value!);
  return true;
}

const BUS_NAME = "public-pages";
cacheBus.register(BUS_NAME, () => pages.clear());

/** Forgets every kept page, in every process (through the cache bus). */
export function forgetPublicPages(): void {
  cacheBus.clear(BUS_NAME);
}

/** The kept page's bytes with `nonce` in place of the one it was rendered with. */
export function withNonce(page: PublicPage, nonce: string): Buffer {
  if (!nonce || nonce === page.nonce) return page.body;
  return Buffer.from(page.body.toString("utf8").split(`nonce="${page.nonce}"`).join(`nonce="${nonce}"`), "utf8");
}
