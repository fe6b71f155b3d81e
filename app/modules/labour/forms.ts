import { labourPostKinds, labourSkills } from "./constants";
import * as z from "zod";
import { idField, intField, isoDate, optionalText, text } from "../../lib/validation";

const skillsField = z
  .union([z.enum(labourSkills), z.array(z.enum(labourSkills))])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
  .pipe(z.array(z.enum(labourSkills)).min(1, "labour:errors.skillsRequired"));

export const labourPostSchema = z
  .object({
    enterpriseId: idField,
    kind: z.enum(labourPostKinds),
    skills: skillsField,
    headcount: intField(1, 2000),
    periodStart: isoDate,
    periodEnd: isoDate,
    location: text(60),
    note: optionalText(1000),
  })
  .superRefine((v, ctx) => {
    if (v.periodStart > v.periodEnd) ctx.addIssue({ code: "custom", path: ["periodEnd"], message: "labour:errors.periodOrder" });
  });
export type LabourPostInput = z.output<typeof labourPostSchema>;

export const placementSchema = z.object({
  surplusPostId: idField,
  shortagePostId: idField,
  headcount: intField(1, 2000),
  placedOn: isoDate,
  note: optionalText(500),
});
export type PlacementInput = z.output<typeof placementSchema>;
