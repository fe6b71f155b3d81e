// The monitoring forms (zod; messages are i18n keys).
import * as z from "zod";
import { intField, isoDate, optionalText, text, yuanToFen } from "../../lib/validation";
import { filingStatuses, gatewayScopes, thresholdBounds } from "./constants";

const optionalId = z
  .union([z.literal(""), z.coerce.number().int().min(1).max(2_147_483_647)])
  .optional()
  .transform((v) => (v === "" || v === undefined ? null : v));
const optionalDate = z
  .union([z.literal(""), isoDate])
  .optional()
  .transform((v) => v || null);

export const addMeterSchema = z.object({
  code: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/, "forms.invalid"),
  enterpriseId: optionalId,
  installedOn: optionalDate,
});
export const bindMeterSchema = z.object({ meterId: intField(1), enterpriseId: optionalId });

export const rentalSchema = z.object({
  filingStatus: z.enum(filingStatuses),
  filingNo: optionalText(64),
  filedOn: optionalDate,
  depositFen: yuanToFen,
  depositPaidOn: optionalDate,
  depositRefundedOn: optionalDate,
});

export const gatewaySchema = z.object({
  name: text(80),
  scopes: z
    .union([z.enum(gatewayScopes), z.array(z.enum(gatewayScopes))])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
    .refine((v) => v.length > 0, "monitoring:errors.scopes"),
});

export const confirmSchema = z.object({ note: optionalText(1000) });

const bounded = (k: keyof typeof thresholdBounds) => z.coerce.number().int().min(thresholdBounds[k].min).max(thresholdBounds[k].max);
export const thresholdsSchema = z.object({
  steadyBandPct: bounded("steadyBandPct"),
  sharpDropPct: bounded("sharpDropPct"),
  idleDays: bounded("idleDays"),
  powerRisePct: bounded("powerRisePct"),
  taxDropPct: bounded("taxDropPct"),
  headcountDropPct: bounded("headcountDropPct"),
});
