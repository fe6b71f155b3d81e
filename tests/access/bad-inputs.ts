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
  { label: "garbage date", value: "31/12/2026 25:61" },
  { label: "SQL payload", value: "' OR '1'='1'; DROP TABLE users; --" },
  { label: "SQL union", value: "1 UNION SELECT password_hash FROM users" },
  { label: "script payload", value: "<script>alert(1)</script>" },
  { label: "HTML attribute payload", value: "\"><img src=x onerror=alert(1)>" },
  { label: "invalid credit code", value: "91330381MA2AAAAAA0" },
  { label: "mismatched id (another record)", value: "2" },
  { label: "mismatched id (absent)", value: "2147483648" },
  { label: "mismatched uuid", value: "00000000-0000-0000-0000-000000000000" },
  { label: "NUL byte", value: "a\u0000b" },
  { label: "lone surrogate and RTL", value: "\uD800\u202Eabc" },
  { label: "repeated field", value: ["1", "2"] },
  { label: "prototype key", value: "{\"__proto__\":{\"admin\":true}}" },
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
  variants.push({ label: "unexpected extra fields", form: withIntent({ ...withUnique(base), role: "admin", userId: "demo-admin", id: "1", enterpriseId: "2", extra: "x".repeat(100 * 1024) }) });
  if (intent) variants.push({ label: "unknown intent", form: { ...withUnique(base), intent: "<script>alert(1)</script>" } });
  return variants;
}
