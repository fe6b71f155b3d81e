// The bad inputs every form action is fed (tests/e2e/bad-input.spec.ts over HTTP; module-level
// tests use the same list). Each must give a 4xx or a form error: never a 500, never a trace.
import type { FormValues } from "./http";

export const badValues: { label: string; value: string | string[] }[] = [
  { label: "empty", value: "" },
  { label: "blank", value: "   " },
  { label: "100 KB string", value: "长".repeat(100 * 1024) },
  { label: "wrong type (text for a number)", value: "abc" },
  { label: "negative", value: "-1" },
  { label: "huge number", value: "99999999999999999999999999" },
  { label: "overflowing float", value: "1e309" },
  { label: "NaN", value: "NaN" },
  { label: "fraction", value: "0.5" },
  { label: "invalid date", value: "2026-02-30" },
  { label: "impossible date (Feb 30)", value: "2027-02-30" },
  { label: "impossible date (Apr 31)", value: "2027-04-31" },
  { label: "impossible date (month 13)", value: "2027-13-01" },
  { label: "impossible date (year 0)", value: "0000-01-01" },
  { label: "garbage date", value: "31/12/2026 25:61" },
  { label: "SQL payload", value: "' OR '1'='1'; DROP TABLE users; --" },
  { label: "SQL union", value: "1 UNION SELECT password_hash FROM users" },
  { label: "script payload", value: "<script>alert(1)</script>" },
  { label: "HTML attribute payload", value: '"><img src=x onerror=alert(1)>' },
  { label: "invalid credit code", value: "91330381MA2AAAAAA0" },
  { label: "mismatched id (another record)", value: "2" },
  { label: "mismatched id (absent)", value: "2147483648" },
  // The id edge family (every id field also gets the values above: -1, abc, huge, 0.5).
  { label: "id zero", value: "0" },
  { label: "id int32 max", value: "2147483647" },
  { label: "id below int32 min", value: "-2147483649" },
  { label: "id fractional", value: "1.5" },
  { label: "mismatched uuid", value: "00000000-0000-0000-0000-000000000000" },
  { label: "NUL byte", value: "a\u0000b" },
  { label: "lone surrogate and RTL", value: "\uD800\u202Eabc" },
  { label: "repeated field", value: ["1", "2"] },
  { label: "prototype key", value: '{"__proto__":{"admin":true}}' },
];

export type Variant = { label: string; form: FormValues };

let counter = 0;
/** Replaces "{unique}" with a fresh token (several variants may succeed: each needs its own email). */
export function withUnique(form: Record<string, string>): Record<string, string> {
  const token = `bad${Date.now().toString(36)}${(counter++).toString(36)}`;
  return Object.fromEntries(Object.entries(form).map(([k, v]) => [k, v.replaceAll("{unique}", token)]));
}

/**
 * The variants for one action: everything missing, each field missing, each field replaced by
 * each bad value (the others kept valid), and unexpected extra fields.
 */
export function variantsOf(base: Record<string, string>, intent?: string): Variant[] {
  const withIntent = (form: FormValues): FormValues => (intent ? { ...form, intent } : form);
  const fields = Object.keys(base);
  const variants: Variant[] = [{ label: "all fields missing", form: withIntent({}) }];
  for (const field of fields) {
    const { [field]: _dropped, ...rest } = withUnique(base);
    variants.push({ label: `${field} missing`, form: withIntent(rest) });
    for (const bad of badValues) variants.push({ label: `${field}: ${bad.label}`, form: withIntent({ ...withUnique(base), [field]: bad.value }) });
  }
  variants.push({
    label: "unexpected extra fields",
    form: withIntent({ ...withUnique(base), role: "admin", userId: "demo-admin", id: "1", enterpriseId: "2", extra: "x".repeat(100 * 1024) }),
  });
  if (intent) variants.push({ label: "unknown intent", form: { ...withUnique(base), intent: "<script>alert(1)</script>" } });
  // Intents named like Object.prototype keys: unknown intents (400), never a 500. Sent to every
  // form, with or without intents (a form without them must ignore the field).
  for (const name of protoIntents) variants.push({ label: `intent named ${name}`, form: { ...withUnique(base), intent: name } });
  return variants;
}

export const protoIntents = ["toString", "constructor", "__proto__", "hasOwnProperty", "valueOf", "__defineGetter__"];

/** The id edge family every id in a URL is tried with (tests/e2e/bad-input.spec.ts). */
export const idEdges = ["0", "-1", "2147483647", "2147483648", "-2147483649", "99999999999999999999999999", "1.5", "abc", "1e3", "%20"];

/**
 * The id segments of a route's URL: for "fairs.$id.report[.csv].tsx" and "/fairs/1/report.csv",
 * [{ index: 1, param: "id" }]. Index into `path.split("/").slice(1)`. Params that are not
 * database integers (a user's text id, "me", a password-reset token) are left out by `textParams`.
 */
export function idSegments(file: string, textParams: readonly string[] = ["seekerId", "attachmentId", "token"]): { index: number; param: string }[] {
  const name = file.replace(/\.(tsx?|jsx?)$/, "");
  // Split on dots outside [brackets] (escaped dots belong to the segment: "report[.csv]").
  const segments: string[] = [];
  let current = "";
  let depth = 0;
  for (const ch of name) {
    if (ch === "[") depth++;
    if (ch === "]") depth--;
    if (ch === "." && depth === 0) {
      segments.push(current);
      current = "";
    } else current += ch;
  }
  segments.push(current);
  const urlSegments = segments.filter((s) => s !== "_index" && !s.startsWith("_"));
  return urlSegments.flatMap((s, index) => (s.startsWith("$") && !textParams.includes(s.slice(1)) ? [{ index, param: s.slice(1) }] : []));
}

/** `path` with its `index`-th segment replaced by `value` (the query string kept). */
export function withSegment(path: string, index: number, value: string): string {
  const [pathname, query] = path.split("?");
  const parts = pathname.split("/").slice(1);
  parts[index] = value;
  return `/${parts.join("/")}${query ? `?${query}` : ""}`;
}
