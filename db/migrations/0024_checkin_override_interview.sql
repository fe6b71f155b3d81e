ALTER TABLE "application_events" ADD COLUMN "undo" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "job_applications" ADD COLUMN "interview_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "job_applications" ADD COLUMN "interview_place" text;--> statement-breakpoint
ALTER TABLE "job_applications" ADD COLUMN "interview_contact" text;--> statement-breakpoint
ALTER TABLE "fair_registrations" ADD COLUMN "check_in_override_reason" text;