import { assemblyKinds, documentKinds, motionChoices, motionKinds, motionThresholds, quorumRules } from "./constants";
import { parseId } from "../../lib/ids";
import * as z from "zod";
import { checkbox, idField, intField, isoDate, optionalIdField, optionalText, text } from "../../lib/validation";

// Form schemas of the governance area (messages are i18n keys, see app/lib/validation.ts).

// Ids: a positive int32 (app/lib/ids.ts), else a field error.
const id = idField;
const optionalId = optionalIdField;
const candidateIdOf = z.string().transform((v, ctx) => {
  const candidateId = parseId(v);
  if (candidateId === null) ctx.addIssue({ code: "custom", message: "forms.invalid" });
  return candidateId ?? 0;
});

export const electionCreateSchema = z.object({
  associationId: id,
  assemblyId: optionalId,
  title: text(120),
  competitivePct: z
    .union([z.literal(""), z.undefined(), intField(1, 100)])
    .optional()
    .transform((v) => (v === "" || v === undefined ? null : Number(v))),
  paperBallots: checkbox,
  opensOn: isoDate
    .optional()
    .or(z.literal(""))
    .transform((v) => v || null),
  closesOn: isoDate
    .optional()
    .or(z.literal(""))
    .transform((v) => v || null),
});
export type ElectionCreateInput = z.output<typeof electionCreateSchema>;

export const positionSchema = z.object({ nameZh: text(60), nameEn: text(60), seats: intField(1, 99) });
export type PositionInput = z.output<typeof positionSchema>;

export const nominateSchema = z.object({
  positionId: id,
  enterpriseId: id,
  personName: text(60),
  statement: optionalText(1000),
  /** Staff only: the candidate accepted in writing. */
  acceptedInWriting: checkbox,
  /** Members: the enterprise they nominate for (theirs). */
  nominatorEnterpriseId: optionalId,
});
export type NominateInput = z.output<typeof nominateSchema>;

export const candidateRefSchema = z.object({ candidateId: id });
export const enterpriseRefSchema = z.object({ enterpriseId: id });
export const representativeSchema = z.object({ enterpriseId: id, userId: text(100) });

export const ballotSchema = z.object({
  enterpriseId: id,
  candidateIds: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
    .pipe(z.array(candidateIdOf).max(500)),
});
export type BallotInput = z.output<typeof ballotSchema>;

export const receiptSchema = z.object({ receipt: z.string().trim().min(1).max(40) });

export const documentCreateSchema = z.object({ associationId: id, kind: z.enum(documentKinds), title: text(120), body: text(100_000) });
export const versionDraftSchema = z.object({ title: text(120), body: text(100_000), note: optionalText(500) });
export const amendmentSchema = z.object({
  clause: text(200),
  oldText: z.string().max(20_000).default(""),
  newText: text(20_000),
  reason: text(2000),
  enterpriseId: optionalId,
});
export type AmendmentInput = z.output<typeof amendmentSchema>;
export const amendmentDecisionSchema = z.object({ amendmentId: id, reason: optionalText(1000) });
export const amendmentToMotionSchema = z.object({ amendmentId: id, assemblyId: id });

export const assemblyCreateSchema = z
  .object({
    associationId: id,
    kind: z.enum(assemblyKinds),
    title: text(120),
    date: isoDate,
    time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "forms.invalid"),
    place: optionalText(200),
    onlineUrl: z
      .string()
      .trim()
      .max(500)
      .optional()
      .transform((v) => v || null)
      .refine((v) => v === null || /^https?:\/\/[^\s]+$/i.test(v), "forms.invalid"),
    agenda: z.string().trim().max(5000).default(""),
    quorumRule: z.enum(quorumRules),
    allowProxies: checkbox,
  })
  .refine((v) => v.place || v.onlineUrl, { message: "governance:errors.placeOrLink", path: ["place"] });
export type AssemblyCreateInput = z.output<typeof assemblyCreateSchema>;

export const checkInSchema = z.object({ enterpriseId: id });
export const codeCheckInSchema = z.object({ enterpriseId: id, code: z.string().trim().min(1).max(20) });
export const proxySchema = z.object({ fromEnterpriseId: id, holderEnterpriseId: id });

export const motionCreateSchema = z.object({
  kind: z.enum(motionKinds),
  title: text(200),
  body: z.string().trim().max(10_000).default(""),
  versionId: optionalId,
  secret: checkbox,
  threshold: z.enum(motionThresholds),
});
export type MotionCreateInput = z.output<typeof motionCreateSchema>;

/** A count staff type from the room or the papers: blank is refused (coercion would read it as 0), 0 typed is 0. */
const typedCount = z
  .string("governance:errors.countRequired")
  .trim()
  .min(1, "governance:errors.countRequired")
  .pipe(z.coerce.number<string>().int().min(0).max(1_000_000));

export const motionResultSchema = z.object({ motionId: id, yes: typedCount, no: typedCount, abstain: typedCount });
export type MotionResultInput = z.output<typeof motionResultSchema>;

export const motionRefSchema = z.object({ motionId: id });
/** A representative's online vote on a motion, with the box ticked to confirm it (a vote is final). */
export const motionVoteSchema = z.object({
  motionId: id,
  enterpriseId: id,
  choice: z.enum(motionChoices, "governance:errors.choiceNeeded"),
  confirm: z
    .string()
    .optional()
    .refine((v) => v === "on", "governance:errors.confirmVote"),
});

export const paperTotalsSchema = z.object({ ballots: typedCount, blank: typedCount }).catchall(z.string());
