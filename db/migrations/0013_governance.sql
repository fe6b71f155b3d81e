CREATE TABLE "amendments" (
	"id" serial PRIMARY KEY NOT NULL,
	"version_id" integer NOT NULL,
	"clause" text NOT NULL,
	"old_text" text NOT NULL,
	"new_text" text NOT NULL,
	"reason" text NOT NULL,
	"proposed_by" text NOT NULL,
	"enterprise_id" integer,
	"status" text DEFAULT 'proposed' NOT NULL,
	"decision_reason" text,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"motion_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assemblies" (
	"id" serial PRIMARY KEY NOT NULL,
	"association_id" integer NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"place" text,
	"online_url" text,
	"agenda" text DEFAULT '' NOT NULL,
	"quorum_rule" text DEFAULT 'half' NOT NULL,
	"proxy_limit" smallint DEFAULT 1 NOT NULL,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"meeting_code" text,
	"opened_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assemblies_proxy_limit_ck" CHECK (proxy_limit between 0 and 1)
);
--> statement-breakpoint
CREATE TABLE "assembly_attendance" (
	"assembly_id" integer NOT NULL,
	"enterprise_id" integer NOT NULL,
	"method" text NOT NULL,
	"checked_in_by" text,
	"checked_in_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assembly_attendance_assembly_id_enterprise_id_pk" PRIMARY KEY("assembly_id","enterprise_id")
);
--> statement-breakpoint
CREATE TABLE "assembly_proxies" (
	"assembly_id" integer NOT NULL,
	"from_enterprise_id" integer NOT NULL,
	"holder_enterprise_id" integer NOT NULL,
	"recorded_by" text,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assembly_proxies_assembly_id_from_enterprise_id_pk" PRIMARY KEY("assembly_id","from_enterprise_id"),
	CONSTRAINT "assembly_proxies_not_self_ck" CHECK (from_enterprise_id <> holder_enterprise_id)
);
--> statement-breakpoint
CREATE TABLE "assembly_roll" (
	"assembly_id" integer NOT NULL,
	"enterprise_id" integer NOT NULL,
	"representative_user_id" text,
	CONSTRAINT "assembly_roll_assembly_id_enterprise_id_pk" PRIMARY KEY("assembly_id","enterprise_id")
);
--> statement-breakpoint
CREATE TABLE "document_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"document_id" integer NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"note" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"proposed_at" timestamp with time zone,
	"adopted_at" timestamp with time zone,
	"adopted_by_motion_id" integer
);
--> statement-breakpoint
CREATE TABLE "election_ballots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"election_id" integer NOT NULL,
	"receipt" text NOT NULL,
	"candidate_ids" integer[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "election_candidates" (
	"id" serial PRIMARY KEY NOT NULL,
	"election_id" integer NOT NULL,
	"position_id" integer NOT NULL,
	"enterprise_id" integer NOT NULL,
	"person_name" text NOT NULL,
	"statement" text,
	"user_id" text,
	"nominated_by" text NOT NULL,
	"seconded_by" text,
	"status" text DEFAULT 'nominated' NOT NULL,
	"accepted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "election_paper_counts" (
	"election_id" integer PRIMARY KEY NOT NULL,
	"ballots" integer NOT NULL,
	"blank" integer NOT NULL,
	"totals" jsonb NOT NULL,
	"entered_by" text NOT NULL,
	"entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"confirmed_by" text,
	"confirmed_at" timestamp with time zone,
	CONSTRAINT "election_paper_counts_two_people_ck" CHECK (confirmed_by is null or confirmed_by <> entered_by),
	CONSTRAINT "election_paper_counts_sane_ck" CHECK (ballots >= 0 and blank >= 0 and blank <= ballots)
);
--> statement-breakpoint
CREATE TABLE "election_positions" (
	"id" serial PRIMARY KEY NOT NULL,
	"election_id" integer NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"seats" smallint NOT NULL,
	"sort" smallint DEFAULT 0 NOT NULL,
	CONSTRAINT "election_positions_seats_ck" CHECK (seats between 1 and 99)
);
--> statement-breakpoint
CREATE TABLE "election_results" (
	"election_id" integer NOT NULL,
	"candidate_id" integer NOT NULL,
	"position_id" integer NOT NULL,
	"online" integer NOT NULL,
	"paper" integer NOT NULL,
	"total" integer NOT NULL,
	"rank" integer NOT NULL,
	"outcome" text NOT NULL,
	CONSTRAINT "election_results_election_id_candidate_id_pk" PRIMARY KEY("election_id","candidate_id")
);
--> statement-breakpoint
CREATE TABLE "election_roll" (
	"election_id" integer NOT NULL,
	"enterprise_id" integer NOT NULL,
	"representative_user_id" text,
	CONSTRAINT "election_roll_election_id_enterprise_id_pk" PRIMARY KEY("election_id","enterprise_id")
);
--> statement-breakpoint
CREATE TABLE "election_voters" (
	"election_id" integer NOT NULL,
	"enterprise_id" integer NOT NULL,
	"channel" text NOT NULL,
	CONSTRAINT "election_voters_election_id_enterprise_id_pk" PRIMARY KEY("election_id","enterprise_id")
);
--> statement-breakpoint
CREATE TABLE "elections" (
	"id" serial PRIMARY KEY NOT NULL,
	"association_id" integer NOT NULL,
	"assembly_id" integer,
	"title" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"competitive_pct" smallint,
	"paper_ballots" boolean DEFAULT false NOT NULL,
	"opens_on" text,
	"closes_on" text,
	"opened_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"tallied_at" timestamp with time zone,
	"certified_at" timestamp with time zone,
	"certified_by" text,
	"roll_size" integer,
	"online_ballots" integer,
	"paper_ballot_count" integer,
	"blank_ballots" integer,
	"has_tie" boolean,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "elections_competitive_ck" CHECK (competitive_pct is null or competitive_pct between 1 and 100)
);
--> statement-breakpoint
CREATE TABLE "governance_documents" (
	"id" serial PRIMARY KEY NOT NULL,
	"association_id" integer NOT NULL,
	"kind" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "motions" (
	"id" serial PRIMARY KEY NOT NULL,
	"assembly_id" integer NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"version_id" integer,
	"amendment_id" integer,
	"secret" boolean DEFAULT false NOT NULL,
	"threshold" text DEFAULT 'majority_cast' NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"yes" integer,
	"no" integer,
	"abstain" integer,
	"present" integer,
	"roll_size" integer,
	"quorum_met" boolean,
	"decided_at" timestamp with time zone,
	"decided_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "amendments" ADD CONSTRAINT "amendments_version_id_document_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."document_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "amendments" ADD CONSTRAINT "amendments_proposed_by_users_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "amendments" ADD CONSTRAINT "amendments_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assemblies" ADD CONSTRAINT "assemblies_association_id_associations_id_fk" FOREIGN KEY ("association_id") REFERENCES "public"."associations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assemblies" ADD CONSTRAINT "assemblies_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assembly_roll" ADD CONSTRAINT "assembly_roll_assembly_id_assemblies_id_fk" FOREIGN KEY ("assembly_id") REFERENCES "public"."assemblies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assembly_roll" ADD CONSTRAINT "assembly_roll_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assembly_roll" ADD CONSTRAINT "assembly_roll_representative_user_id_users_id_fk" FOREIGN KEY ("representative_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_versions" ADD CONSTRAINT "document_versions_document_id_governance_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."governance_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_versions" ADD CONSTRAINT "document_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_ballots" ADD CONSTRAINT "election_ballots_election_id_elections_id_fk" FOREIGN KEY ("election_id") REFERENCES "public"."elections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_candidates" ADD CONSTRAINT "election_candidates_election_id_elections_id_fk" FOREIGN KEY ("election_id") REFERENCES "public"."elections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_candidates" ADD CONSTRAINT "election_candidates_position_id_election_positions_id_fk" FOREIGN KEY ("position_id") REFERENCES "public"."election_positions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_candidates" ADD CONSTRAINT "election_candidates_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_candidates" ADD CONSTRAINT "election_candidates_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_paper_counts" ADD CONSTRAINT "election_paper_counts_election_id_elections_id_fk" FOREIGN KEY ("election_id") REFERENCES "public"."elections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_positions" ADD CONSTRAINT "election_positions_election_id_elections_id_fk" FOREIGN KEY ("election_id") REFERENCES "public"."elections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_results" ADD CONSTRAINT "election_results_election_id_elections_id_fk" FOREIGN KEY ("election_id") REFERENCES "public"."elections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_results" ADD CONSTRAINT "election_results_candidate_id_election_candidates_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."election_candidates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_roll" ADD CONSTRAINT "election_roll_election_id_elections_id_fk" FOREIGN KEY ("election_id") REFERENCES "public"."elections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_roll" ADD CONSTRAINT "election_roll_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_roll" ADD CONSTRAINT "election_roll_representative_user_id_users_id_fk" FOREIGN KEY ("representative_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_voters" ADD CONSTRAINT "election_voters_election_id_elections_id_fk" FOREIGN KEY ("election_id") REFERENCES "public"."elections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_voters" ADD CONSTRAINT "election_voters_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "elections" ADD CONSTRAINT "elections_association_id_associations_id_fk" FOREIGN KEY ("association_id") REFERENCES "public"."associations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "elections" ADD CONSTRAINT "elections_assembly_id_assemblies_id_fk" FOREIGN KEY ("assembly_id") REFERENCES "public"."assemblies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "elections" ADD CONSTRAINT "elections_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "governance_documents" ADD CONSTRAINT "governance_documents_association_id_associations_id_fk" FOREIGN KEY ("association_id") REFERENCES "public"."associations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "motions" ADD CONSTRAINT "motions_assembly_id_assemblies_id_fk" FOREIGN KEY ("assembly_id") REFERENCES "public"."assemblies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "motions" ADD CONSTRAINT "motions_version_id_document_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."document_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "motions" ADD CONSTRAINT "motions_amendment_id_amendments_id_fk" FOREIGN KEY ("amendment_id") REFERENCES "public"."amendments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "amendments_version_idx" ON "amendments" USING btree ("version_id");--> statement-breakpoint
CREATE INDEX "assemblies_association_idx" ON "assemblies" USING btree ("association_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "assembly_proxies_holder_uq" ON "assembly_proxies" USING btree ("assembly_id","holder_enterprise_id");--> statement-breakpoint
CREATE UNIQUE INDEX "document_versions_document_version_uq" ON "document_versions" USING btree ("document_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "document_versions_one_adopted_uq" ON "document_versions" USING btree ("document_id") WHERE status = 'adopted';--> statement-breakpoint
CREATE UNIQUE INDEX "election_ballots_receipt_uq" ON "election_ballots" USING btree ("election_id","receipt");--> statement-breakpoint
CREATE INDEX "election_candidates_election_idx" ON "election_candidates" USING btree ("election_id");--> statement-breakpoint
CREATE UNIQUE INDEX "election_candidates_position_enterprise_uq" ON "election_candidates" USING btree ("position_id","enterprise_id");--> statement-breakpoint
CREATE INDEX "election_positions_election_idx" ON "election_positions" USING btree ("election_id");--> statement-breakpoint
CREATE INDEX "election_roll_representative_idx" ON "election_roll" USING btree ("representative_user_id");--> statement-breakpoint
CREATE INDEX "elections_association_idx" ON "elections" USING btree ("association_id");--> statement-breakpoint
CREATE UNIQUE INDEX "governance_documents_association_kind_uq" ON "governance_documents" USING btree ("association_id","kind");--> statement-breakpoint
CREATE INDEX "motions_assembly_idx" ON "motions" USING btree ("assembly_id");