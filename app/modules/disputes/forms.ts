// zod schemas of the disputes forms (server-side validation; messages are i18n keys).
import { isValidCreditCode, normaliseCreditCode } from "../members/credit-code";
import * as z from "zod";
import { parseId } from "../../lib/ids";
import { checkbox, filterIdField, idField, isoDate, optionalIdField, optionalText, shanghaiDateTime, text, yuanToFen } from "../../lib/validation";
import { disputeStatuses, disputeTypes, legalServiceKinds, sessionModes } from "./constants";
import { MAX_EXTENSION_DAYS } from "./deadlines";

// Ids: a positive int32 (app/lib/ids.ts), else a field error.
const id = idField;
const optionalId = optionalIdField;
const optionalCreditCode = z
  .string()
  .trim()
  .max(40)
  .optional()
  .transform((v) => (v ? normaliseCreditCode(v) : null))
  .refine((v) => v === null || isValidCreditCode(v), "members:errors.creditCode");

export const fileCaseSchema = z
  .object({
    applicantEnterpriseId: id,
    stationId: id,
    respondentKind: z.enum(["member", "outside"]),
    respondentEnterpriseId: optionalId,
    respondentName: optionalText(120),
    respondentCreditCode: optionalCreditCode,
    respondentContact: optionalText(200),
    type: z.enum(disputeTypes),
    amountYuan: yuanToFen,
    facts: text(4000),
    request: text(2000),
    consent: checkbox.refine((v) => v, "disputes:errors.consent"),
  })
  .refine((v) => v.respondentKind !== "member" || v.respondentEnterpriseId !== null, {
    path: ["respondentEnterpriseId"],
    message: "disputes:errors.respondentEnterprise",
  })
  .refine((v) => v.respondentKind !== "outside" || v.respondentName !== null, { path: ["respondentName"], message: "disputes:errors.respondentName" })
  .refine((v) => v.respondentKind !== "outside" || v.respondentContact !== null, { path: ["respondentContact"], message: "disputes:errors.respondentContact" });
export type FileCaseInput = z.infer<typeof fileCaseSchema>;

export const reasonSchema = z.object({ reason: text(2000) });
export const assignSchema = z.object({ mediatorId: text(100) });
export const answerSchema = z.object({ answer: z.enum(["agree", "decline"]), note: optionalText(2000) });
/** A session time typed in a datetime-local field, read as Shanghai time (the shared field). */
const localDateTime = shanghaiDateTime("disputes:errors.dateTime");
export const sessionSchema = z
  .object({
    mode: z.enum(sessionModes),
    startsAt: localDateTime,
    place: optionalText(200),
    link: optionalText(500).refine((v) => v === null || /^https:\/\/[^\s<>"']+$/.test(v), "disputes:errors.link"),
  })
  .refine((v) => v.mode !== "in_person" || v.place !== null, { path: ["place"], message: "disputes:errors.place" })
  .refine((v) => v.mode !== "online" || v.link !== null, { path: ["link"], message: "disputes:errors.link" });
export const minutesSchema = z.object({ sessionId: id, minutes: text(8000) });
export const agreementSchema = z.object({ terms: text(8000), amountYuan: yuanToFen });
export const referralSchema = z.object({ court: text(120), caseNumber: optionalText(60), date: isoDate });
export const judicialApplySchema = z.object({ court: text(120), caseNumber: optionalText(60) });
export const judicialDecisionSchema = z.object({ decision: z.enum(["confirmed", "refused"]), note: optionalText(2000) });
export const extensionSchema = z.object({ days: z.coerce.number().int().min(1).max(MAX_EXTENSION_DAYS), reason: text(2000) });

/** Control characters (a NUL from the query string) dropped: PostgreSQL refuses them in text. */
// eslint-disable-next-line no-control-regex
const dropControls = (v: string) => v.replace(/[\u0000-\u001f\u007f]/g, "").trim() || undefined;

export const caseFilterSchema = z.object({
  status: z.enum(disputeStatuses).optional().catch(undefined),
  type: z.enum(disputeTypes).optional().catch(undefined),
  station: filterIdField,
  deadline: z.enum(["soon", "overdue"]).optional().catch(undefined),
  q: z.string().max(100).transform(dropControls).optional().catch(undefined),
});
export type CaseFilter = z.infer<typeof caseFilterSchema>;

export function caseFilterFromUrl(url: string | URL): CaseFilter {
  const raw: Record<string, string> = {};
  for (const [k, v] of new URL(url).searchParams) if (v !== "") raw[k] = v;
  return caseFilterSchema.parse(raw);
}

export const legalServiceSchema = z
  .object({
    kind: z.enum(legalServiceKinds),
    heldOn: isoDate,
    enterpriseId: optionalId,
    associationId: optionalId,
    provider: text(120),
    topic: text(200),
    findings: optionalText(4000),
    followUp: optionalText(4000),
    attendees: z
      .union([z.literal(""), z.coerce.number().int().min(1).max(100_000)])
      .optional()
      .transform((v) => (v === "" || v === undefined ? null : v)),
  })
  .refine((v) => (v.enterpriseId === null) !== (v.associationId === null), { path: ["enterpriseId"], message: "disputes:errors.legalWhom" });
export type LegalServiceInput = z.infer<typeof legalServiceSchema>;

export const legalFilterSchema = z.object({
  kind: z.enum(legalServiceKinds).optional().catch(undefined),
  year: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
  q: z.string().max(100).transform(dropControls).optional().catch(undefined),
});

/** An admin's choice of the stations a user works at: the ticked `station` boxes, none or several. */
export const stationPlacesSchema = z.object({
  station: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
    .transform((values, ctx) => {
      // One error for the group of boxes, not one per box: the page shows it above them.
      const ids = values.map(parseId);
      if (values.length > 1000 || ids.some((id) => id === null)) {
        ctx.addIssue({ code: "custom", message: "forms.invalid" });
        return z.NEVER;
      }
      return ids as number[];
    }),
});
