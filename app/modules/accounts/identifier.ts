/**
 * What a person types into the sign-in field: an email address or a Chinese mobile number.
 * Pure (no server imports): the form, the login and the tests share it.
 */
export type Identifier = { kind: "email"; value: string } | { kind: "phone"; value: string };

/** A Chinese mobile number, spaces and dashes ignored, optional +86 / 0086 / 86 prefix: its 11 digits, or null. */
export function normalisePhone(raw: string): string | null {
  let s = raw.trim().replace(/[\s-]/g, "");
  if (s.startsWith("+86")) s = s.slice(3);
  else if (s.startsWith("0086")) s = s.slice(4);
  else if (s.length === 13 && s.startsWith("86")) s = s.slice(2);
  return /^1\d{10}$/.test(s) ? s : null;
}

/** Phones are stored in this form: a mobile number as its 11 digits; anything else (a landline) trimmed as given. */
export function storedPhone(raw: string | null | undefined): string | null {
  if (raw == null || raw.trim() === "") return null;
  return normalisePhone(raw) ?? raw.trim();
}

/** An email (lower-cased) when the input has an @, a mobile number when it reads as one; otherwise treated as an email that matches nobody. */
export function parseIdentifier(raw: string): Identifier {
  const trimmed = raw.trim();
  if (!trimmed.includes("@")) {
    const phone = normalisePhone(trimmed);
    if (phone) return { kind: "phone", value: phone };
  }
  return { kind: "email", value: trimmed.toLowerCase() };
}
