import { everyone, staffRoles, type PolicyTable } from "./types";

export const table: PolicyTable = {
  "jobs.view": everyone,
  "jobs.post": ["member"],
  "jobs.manage": ["member", ...staffRoles],
  "jobs.moderate": staffRoles,
  "jobs.apply": ["seeker"],
  "jobs.profile": ["seeker"],
  "jobs.myApplications": ["seeker"],
  "jobs.reviewApplications": ["member"],
  "jobs.resume": ["seeker", "member"],
};
