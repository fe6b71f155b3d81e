// A namespace import, never `import { z }` nor a re-export of it: either makes esbuild keep all of
// zod (its locales and JSON Schema tools, ~93 KB gzip) in every browser page with a form, where
// `z.object`, `z.string`... alone come to ~25 KB (docs/decisions/032-zod-in-the-browser.md).
import * as z from "zod";
import { isCalendarDay } from "./dates";
import { parseId } from "./ids";

/**
 * Every zod message in the portal is an i18n key (optionally with params after "|"), so the same
 * schema gives Chinese or English messages in the browser and on the server. Schemas may pass
 * their own key (e.g. "members:errors.creditCode"); everything else is mapped here.
 */
z.config({
  customError: (issue) => {
    switch (issue.code) {
      case "too_small":
        if (issue.origin === "string") return Number(issue.minimum) <= 1 ? "forms.required" : withParams("forms.tooShort", { min: Number(issue.minimum) });
        if (issue.origin === "array" || issue.origin === "set") return withParams("forms.chooseAtLeast", { min: Number(issue.minimum) });
        return withParams("forms.tooSmall", { min: Number(issue.minimum) });
      case "too_big":
        if (issue.origin === "string") return withParams("forms.tooLong", { max: Number(issue.maximum) });
        if (issue.origin === "array" || issue.origin === "set") return withParams("forms.tooMany", { max: Number(issue.maximum) });
        return withParams("forms.tooBig", { max: Number(issue.maximum) });
      case "invalid_type":
        return issue.input === undefined || issue.input === null || issue.input === "" ? "forms.required" : "forms.invalid";
      case "invalid_format":
        return issue.format === "email" ? "forms.email" : issue.format === "date" ? "forms.date" : "forms.invalid";
      case "invalid_value":
        return "forms.choose";
      case "not_multiple_of":
        return "forms.invalid";
      default:
        return "forms.invalid";
    }
  },
});

export function withParams(key: string, params: Record<string, string | number>): string {
  return `${key}|${JSON.stringify(params)}`;
}

export { parseMessage } from "./messages";

export type FieldErrors = Record<string, string>;

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_form";
    errors[key] ??= issue.message;
  }
  return errors;
}

/** Reads a form into a plain object: repeated names become arrays, files are left out. */
export function formValues(formData: FormData): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value !== "string") continue;
    const existing = values[key];
    if (existing === undefined) values[key] = value;
    else values[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return values;
}

export type Parsed<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors; values: Record<string, string | string[]> };

/** Validates a submitted form; on failure returns the errors and what was typed, so nothing is lost. */
export function parseForm<S extends z.ZodType>(schema: S, formData: FormData): Parsed<z.output<S>> {
  const values = formValues(formData);
  const safeValues = () => safeValuesOf(values);
  // PostgreSQL text cannot hold U+0000: refuse it here as a field error instead of failing in the database.
  const withNul = Object.keys(values).filter((k) =>
    (Array.isArray(values[k]) ? (values[k] as string[]) : [values[k] as string]).some((v) => v.includes("\u0000")),
  );
  if (withNul.length) return { ok: false, errors: Object.fromEntries(withNul.map((k) => [k, "forms.invalid"])), values: safeValues() };
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, errors: fieldErrorsOf(result.error), values: safeValues() };
}

/** What was typed, to show again with errors: passwords left out, NUL characters removed. */
export function safeFormValues(formData: FormData): Record<string, string | string[]> {
  return safeValuesOf(formValues(formData));
}

function safeValuesOf(values: Record<string, string | string[]>): Record<string, string | string[]> {
  return Object.fromEntries(
    Object.entries(values)
      .filter(([k]) => !/password/i.test(k))
      .map(([k, v]) => [k, withoutNul(v)]),
  );
}

function withoutNul(v: string | string[]): string | string[] {
  return Array.isArray(v) ? v.map((s) => s.replaceAll("\u0000", "")) : v.replaceAll("\u0000", "");
}

/**
 * A URL's query as a plain object for a zod filter schema: the last value of each name, NUL
 * characters removed (PostgreSQL text cannot hold them), each value cut at 1,000 characters.
 */
export function queryValues(url: string | URL): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new URL(url).searchParams) out[k] = v.replaceAll("\u0000", "").slice(0, 1000);
  return out;
}

// Reusable field shapes. Form fields arrive as strings: empty means "not given".
export const text = (max = 200) => z.string().trim().min(1).max(max);
export const optionalText = (max = 200) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : null));
export const intField = (min = 0, max = 2_147_483_647) => z.coerce.number().int().min(min).max(max);
export const checkbox = z
  .union([z.boolean(), z.literal("on"), z.literal("true"), z.literal("1"), z.literal(""), z.undefined()])
  // .optional(): an unticked box is absent from the form, and zod 4 wants a missing key declared optional.
  .optional()
  .transform((v) => v === true || v === "on" || v === "true" || v === "1");
export const email = z.string().trim().toLowerCase().max(254).pipe(z.email());
export const phone = z
  .string()
  .trim()
  .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, "forms.phone");
/** A calendar day YYYY-MM-DD that exists (2027-02-30 does not): see app/lib/dates.ts. */
export const isoDate = z.string().trim().refine(isCalendarDay, "forms.date");
/**
 * A time typed in a datetime-local field (YYYY-MM-DDTHH:MM), read as Shanghai time; its day must
 * exist (2027-02-30 does not). `message` is the area's i18n key for a bad value.
 */
export const shanghaiDateTime = (message = "forms.date") =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/, message)
    .refine((s) => isCalendarDay(s.slice(0, 10)), message)
    .transform((s) => new Date(`${s}:00+08:00`))
    .refine((d) => !Number.isNaN(d.getTime()), message);
/** The same, or "" / absent for "not given" (a filter's from/to): null then. */
export const optionalIsoDate = z
  .string()
  .trim()
  .optional()
  .refine((s) => !s || isCalendarDay(s), "forms.date")
  .transform((s) => (s ? s : null));
/**
 * A database id from a form or a query string: a positive int32 (app/lib/ids.ts), else the field
 * error `message` ("forms.choose" by default): "0", "1.5", "2147483648" never reach SQL.
 */
export const idFieldWith = (message = "forms.choose") =>
  z.union([z.string(), z.number()]).transform((v, ctx) => {
    const id = parseId(v);
    if (id === null) {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    }
    return id;
  });
export const idField = idFieldWith();
/** An id that may be left empty ("" or absent → null); anything else must be a valid id. */
export const optionalIdField = z
  .union([z.string(), z.number()])
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || (typeof v === "string" && v.trim() === "")) return null;
    const id = parseId(v);
    if (id === null) {
      ctx.addIssue({ code: "custom", message: "forms.choose" });
      return z.NEVER;
    }
    return id;
  });
/** A list filter's id from a query string: a valid id, else no filter (undefined); shared links age. */
export const filterIdField = z
  .string()
  .transform((v) => parseId(v) ?? undefined)
  .optional()
  .catch(undefined);
/** Yuan typed by a person, kept as integer fen. */
export const yuanToFen = z.coerce
  .number()
  .min(0)
  .max(1e12)
  .transform((y) => Math.round(y * 100));
