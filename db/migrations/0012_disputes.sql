CREATE TABLE "dispute_cases" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"station_id" integer NOT NULL,
	"applicant_enterprise_id" integer NOT NULL,
	"respondent_enterprise_id" integer,
	"respondent_name" text NOT NULL,
	"respondent_credit_code" text,
	"respondent_contact" text,
	"type" text NOT NULL,
	"amount_fen" bigint DEFAULT 0 NOT NULL,
	"facts" text NOT NULL,
	"request" text NOT NULL,
	"consent_to_mediation" boolean NOT NULL,
	"status" text DEFAULT 'filed' NOT NULL,
	"mediator_id" text,
	"filed_by" text,
	"filed_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"decline_reason" text,
	"mediation_due_at" timestamp with time zone,
	"invited_at" timestamp with time zone,
	"respondent_answer" text,
	"respondent_answered_at" timestamp with time zone,
	"extension_days" integer,
	"extension_reason" text,
	"extension_applicant_consent_at" timestamp with time zone,
	"extension_respondent_consent_at" timestamp with time zone,
	"extended_days" integer DEFAULT 0 NOT NULL,
	"agreement_terms" text,
	"agreement_amount_fen" bigint,
	"agreement_drafted_at" timestamp with time zone,
	"applicant_confirmed_at" timestamp with time zone,
	"applicant_confirmed_by" text,
	"respondent_confirmed_at" timestamp with time zone,
	"respondent_confirmed_by" text,
	"settled_at" timestamp with time zone,
	"confirmation_due_at" timestamp with time zone,
	"failed_at" timestamp with time zone,
	"fail_reason" text,
	"referred_at" timestamp with time zone,
	"referral_court" text,
	"referral_case_number" text,
	"referral_date" date,
	"judicial_applied_at" timestamp with time zone,
	"judicial_court" text,
	"judicial_case_number" text,
	"judicial_decided_at" timestamp with time zone,
	"judicial_decision" text,
	"judicial_note" text,
	"closed_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "dispute_cases_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "dispute_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" text,
	"actor_name" text,
	"kind" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"body" text
);
--> statement-breakpoint
CREATE TABLE "dispute_reminders" (
	"id" serial PRIMARY KEY NOT NULL,
	"case_id" integer NOT NULL,
	"kind" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dispute_sessions" (
	"id" serial PRIMARY KEY NOT NULL,
	"case_id" integer NOT NULL,
	"mode" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"place" text,
	"link" text,
	"minutes" text,
	"minutes_at" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dispute_station_people" (
	"station_id" integer NOT NULL,
	"user_id" text NOT NULL,
	"role" text NOT NULL,
	CONSTRAINT "dispute_station_people_station_id_user_id_pk" PRIMARY KEY("station_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "dispute_stations" (
	"id" serial PRIMARY KEY NOT NULL,
	"number" integer NOT NULL,
	"association_id" integer NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"address" text NOT NULL,
	"court_zh" text NOT NULL,
	"court_en" text NOT NULL,
	CONSTRAINT "dispute_stations_number_unique" UNIQUE("number"),
	CONSTRAINT "dispute_stations_association_id_unique" UNIQUE("association_id")
);
--> statement-breakpoint
CREATE TABLE "legal_services" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"held_on" date NOT NULL,
	"enterprise_id" integer,
	"association_id" integer,
	"provider" text NOT NULL,
	"topic" text NOT NULL,
	"findings" text DEFAULT '' NOT NULL,
	"follow_up" text DEFAULT '' NOT NULL,
	"attendees" integer,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "dispute_cases" ADD CONSTRAINT "dispute_cases_station_id_dispute_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."dispute_stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispute_cases" ADD CONSTRAINT "dispute_cases_applicant_enterprise_id_enterprises_id_fk" FOREIGN KEY ("applicant_enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispute_cases" ADD CONSTRAINT "dispute_cases_respondent_enterprise_id_enterprises_id_fk" FOREIGN KEY ("respondent_enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispute_cases" ADD CONSTRAINT "dispute_cases_mediator_id_users_id_fk" FOREIGN KEY ("mediator_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispute_cases" ADD CONSTRAINT "dispute_cases_filed_by_users_id_fk" FOREIGN KEY ("filed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispute_cases" ADD CONSTRAINT "dispute_cases_applicant_confirmed_by_users_id_fk" FOREIGN KEY ("applicant_confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispute_cases" ADD CONSTRAINT "dispute_cases_respondent_confirmed_by_users_id_fk" FOREIGN KEY ("respondent_confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispute_events" ADD CONSTRAINT "dispute_events_case_id_dispute_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."dispute_cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispute_events" ADD CONSTRAINT "dispute_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispute_reminders" ADD CONSTRAINT "dispute_reminders_case_id_dispute_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."dispute_cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispute_sessions" ADD CONSTRAINT "dispute_sessions_case_id_dispute_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."dispute_cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispute_sessions" ADD CONSTRAINT "dispute_sessions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispute_station_people" ADD CONSTRAINT "dispute_station_people_station_id_dispute_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."dispute_stations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispute_station_people" ADD CONSTRAINT "dispute_station_people_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispute_stations" ADD CONSTRAINT "dispute_stations_association_id_associations_id_fk" FOREIGN KEY ("association_id") REFERENCES "public"."associations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_services" ADD CONSTRAINT "legal_services_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_services" ADD CONSTRAINT "legal_services_association_id_associations_id_fk" FOREIGN KEY ("association_id") REFERENCES "public"."associations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_services" ADD CONSTRAINT "legal_services_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dispute_cases_station_filed_idx" ON "dispute_cases" USING btree ("station_id","filed_at","id");--> statement-breakpoint
CREATE INDEX "dispute_cases_applicant_idx" ON "dispute_cases" USING btree ("applicant_enterprise_id","filed_at");--> statement-breakpoint
CREATE INDEX "dispute_cases_respondent_idx" ON "dispute_cases" USING btree ("respondent_enterprise_id","filed_at");--> statement-breakpoint
CREATE INDEX "dispute_cases_mediator_idx" ON "dispute_cases" USING btree ("mediator_id","filed_at");--> statement-breakpoint
CREATE INDEX "dispute_cases_status_idx" ON "dispute_cases" USING btree ("status");--> statement-breakpoint
CREATE INDEX "dispute_cases_mediation_due_idx" ON "dispute_cases" USING btree ("mediation_due_at") WHERE "dispute_cases"."mediation_due_at" is not null;--> statement-breakpoint
CREATE INDEX "dispute_cases_confirmation_due_idx" ON "dispute_cases" USING btree ("confirmation_due_at") WHERE "dispute_cases"."confirmation_due_at" is not null;--> statement-breakpoint
CREATE INDEX "dispute_events_case_idx" ON "dispute_events" USING btree ("case_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "dispute_reminders_once_idx" ON "dispute_reminders" USING btree ("case_id","kind","due_at");--> statement-breakpoint
CREATE INDEX "dispute_sessions_case_idx" ON "dispute_sessions" USING btree ("case_id","starts_at");--> statement-breakpoint
CREATE INDEX "dispute_station_people_user_idx" ON "dispute_station_people" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "legal_services_held_idx" ON "legal_services" USING btree ("kind","held_on");--> statement-breakpoint
CREATE INDEX "legal_services_enterprise_idx" ON "legal_services" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "legal_services_association_idx" ON "legal_services" USING btree ("association_id");