import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  customType,
  date,
  index,
  integer,
  pgTable,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { files } from "./files";
import { enterprises } from "./members";

/** A PostgreSQL tsvector, written with to_tsvector('simple', ...) from the search tokens. */
const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

import { applicationStatuses, educationLevels, experienceLevels, jobTypes } from "../../app/modules/jobs/constants";

export { applicationStatuses, educationLevels, experienceLevels, jobTypes };
export type { ApplicationStatus, EducationLevel, ExperienceLevel, JobType } from "../../app/modules/jobs/constants";

export const jobPostings = pgTable(
  "job_postings",
  {
    id: serial("id").primaryKey(),
    enterpriseId: integer("enterprise_id")
      .notNull()
      .references(() => enterprises.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    headcount: integer("headcount").notNull(),
    /** Monthly pay range in fen. */
    salaryMinFen: bigint("salary_min_fen", { mode: "number" }).notNull(),
    salaryMaxFen: bigint("salary_max_fen", { mode: "number" }).notNull(),
    education: text("education", { enum: educationLevels }).notNull(),
    experience: text("experience", { enum: experienceLevels }).notNull(),
    jobType: text("job_type", { enum: jobTypes }).notNull(),
    location: text("location").notNull(),
    description: text("description").notNull(),
    benefits: text("benefits"),
    contact: text("contact").notNull(),
    /** Last day (Shanghai calendar) on which the posting accepts applications. */
    closesOn: date("closes_on").notNull(),
    /** Closed by hand before the closing date. */
    closedAt: timestamp("closed_at", { withTimezone: true }),
    /** Hidden by staff (moderation); the reason is shown to the enterprise. */
    hiddenAt: timestamp("hidden_at", { withTimezone: true }),
    hiddenReason: text("hidden_reason"),
    hiddenBy: text("hidden_by"),
    /** The job fair this posting is offered at (fairs table of the fairs area; no FK on purpose). */
    fairId: integer("fair_id"),
    /** Character bigrams (and unigrams) of the Chinese text plus latin words: see search.ts. */
    searchText: tsvector("search_text").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("job_postings_search_idx").using("gin", t.searchText),
    index("job_postings_listed_created_idx")
      .on(t.createdAt.desc(), t.id.desc())
      .where(sql`closed_at is null and hidden_at is null`),
    index("job_postings_listed_salary_idx")
      .on(t.salaryMaxFen.desc(), t.id.desc())
      .where(sql`closed_at is null and hidden_at is null`),
    index("job_postings_listed_closes_idx")
      .on(t.closesOn)
      .where(sql`closed_at is null and hidden_at is null`),
    // Covers the filters of /jobs, so counting a broad filter is an index-only scan, not a heap scan.
    index("job_postings_listed_filters_idx")
      .on(t.location, t.jobType, t.education, t.salaryMaxFen, t.closesOn)
      .where(sql`closed_at is null and hidden_at is null`),
    index("job_postings_enterprise_idx").on(t.enterpriseId, t.createdAt),
    index("job_postings_location_idx").on(t.location, t.createdAt),
    index("job_postings_type_education_idx").on(t.jobType, t.education),
    index("job_postings_fair_idx").on(t.fairId),
  ],
);

export const seekerProfiles = pgTable("seeker_profiles", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  fullName: text("full_name").notNull(),
  phone: text("phone").notNull(),
  school: text("school"),
  major: text("major"),
  graduationYear: smallint("graduation_year"),
  education: text("education", { enum: educationLevels }).notNull(),
  skills: text("skills"),
  /** The résumé: a row of the shared uploads table (owner kind "seeker_resume", owner id the user id). */
  resumeFileId: uuid("resume_file_id").references(() => files.id, { onDelete: "set null" }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const jobApplications = pgTable(
  "job_applications",
  {
    id: serial("id").primaryKey(),
    postingId: integer("posting_id")
      .notNull()
      .references(() => jobPostings.id, { onDelete: "cascade" }),
    seekerUserId: text("seeker_user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    message: text("message"),
    status: text("status", { enum: applicationStatuses }).notNull().default("applied"),
    declineReason: text("decline_reason"),
    /** The interview the enterprise set when moving to "interview" (the seeker sees and is told of it). */
    interviewAt: timestamp("interview_at", { withTimezone: true }),
    interviewPlace: text("interview_place"),
    interviewContact: text("interview_contact"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("job_applications_posting_seeker_uq").on(t.postingId, t.seekerUserId),
    index("job_applications_seeker_idx").on(t.seekerUserId, t.createdAt),
    index("job_applications_status_idx").on(t.status),
  ],
);

export const applicationEvents = pgTable(
  "application_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    applicationId: integer("application_id")
      .notNull()
      .references(() => jobApplications.id, { onDelete: "cascade" }),
    fromStatus: text("from_status", { enum: applicationStatuses }),
    toStatus: text("to_status", { enum: applicationStatuses }).notNull(),
    reason: text("reason"),
    /** This row takes the previous step back (pipeline canUndo: only the last step, the same day). */
    undo: boolean("undo").notNull().default(false),
    actorId: text("actor_id"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("application_events_application_idx").on(t.applicationId, t.at)],
);
