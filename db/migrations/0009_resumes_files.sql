ALTER TABLE "seeker_profiles" ADD COLUMN "resume_file_id" uuid;--> statement-breakpoint
ALTER TABLE "seeker_profiles" ADD CONSTRAINT "seeker_profiles_resume_file_id_files_id_fk" FOREIGN KEY ("resume_file_id") REFERENCES "public"."files"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
-- Hand-written between the generated ADD and DROP: existing résumés move onto the shared uploads
-- table. Each becomes a "files" row owned by ('seeker_resume', user id) under its old random name;
-- sha256 '' marks a row whose bytes are still in the old directory (<uploads>/resumes/): the portal
-- moves and hashes them at start-up (adoptLegacyResumeFiles in app/modules/jobs/profiles.server.ts).
INSERT INTO "files" ("id", "owner_kind", "owner_id", "original_name", "safe_name", "content_type", "size", "sha256", "created_by", "created_at")
SELECT gen_random_uuid(), 'seeker_resume', "user_id", coalesce("resume_original_name", 'resume'), "resume_stored_name", coalesce("resume_mime", 'application/octet-stream'), coalesce("resume_size", 0), '', "user_id", "updated_at"
FROM "seeker_profiles" WHERE "resume_stored_name" IS NOT NULL
ON CONFLICT ("safe_name") DO NOTHING;--> statement-breakpoint
UPDATE "seeker_profiles" AS p SET "resume_file_id" = f."id" FROM "files" AS f
WHERE f."owner_kind" = 'seeker_resume' AND f."owner_id" = p."user_id" AND f."safe_name" = p."resume_stored_name";--> statement-breakpoint
ALTER TABLE "seeker_profiles" DROP COLUMN "resume_stored_name";--> statement-breakpoint
ALTER TABLE "seeker_profiles" DROP COLUMN "resume_original_name";--> statement-breakpoint
ALTER TABLE "seeker_profiles" DROP COLUMN "resume_mime";--> statement-breakpoint
ALTER TABLE "seeker_profiles" DROP COLUMN "resume_size";