import { redirect } from "@remix-run/node";
import { randomUUID } from "node:crypto";
import { cookieValue, FLASH_COOKIE } from "./cookies";
import { isHttps } from "./request.server";
import { signSessionId, verifiedSessionId } from "./session-signing.server";

/**
 * One-shot success messages ("flash"): an action that changed something redirects with
 * `redirectWithFlash(url, "members:flash.approved", request)`; the message rides in a short-lived
 * signed cookie, the root loader reads it once (and clears it), and <FlashMessage> in the layout
 * shows it in a live region, so screen readers announce it. The cookie holds a translation key,
 * never text: the message is shown in the page's language.
 */
export { FLASH_COOKIE };
const MAX_AGE_SECONDS = 60;

export type Flash = {
  /** Unique per message: the layout shows a message once, on the page it was set for. */
  id: string;
  /** A translation key, with its namespace ("tickets:flash.referred"). */
  key: string;
  /** Interpolation values and i18next's `context`. */
  values?: Record<string, string | number>;
};

const KEY_PATTERN = /^[a-z][A-Za-z0-9]*:[A-Za-z0-9_.]+$/;

function encode(flash: Flash): string {
  return Buffer.from(JSON.stringify(flash)).toString("base64url");
}

function cookie(request: Request, value: string, maxAge: number): string {
  return `${FLASH_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${isHttps(request) ? "; Secure" : ""}`;
}

/** The Set-Cookie header that carries a message to the next page. */
export function flashCookie(request: Request, key: string, values?: Flash["values"]): string {
  if (!KEY_PATTERN.test(key)) throw new Error(`Not a flash message key: ${key}`);
  return cookie(request, signSessionId(encode({ id: randomUUID(), key, ...(values ? { values } : {}) })), MAX_AGE_SECONDS);
}

/** A redirect after a successful change, with its success message. */
export function redirectWithFlash(url: string, key: string, request: Request, values?: Flash["values"], init?: { headers?: HeadersInit }): Response {
  const headers = new Headers(init?.headers);
  headers.append("Set-Cookie", flashCookie(request, key, values));
  return redirect(url, { headers });
}

/** The message waiting for this request, if any, and the header that clears it (read once). */
export function readFlash(request: Request): { flash: Flash | null; clear: string | null } {
  // The one cookie parser (app/lib/cookies.ts), as for the session and the page cache.
  const value = cookieValue(request.headers.get("cookie"), FLASH_COOKIE);
  if (value === null) return { flash: null, clear: null };
  const clear = cookie(request, "", 0);
  const payload = verifiedSessionId(value);
  if (!payload) return { flash: null, clear };
  try {
    const parsed = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Partial<Flash>;
    if (typeof parsed.id !== "string" || typeof parsed.key !== "string" || !KEY_PATTERN.test(parsed.key)) return { flash: null, clear };
    const values: Record<string, string | number> = {};
    for (const [k, v] of Object.entries(parsed.values ?? {})) if (typeof v === "string" || typeof v === "number") values[k] = v;
    return { flash: { id: parsed.id, key: parsed.key, values }, clear };
  } catch {
    return { flash: null, clear };
  }
}
