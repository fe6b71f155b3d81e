/** The finance forms and filters (zod): each message is an i18n key, so errors come in both languages. */
import { segments } from "../members/constants";
import * as z from "zod";
import { checkbox, filterIdField, idField, isoDate, optionalIdField, optionalText, text } from "../../lib/validation";
import { applicationStatuses, collateralKinds, needPurposes, needOutcomes, needStatuses, productStatuses, productTypes, renewalOutcomes } from "./constants";

const numberFrom = (min: number, max: number) =>
  z
    .union([z.string(), z.number()])
    .transform((v) => (typeof v === "number" ? v : v.trim() === "" ? Number.NaN : Number(v.trim())))
    .pipe(z.number("forms.required").min(min).max(max));
const optionalNumber = (min: number, max: number) =>
  z
    .union([z.string(), z.number()])
    .optional()
    .transform((v) => (v === undefined || (typeof v === "string" && v.trim() === "") ? null : Number(v)))
    .pipe(z.union([z.null(), z.number("forms.invalid").min(min).max(max)]));

/** 万元 typed, fen kept. */
const wanToFen = (min = 0.01) => numberFrom(min, 10_000_000).transform((wan) => Math.round(wan * 1_000_000));
const optionalWanToFen = optionalNumber(0, 10_000_000).transform((wan) => (wan === null ? null : Math.round(wan * 1_000_000)));
/** A percentage typed (4.35), basis points kept (435). */
const percentToBp = numberFrom(0, 36).transform((pct) => Math.round(pct * 100));
const months = numberFrom(1, 360).pipe(z.number().int("forms.invalid"));

/** A day that exists (isoDate: app/lib/dates.ts), within the years finance deals in. */
export const calendarDay = isoDate.refine((s) => s >= "2000-01-01" && s <= "2100-12-31", "forms.date");
const optionalDay = z
  .union([z.literal(""), calendarDay])
  .optional()
  .transform((v) => (v ? v : null));

const tick = z
  .unknown()
  .optional()
  .transform((v) => v === true || v === "on" || v === "true" || v === "1");

const listOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .union([z.array(z.string()), z.string()])
    .optional()
    .transform((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v.filter((s) => s !== "") : [v]))
    .pipe(z.array(z.enum(values)).max(values.length))
    .transform((v) => [...new Set(v)]);

export const productSchema = z
  .object({
    bankId: idField.optional(),
    name: text(100),
    type: z.enum(productTypes),
    description: optionalText(2000).transform((v) => v ?? ""),
    minAmountWan: wanToFen(0),
    maxAmountWan: wanToFen(),
    minRatePct: percentToBp,
    maxRatePct: percentToBp,
    minTermMonths: months,
    maxTermMonths: months,
    minYearsInBusiness: optionalNumber(0, 100).pipe(z.union([z.null(), z.number().int("forms.invalid")])),
    aboveSizeOnly: tick,
    minAnnualOutputWan: optionalWanToFen,
    segments: listOf(segments),
    membersOnly: tick,
    collateralRequired: tick,
    acceptedCollateral: listOf(collateralKinds),
    validFrom: calendarDay,
    validTo: optionalDay,
    status: z.enum(productStatuses).default("active"),
  })
  .refine((p) => p.minAmountWan <= p.maxAmountWan, { path: ["maxAmountWan"], message: "finance:errors.range" })
  .refine((p) => p.minRatePct <= p.maxRatePct, { path: ["maxRatePct"], message: "finance:errors.range" })
  .refine((p) => p.minTermMonths <= p.maxTermMonths, { path: ["maxTermMonths"], message: "finance:errors.range" })
  .refine((p) => p.validTo === null || p.validFrom <= p.validTo, { path: ["validTo"], message: "finance:errors.range" })
  .refine((p) => !p.collateralRequired || p.acceptedCollateral.length > 0, { path: ["acceptedCollateral"], message: "finance:errors.collateralKinds" });
export type ProductInput = z.output<typeof productSchema>;

export const needSchema = z.object({
  enterpriseId: idField,
  amountWan: wanToFen(),
  purpose: z.enum(needPurposes),
  description: optionalText(2000).transform((v) => v ?? ""),
  termMonths: months,
  maxRatePct: percentToBp,
  collateral: listOf(collateralKinds),
  neededBy: calendarDay,
  foundedYear: optionalNumber(1900, 2100).pipe(z.union([z.null(), z.number().int("forms.invalid")])),
});
export type NeedInput = z.output<typeof needSchema>;

export const respondSchema = z.object({ outcome: z.enum(needOutcomes), note: text(2000) });
export const applySchema = z.object({
  productId: idField,
  needId: optionalIdField,
  enterpriseId: idField,
  amountWan: wanToFen(),
  termMonths: months,
  underCreditLine: tick,
  note: optionalText(2000).transform((v) => v ?? ""),
});
export type ApplyInput = z.output<typeof applySchema>;
export const infoRequestSchema = z.object({ question: text(2000) });
export const infoReplySchema = z.object({ reply: text(2000) });
export const approveSchema = z.object({ amountWan: wanToFen(), ratePct: percentToBp, termMonths: months, note: optionalText(2000) });
export const declineSchema = z.object({ reason: text(2000) });
export const disburseSchema = z.object({ disbursedOn: calendarDay, renewable: tick });
export const contactSchema = z.object({ contactedOn: calendarDay, note: text(2000) });
export const renewalOutcomeSchema = z.object({ outcome: z.enum(renewalOutcomes), note: optionalText(2000) });
export const creditLineSchema = z.object({
  bankId: idField,
  associationId: idField,
  amountWan: wanToFen(),
  grantedOn: calendarDay,
  expiresOn: optionalDay,
  note: optionalText(500).transform((v) => v ?? ""),
});

export const creditLineUpdateSchema = z.object({
  lineId: idField,
  amountWan: wanToFen(),
  expiresOn: optionalDay,
  note: optionalText(500).transform((v) => v ?? ""),
});

/** Control characters dropped from query strings (PostgreSQL refuses NUL in text). */
// eslint-disable-next-line no-control-regex
const dropControls = (v: string) => v.replace(/[\u0000-\u001f\u007f]/g, "").trim() || undefined;
const qField = z.string().max(100).transform(dropControls).optional().catch(undefined);

export const productFilterSchema = z.object({
  q: qField,
  type: z.enum(productTypes).optional().catch(undefined),
  bank: filterIdField,
  status: z.enum(productStatuses).optional().catch(undefined),
  sort: z.enum(["rate", "amount", "name"]).optional().catch(undefined),
  dir: z.enum(["asc", "desc"]).optional().catch(undefined),
});
export type ProductFilter = z.infer<typeof productFilterSchema>;

export const needFilterSchema = z.object({
  q: qField,
  status: z.enum(needStatuses).optional().catch(undefined),
  purpose: z.enum(needPurposes).optional().catch(undefined),
  flagged: z.literal("1").optional().catch(undefined),
  mine: z.literal("1").optional().catch(undefined),
  sort: z.enum(["created", "amount", "neededBy"]).optional().catch(undefined),
  dir: z.enum(["asc", "desc"]).optional().catch(undefined),
});
export type NeedFilter = z.infer<typeof needFilterSchema>;

export const applicationFilterSchema = z.object({
  status: z.enum(applicationStatuses).optional().catch(undefined),
  q: qField,
});
export type ApplicationFilter = z.infer<typeof applicationFilterSchema>;

export const renewalFilterSchema = z.object({
  scope: z.enum(["mine", "all"]).optional().catch(undefined),
  flagged: z.literal("1").optional().catch(undefined),
});
export type RenewalFilter = z.infer<typeof renewalFilterSchema>;

export function filterFromUrl<S extends z.ZodType>(schema: S, url: string | URL): z.output<S> {
  const raw: Record<string, string> = {};
  for (const [k, v] of new URL(url).searchParams) if (v !== "") raw[k] = v.replaceAll("\u0000", "").slice(0, 1000);
  return schema.parse(raw);
}

/** Staff set an enterprise's finance liaison (none: "") and whether it is in the renewal service. */
export const liaisonSchema = z.object({
  liaisonUserId: z
    .string()
    .trim()
    .max(100)
    .transform((v) => v || null),
  inRenewalService: checkbox,
});
