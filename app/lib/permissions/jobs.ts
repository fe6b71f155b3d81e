import { STAFF, type Rule } from "./types";

/** Job postings, seekers and applications (the fairs area adds its own file). */
export const jobsAbilities = {
  /** /jobs and /jobs/:id: the public browses without an account. */
  "jobs.view": "anyone",
  /** Post and close the enterprise's own postings. */
  "jobs.post": ["member"],
  /** The employer dashboard (members: own postings; staff: all postings, for moderation). */
  "jobs.manage": ["member", ...STAFF],
  /** Hide a posting with a reason, or show it again. */
  "jobs.moderate": STAFF,
  /** Seekers apply, keep a profile and follow their applications. */
  "jobs.apply": ["seeker"],
  "jobs.profile": ["seeker"],
  "jobs.myApplications": ["seeker"],
  /** Read and move applications to the member's own postings. */
  "jobs.reviewApplications": ["member"],
  /** A résumé: the seeker's own, or one of a seeker who applied to the member's enterprise. */
  "jobs.resume": ["seeker", "member"],
} as const satisfies Record<string, Rule>;
