import { fairModes } from "./constants";
import * as z from "zod";
import { checkbox, idField, intField, isoDate, optionalText, text } from "../../lib/validation";

const hhmm = z
  .string()
  .trim()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "fairs:errors.time");

export const fairSchema = z
  .object({
    title: text(120),
    fairDate: isoDate,
    startsAt: hhmm,
    endsAt: hhmm,
    mode: z.enum(fairModes),
    venue: optionalText(200),
    onlineUrl: optionalText(300),
    partnerSchool: optionalText(120),
    boothCapacity: intField(1, 1000),
    registrationOpens: isoDate,
    registrationCloses: isoDate,
    description: optionalText(2000),
    publishNow: checkbox,
  })
  .superRefine((v, ctx) => {
    if (v.startsAt && v.endsAt && v.endsAt <= v.startsAt) ctx.addIssue({ code: "custom", path: ["endsAt"], message: "fairs:errors.endsBeforeStart" });
    if (v.registrationOpens > v.registrationCloses) ctx.addIssue({ code: "custom", path: ["registrationCloses"], message: "fairs:errors.windowOrder" });
    if (v.registrationCloses > v.fairDate) ctx.addIssue({ code: "custom", path: ["registrationCloses"], message: "fairs:errors.windowAfterFair" });
    if (v.mode === "onsite" && !v.venue) ctx.addIssue({ code: "custom", path: ["venue"], message: "fairs:errors.venueRequired" });
    if (v.mode === "online" && !v.onlineUrl) ctx.addIssue({ code: "custom", path: ["onlineUrl"], message: "fairs:errors.onlineUrlRequired" });
    if (v.onlineUrl && !/^https?:\/\/\S+$/.test(v.onlineUrl)) ctx.addIssue({ code: "custom", path: ["onlineUrl"], message: "fairs:errors.url" });
  });
export type FairInput = z.output<typeof fairSchema>;

export const boothRequestSchema = z.object({
  enterpriseId: idField,
  note: optionalText(500),
});

export const boothDecisionSchema = z
  .object({
    boothId: idField,
    decision: z.enum(["approve", "reject"]),
    reason: optionalText(500),
  })
  .superRefine((v, ctx) => {
    if (v.decision === "reject" && !v.reason) ctx.addIssue({ code: "custom", path: ["reason"], message: "fairs:errors.reasonRequired" });
  });

export const preRegisterSchema = z.object({
  fullName: text(60),
  phone: z
    .string()
    .trim()
    .regex(/^1[3-9]\d{9}$/, "forms.phone"),
  school: optionalText(120),
});

export const checkInSchema = z.object({ code: z.string().trim().min(1).max(80) });
export const checkInByIdSchema = z.object({ registrationId: idField });
