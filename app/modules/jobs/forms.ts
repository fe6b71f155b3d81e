import { applicationStatuses, educationLevels, experienceLevels, JOBS_PAGE_SIZE, jobLocations, jobTypes, salaryFloors } from "./constants";
import { parseId } from "../../lib/ids";
import * as z from "zod";
import { idField, intField, isoDate, optionalText, phone, shanghaiDateTime, text } from "../../lib/validation";

export { applicationStatuses, educationLevels, experienceLevels, JOBS_PAGE_SIZE, jobLocations, jobTypes, salaryFloors };

export const postingSchema = z
  .object({
    enterpriseId: idField,
    title: text(60),
    headcount: intField(1, 999),
    salaryMin: intField(0, 200_000),
    salaryMax: intField(0, 200_000),
    education: z.enum(educationLevels),
    experience: z.enum(experienceLevels),
    jobType: z.enum(jobTypes),
    location: z.enum(jobLocations),
    description: text(4000),
    benefits: optionalText(1000),
    contact: text(100),
    closesOn: isoDate,
  })
  .refine((v) => v.salaryMax >= v.salaryMin, { path: ["salaryMax"], message: "jobs:errors.salaryRange" });

export type PostingInput = z.output<typeof postingSchema>;

export const hideSchema = z.object({ reason: text(300) });
export const declineSchema = z.object({ reason: text(300) });
export const advanceSchema = z.object({ to: z.enum(applicationStatuses) });
/** Moving to "interview" names when, where and whom to ask: the seeker sees it and is told. */
export const interviewSchema = z.object({
  interviewAt: shanghaiDateTime("jobs:errors.interviewAt"),
  interviewPlace: text(200),
  interviewContact: text(100),
});
export type InterviewInput = z.output<typeof interviewSchema>;
export const applySchema = z.object({ message: optionalText(1000) });

export const profileSchema = z.object({
  fullName: text(60),
  phone,
  school: optionalText(100),
  major: optionalText(100),
  graduationYear: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? Number(v) : null))
    .pipe(z.number().int().min(1970).max(2100).nullable()),
  education: z.enum(educationLevels),
  skills: optionalText(1000),
});
export type ProfileInput = z.output<typeof profileSchema>;

const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .optional()
    .transform((v) => ((values as readonly string[]).includes(v ?? "") ? (v as T[number]) : null));
/** A filter's id: anything but a valid id means "no filter" (shared links age). */
const optionalId = z
  .string()
  .optional()
  .transform((v) => parseId(v));

/** The /jobs query string; anything unknown is ignored rather than refused (shared links age). */
export const jobSearchSchema = z.object({
  q: z
    .string()
    .optional()
    .transform((v) => (v ?? "").trim().slice(0, 60)),
  location: optionalEnum(jobLocations),
  education: optionalEnum(educationLevels),
  type: optionalEnum(jobTypes),
  salary: z
    .string()
    .optional()
    .transform((v) => (salaryFloors.map(String).includes(v ?? "") ? Number(v) : null)),
  enterprise: optionalId,
  fair: optionalId,
  sort: z
    .string()
    .optional()
    .transform((v) => (v === "salary" ? "salary" : "newest") as "salary" | "newest"),
});
export type JobSearch = z.output<typeof jobSearchSchema>;

export function parseJobSearch(url: URL): JobSearch {
  return jobSearchSchema.parse(Object.fromEntries(url.searchParams));
}

/** The filters of the enterprise's applications list (and its CSV): unknown values are ignored. */
export function parseApplicationsFilter(url: URL): { status: (typeof applicationStatuses)[number] | null; postingId: number | null } {
  const rawStatus = url.searchParams.get("status");
  const status = (applicationStatuses as readonly string[]).includes(rawStatus ?? "") ? (rawStatus as (typeof applicationStatuses)[number]) : null;
  return { status, postingId: parseId(url.searchParams.get("posting")) };
}
