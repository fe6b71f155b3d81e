/**
 * The one Cookie-header parser: the session, the language and the public page cache all read
 * cookies through it, so they never disagree on who is signed in.
 *
 * - A name is taken as sent (RFC 6265 names are tokens: never percent-decoded), so `yj%5Fsession`
 *   is not the session cookie for anyone.
 * - A value is percent-decoded; a cookie whose value cannot be decoded (broken %-encoding, e.g.
 *   `promo=50%off` set by another site on the parent domain) or whose name is not a token is
 *   ignored, never an error.
 * - When a name comes twice, the first wins (browsers send the most specific path first).
 */
export const SESSION_COOKIE = "yj_session";
/** One-shot success messages (app/lib/flash.server.ts). */
export const FLASH_COOKIE = "yj_flash";

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export function parseCookieHeader(header: string | null | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  if (!header) return cookies;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (!TOKEN.test(name) || cookies.has(name)) continue;
    let value = part.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    if (value.includes("%")) {
      try {
        value = decodeURIComponent(value);
      } catch {
        continue;
      }
    }
    cookies.set(name, value);
  }
  return cookies;
}

/** One cookie's value, or null when absent or unparsable. */
export function cookieValue(header: string | null | undefined, name: string): string | null {
  return parseCookieHeader(header).get(name) ?? null;
}
