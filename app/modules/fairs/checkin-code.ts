/**
 * Check-in codes: 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L), the last a
 * check character so a mistyped code is caught before any lookup. Shown as XXXX-XXXX; typed with
 * or without the dash or spaces, in any case.
 */
export const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
export const CODE_LENGTH = 8;
const BODY_LENGTH = CODE_LENGTH - 1;

function checkCharacter(body: string): string {
  // Weighted sum (weights 1..7) modulo the alphabet size, 31, a prime: catches every single
  // substitution and every swap of two neighbouring characters.
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += (i + 1) * CODE_ALPHABET.indexOf(body[i]);
  return CODE_ALPHABET[sum % CODE_ALPHABET.length];
}

/** A new code from random bytes (crypto.getRandomValues in the caller's environment). */
export function generateCheckInCode(randomBytes: (n: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n))): string {
  let body = "";
  // Rejection sampling keeps every character equally likely (256 is not a multiple of 31).
  const limit = 256 - (256 % CODE_ALPHABET.length);
  while (body.length < BODY_LENGTH) {
    for (const b of randomBytes(BODY_LENGTH * 2)) {
      if (b >= limit) continue;
      body += CODE_ALPHABET[b % CODE_ALPHABET.length];
      if (body.length === BODY_LENGTH) break;
    }
  }
  return body + checkCharacter(body);
}

/** What a person typed or a scanner read, reduced to the code's characters (uppercase, no dash or spaces). */
export function normalizeCheckInCode(input: string): string {
  return input.toUpperCase().replace(/[\s\-_.]/g, "");
}

export type CodeCheck = { ok: true; code: string } | { ok: false; error: "codeLength" | "codeCharacters" | "codeCheck" };

/** Checks the format and the check character of a typed or scanned code. */
export function parseCheckInCode(input: string): CodeCheck {
  let code = normalizeCheckInCode(input);
  // A QR code made by the portal holds "YJFAIR:<code>"; accept it as the scanner hands it over.
  if (code.startsWith("YJFAIR:")) code = code.slice("YJFAIR:".length);
  if (code.length !== CODE_LENGTH) return { ok: false, error: "codeLength" };
  for (const ch of code) if (!CODE_ALPHABET.includes(ch)) return { ok: false, error: "codeCharacters" };
  if (checkCharacter(code.slice(0, BODY_LENGTH)) !== code[BODY_LENGTH]) return { ok: false, error: "codeCheck" };
  return { ok: true, code };
}

/** The code as people read it: ABCD-EFGH. */
export function displayCheckInCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** The text inside the QR image. */
export function qrPayload(code: string): string {
  return `YJFAIR:${code}`;
}
