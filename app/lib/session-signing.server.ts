import { createHmac, timingSafeEqual } from "node:crypto";
import { settings } from "./env.server";

// SESSION_SECRET signs the session cookie: its value is "<session id>.<HMAC-SHA256 of the id>".
// A cookie whose signature does not match is treated as no cookie, before any database query
// (a forged or guessed value costs nothing), and changing SESSION_SECRET signs everybody out.
// Outside production, without SESSION_SECRET, a fixed development key is used (not a secret).
const DEVELOPMENT_KEY = "yunjiang-development-session-key (not a secret)";

function mac(id: string, key: string): string {
  return createHmac("sha256", key).update(id).digest("base64url");
}

export function signSessionId(id: string, key: string = settings().SESSION_SECRET ?? DEVELOPMENT_KEY): string {
  return `${id}.${mac(id, key)}`;
}

/** The session id of a signed cookie value, or null when unsigned or signed with another key. */
export function verifiedSessionId(value: string | null | undefined, key: string = settings().SESSION_SECRET ?? DEVELOPMENT_KEY): string | null {
  if (!value) return null;
  const dot = value.lastIndexOf(".");
  if (dot <= 0) return null;
  const id = value.slice(0, dot);
  const given = Buffer.from(value.slice(dot + 1));
  const expected = Buffer.from(mac(id, key));
  return given.length === expected.length && timingSafeEqual(given, expected) ? id : null;
}
