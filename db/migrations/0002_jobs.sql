CREATE TABLE "application_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"application_id" integer NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"reason" text,
	"actor_id" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "job_applications" (
	"id" serial PRIMARY KEY NOT NULL,
	"posting_id" integer NOT NULL,
	"seeker_user_id" text NOT NULL,
	"message" text,
	"status" text DEFAULT 'applied' NOT NULL,
	"decline_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "job_postings" (
	"id" serial PRIMARY KEY NOT NULL,
	"enterprise_id" integer NOT NULL,
	"title" text NOT NULL,
	"headcount" integer NOT NULL,
	"salary_min_fen" bigint NOT NULL,
	"salary_max_fen" bigint NOT NULL,
	"education" text NOT NULL,
	"experience" text NOT NULL,
	"job_type" text NOT NULL,
	"location" text NOT NULL,
	"description" text NOT NULL,
	"benefits" text,
	"contact" text NOT NULL,
	"closes_on" date NOT NULL,
	"closed_at" timestamp with time zone,
	"hidden_at" timestamp with time zone,
	"hidden_reason" text,
	"hidden_by" text,
	"fair_id" integer,
	"search_text" "tsvector" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "seeker_profiles" (
	"user_id" text PRIMARY KEY NOT NULL,
	"full_name" text NOT NULL,
	"phone" text NOT NULL,
	"school" text,
	"major" text,
	"graduation_year" smallint,
	"education" text NOT NULL,
	"skills" text,
	"resume_stored_name" text,
	"resume_original_name" text,
	"resume_mime" text,
	"resume_size" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "application_events" ADD CONSTRAINT "application_events_application_id_job_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."job_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_applications" ADD CONSTRAINT "job_applications_posting_id_job_postings_id_fk" FOREIGN KEY ("posting_id") REFERENCES "public"."job_postings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_applications" ADD CONSTRAINT "job_applications_seeker_user_id_users_id_fk" FOREIGN KEY ("seeker_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_postings" ADD CONSTRAINT "job_postings_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seeker_profiles" ADD CONSTRAINT "seeker_profiles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "application_events_application_idx" ON "application_events" USING btree ("application_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "job_applications_posting_seeker_uq" ON "job_applications" USING btree ("posting_id","seeker_user_id");--> statement-breakpoint
CREATE INDEX "job_applications_seeker_idx" ON "job_applications" USING btree ("seeker_user_id","created_at");--> statement-breakpoint
CREATE INDEX "job_applications_status_idx" ON "job_applications" USING btree ("status");--> statement-breakpoint
CREATE INDEX "job_postings_search_idx" ON "job_postings" USING gin ("search_text");--> statement-breakpoint
CREATE INDEX "job_postings_listed_created_idx" ON "job_postings" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE closed_at is null and hidden_at is null;--> statement-breakpoint
CREATE INDEX "job_postings_listed_salary_idx" ON "job_postings" USING btree ("salary_max_fen" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE closed_at is null and hidden_at is null;--> statement-breakpoint
CREATE INDEX "job_postings_listed_closes_idx" ON "job_postings" USING btree ("closes_on") WHERE closed_at is null and hidden_at is null;--> statement-breakpoint
CREATE INDEX "job_postings_listed_filters_idx" ON "job_postings" USING btree ("location","job_type","education","salary_max_fen","closes_on") WHERE closed_at is null and hidden_at is null;--> statement-breakpoint
CREATE INDEX "job_postings_enterprise_idx" ON "job_postings" USING btree ("enterprise_id","created_at");--> statement-breakpoint
CREATE INDEX "job_postings_location_idx" ON "job_postings" USING btree ("location","created_at");--> statement-breakpoint
CREATE INDEX "job_postings_type_education_idx" ON "job_postings" USING btree ("job_type","education");--> statement-breakpoint
CREATE INDEX "job_postings_fair_idx" ON "job_postings" USING btree ("fair_id");