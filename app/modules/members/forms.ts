import { membershipStatuses, membershipTypes, publicFieldNames, segments } from "./constants";
import { isCalendarDay } from "../../lib/dates";
import * as z from "zod";
import { email, idField, optionalText, phone, text } from "../../lib/validation";
import { passwordField } from "../accounts/forms";
import { isValidCreditCode, normaliseCreditCode } from "./credit-code";

export { membershipStatuses, membershipTypes, publicFieldNames, segments };

/** A credit code as typed: normalised, then checked with its GB 32100-2015 check character. */
export const creditCodeField = z
  .string()
  .transform((v) => normaliseCreditCode(v ?? ""))
  .pipe(
    z
      .string()
      .min(1, "forms.required")
      .refine((v) => isValidCreditCode(v), "members:errors.creditCode"),
  );

const optionalEmail = z
  .string()
  .trim()
  .max(254)
  .optional()
  .transform((v) => (v ? v.toLowerCase() : null))
  .pipe(z.union([z.null(), z.email("forms.email")]));

/** An optional whole number: blank (or absent) is null, "not given", never 0. */
const optionalIntFrom = (min: number, max: number) =>
  z
    .union([z.string(), z.number(), z.null()])
    .optional()
    .transform((v) => (v === undefined || v === null ? null : typeof v === "number" ? v : v.trim() === "" ? null : Number(v.trim())))
    .pipe(z.number().int("forms.invalid").min(min).max(max).nullable());

/** A calendar day YYYY-MM-DD that exists (2026-02-30 does not). */
const calendarDay = z
  .string()
  .trim()
  .refine((s) => isCalendarDay(s) && s >= "2000-01-01" && s <= "2100-12-31", "forms.date");

/** A ticked checkbox posts "on"; an unticked one posts nothing (the key is absent). */
const tick = z
  .unknown()
  .optional()
  .transform((v) => v === true || v === "on" || v === "true" || v === "1");

/** Annual output typed in 万元 (ten thousand yuan), kept in fen; blank is null ("not given"). */
const outputWan = z
  .union([z.string(), z.number(), z.null()])
  .optional()
  .transform((v) => (v === undefined || v === null ? null : typeof v === "number" ? v : v.trim() === "" ? null : Number(v.trim())))
  .pipe(z.number().min(0).max(100_000_000).nullable())
  .transform((wan) => (wan === null ? null : Math.round(wan * 1_000_000)));

/** The optional figures as a form shows them: a blank field for "not given" (never "0"). */
export function optionalFiguresText(p: { annualOutputFen: number | null; employees: number | null; exportSharePct: number | null }) {
  const text = (v: number | null) => (v === null ? "" : String(v));
  return {
    annualOutputWan: p.annualOutputFen === null ? "" : String(p.annualOutputFen / 1_000_000),
    employees: text(p.employees),
    exportSharePct: text(p.exportSharePct),
  };
}

/** Nothing ticked arrives as no field (a plain post), or as false or "" (react-hook-form): none shown. */
const publicFieldsField = z
  .union([z.array(z.string()), z.string(), z.literal(false)])
  .optional()
  .transform((v) => (v === undefined || v === false || v === "" ? [] : Array.isArray(v) ? v : [v]))
  .pipe(z.array(z.enum(publicFieldNames)));

/** The enterprise profile: /join, the staff edit form and each CSV import row share it. */
export const enterpriseProfileShape = {
  name: text(100),
  creditCode: creditCodeField,
  legalRep: text(40),
  address: text(200),
  village: text(40),
  segment: z.enum(segments, "members:errors.segment"),
  aboveSize: tick,
  annualOutputWan: outputWan,
  employees: optionalIntFrom(0, 1_000_000),
  exportSharePct: optionalIntFrom(0, 100),
  contactPerson: text(40),
  phone,
  email: optionalEmail,
};

export const enterpriseProfileSchema = z.object({ ...enterpriseProfileShape, publicFields: publicFieldsField });
export type EnterpriseProfileInput = z.output<typeof enterpriseProfileSchema>;

export const joinApplicationSchema = z
  .object({
    ...enterpriseProfileShape,
    publicFields: publicFieldsField,
    associationId: idField,
    displayName: text(60),
    userEmail: email,
    password: passwordField,
    confirmPassword: z.string().max(128),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "auth:register.mismatch" });
export type JoinApplicationInput = z.output<typeof joinApplicationSchema>;

export const decideApplicationSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("approve"), type: z.enum(membershipTypes).default("member") }),
  z.object({ intent: z.literal("reject"), reason: text(500) }),
]);

export const contactSchema = z.object({
  contactPerson: text(40),
  phone,
  email: optionalEmail,
  address: text(200),
  publicFields: publicFieldsField,
});
export type ContactInput = z.output<typeof contactSchema>;

export const changeRequestSchema = z
  .object({
    name: optionalText(100),
    creditCode: z
      .string()
      .optional()
      .transform((v) => (v && v.trim() ? normaliseCreditCode(v) : null))
      .refine((v) => v === null || isValidCreditCode(v), "members:errors.creditCode"),
    note: optionalText(500),
  })
  .refine((v) => v.name !== null || v.creditCode !== null, { path: ["name"], message: "members:errors.changeNothing" });

export const statusChangeSchema = z.object({
  membershipId: idField,
  status: z.enum(membershipStatuses),
  reason: optionalText(500),
});

export const typeChangeSchema = z.object({
  membershipId: idField,
  type: z.enum(membershipTypes),
  reason: optionalText(500),
});

export const addMembershipSchema = z.object({
  associationId: idField,
  type: z.enum(membershipTypes),
});

export const duesPaidSchema = z.object({
  duesId: idField,
  paidOn: calendarDay,
});

export const addUserSchema = z.object({
  userEmail: email,
  displayName: optionalText(60),
  password: z
    .string()
    .optional()
    .transform((v) => (v ? v : null))
    .pipe(z.union([z.null(), passwordField])),
});

export const decideChangeSchema = z.object({
  requestId: idField,
  decision: z.enum(["approve", "reject"]),
  reason: optionalText(500),
});

/** A search term from the query string: control characters (NUL...) dropped, never sent to SQL. */
export const searchTerm = z
  .string()
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this removes
  .transform((v) => v.replace(/[\u0000-\u001f\u007f]/g, "").trim())
  .pipe(z.string().max(100))
  .transform((v) => v || undefined);

/** Filters of the public directory (query string). A bad value means "no filter", never an error. */
export const directoryFiltersSchema = z.object({
  q: searchTerm.optional().catch(undefined),
  association: idField.optional().catch(undefined),
  segment: z.enum(segments).optional().catch(undefined),
});

/** Filters of the staff list (query string). A bad value means "no filter", never an error. */
export const memberListQuerySchema = z.object({
  q: searchTerm.optional().catch(undefined),
  association: idField.optional().catch(undefined),
  status: z.enum(membershipStatuses).optional().catch(undefined),
  type: z.enum(membershipTypes).optional().catch(undefined),
  segment: z.enum(segments).optional().catch(undefined),
  aboveSize: z.enum(["yes", "no"]).optional().catch(undefined),
  village: searchTerm.pipe(z.string().max(40).optional()).optional().catch(undefined),
  sort: z.enum(["name", "creditCode", "village", "employees", "output", "createdAt"]).optional().catch(undefined),
  dir: z.enum(["asc", "desc"]).optional().catch(undefined),
});
export type MemberListQuery = z.output<typeof memberListQuerySchema>;

export function memberListQueryFrom(url: string | URL): MemberListQuery {
  const params = new URL(url).searchParams;
  const raw: Record<string, string> = {};
  for (const [k, v] of params) if (v !== "") raw[k] = v;
  const parsed = memberListQuerySchema.safeParse(raw);
  return parsed.success ? parsed.data : {};
}

/**
 * Where an association's members pay their dues: payee, bank and account together, or all blank
 * (the association has not said; /my then asks members to contact it).
 */
export const duesPaymentSchema = z
  .object({
    associationId: idField,
    payee: optionalText(100),
    bank: optionalText(100),
    account: optionalText(40).refine((v) => v === null || /^[0-9][0-9 -]{5,38}[0-9]$/.test(v), { message: "members:errors.duesAccount" }),
    note: optionalText(300),
  })
  .superRefine((v, ctx) => {
    if (!v.payee && !v.bank && !v.account) return;
    for (const field of ["payee", "bank", "account"] as const)
      if (!v[field]) ctx.addIssue({ code: "custom", path: [field], message: "members:errors.duesPaymentTogether" });
  });
export type DuesPaymentInput = Omit<z.output<typeof duesPaymentSchema>, "associationId">;
