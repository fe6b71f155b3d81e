// The words of the labour exchange, shared by the tables (db/schema/fairs.ts imports them), the forms and the pages: no server code here.
export const labourPostKinds = ["surplus", "shortage"] as const;
export type LabourPostKind = (typeof labourPostKinds)[number];
export const labourPostStatuses = ["open", "closed"] as const;
export const labourSkills = [
  "sewing",
  "injection",
  "lasting",
  "cutting",
  "quality",
  "packing",
  "mould_repair",
  "warehouse",
  "forklift",
  "electrician",
] as const;
export type LabourSkill = (typeof labourSkills)[number];
