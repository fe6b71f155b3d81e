CREATE TABLE "credit_lines" (
	"id" serial PRIMARY KEY NOT NULL,
	"bank_id" integer NOT NULL,
	"association_id" integer NOT NULL,
	"amount_fen" bigint NOT NULL,
	"drawn_fen" bigint DEFAULT 0 NOT NULL,
	"granted_on" date NOT NULL,
	"expires_on" date,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credit_lines_not_overdrawn" CHECK ("credit_lines"."drawn_fen" >= 0 and "credit_lines"."drawn_fen" <= "credit_lines"."amount_fen")
);
--> statement-breakpoint
CREATE TABLE "credit_products" (
	"id" serial PRIMARY KEY NOT NULL,
	"bank_id" integer NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"min_amount_fen" bigint NOT NULL,
	"max_amount_fen" bigint NOT NULL,
	"min_rate_bp" integer NOT NULL,
	"max_rate_bp" integer NOT NULL,
	"min_term_months" integer NOT NULL,
	"max_term_months" integer NOT NULL,
	"min_years_in_business" integer,
	"above_size_only" boolean DEFAULT false NOT NULL,
	"min_annual_output_fen" bigint,
	"segments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"members_only" boolean DEFAULT false NOT NULL,
	"collateral_required" boolean DEFAULT false NOT NULL,
	"accepted_collateral" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"status" text DEFAULT 'active' NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credit_products_amount_range" CHECK ("credit_products"."min_amount_fen" >= 0 and "credit_products"."min_amount_fen" <= "credit_products"."max_amount_fen"),
	CONSTRAINT "credit_products_rate_range" CHECK ("credit_products"."min_rate_bp" >= 0 and "credit_products"."min_rate_bp" <= "credit_products"."max_rate_bp"),
	CONSTRAINT "credit_products_term_range" CHECK ("credit_products"."min_term_months" >= 1 and "credit_products"."min_term_months" <= "credit_products"."max_term_months")
);
--> statement-breakpoint
CREATE TABLE "finance_profiles" (
	"enterprise_id" integer PRIMARY KEY NOT NULL,
	"liaison_user_id" text,
	"founded_year" smallint,
	"in_renewal_service" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "financing_needs" (
	"id" serial PRIMARY KEY NOT NULL,
	"enterprise_id" integer NOT NULL,
	"amount_fen" bigint NOT NULL,
	"purpose" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"term_months" integer NOT NULL,
	"max_rate_bp" integer NOT NULL,
	"collateral" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"needed_by" date NOT NULL,
	"source" text DEFAULT 'member' NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"claim_due_at" timestamp with time zone NOT NULL,
	"claimed_bank_id" integer,
	"claimed_by" text,
	"claimed_at" timestamp with time zone,
	"response_due_at" timestamp with time zone,
	"responded_at" timestamp with time zone,
	"outcome" text,
	"outcome_note" text,
	"flagged_at" timestamp with time zone,
	"flag_kind" text,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "financing_needs_amount_positive" CHECK ("financing_needs"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "loan_application_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"application_id" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" text,
	"actor_name" text,
	"from_status" text,
	"to_status" text,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "loan_applications" (
	"id" serial PRIMARY KEY NOT NULL,
	"enterprise_id" integer NOT NULL,
	"product_id" integer NOT NULL,
	"bank_id" integer NOT NULL,
	"need_id" integer,
	"credit_line_id" integer,
	"amount_fen" bigint NOT NULL,
	"term_months" integer NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"info_request" text,
	"approved_amount_fen" bigint,
	"approved_rate_bp" integer,
	"approved_term_months" integer,
	"decline_reason" text,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "loans" (
	"id" serial PRIMARY KEY NOT NULL,
	"application_id" integer,
	"enterprise_id" integer NOT NULL,
	"bank_id" integer NOT NULL,
	"product_id" integer,
	"credit_line_id" integer,
	"amount_fen" bigint NOT NULL,
	"rate_bp" integer NOT NULL,
	"term_months" integer NOT NULL,
	"disbursed_on" date NOT NULL,
	"matures_on" date NOT NULL,
	"renewable" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"last_contacted_on" date,
	"contact_note" text,
	"renewal_outcome" text,
	"outcome_note" text,
	"outcome_at" timestamp with time zone,
	"flagged_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "need_matches" (
	"need_id" integer NOT NULL,
	"product_id" integer NOT NULL,
	"bank_id" integer NOT NULL,
	"score" smallint NOT NULL,
	CONSTRAINT "need_matches_need_id_product_id_pk" PRIMARY KEY("need_id","product_id")
);
--> statement-breakpoint
ALTER TABLE "credit_lines" ADD CONSTRAINT "credit_lines_bank_id_banks_id_fk" FOREIGN KEY ("bank_id") REFERENCES "public"."banks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_lines" ADD CONSTRAINT "credit_lines_association_id_associations_id_fk" FOREIGN KEY ("association_id") REFERENCES "public"."associations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_products" ADD CONSTRAINT "credit_products_bank_id_banks_id_fk" FOREIGN KEY ("bank_id") REFERENCES "public"."banks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_products" ADD CONSTRAINT "credit_products_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance_profiles" ADD CONSTRAINT "finance_profiles_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance_profiles" ADD CONSTRAINT "finance_profiles_liaison_user_id_users_id_fk" FOREIGN KEY ("liaison_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "financing_needs" ADD CONSTRAINT "financing_needs_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "financing_needs" ADD CONSTRAINT "financing_needs_claimed_bank_id_banks_id_fk" FOREIGN KEY ("claimed_bank_id") REFERENCES "public"."banks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "financing_needs" ADD CONSTRAINT "financing_needs_claimed_by_users_id_fk" FOREIGN KEY ("claimed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "financing_needs" ADD CONSTRAINT "financing_needs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_application_events" ADD CONSTRAINT "loan_application_events_application_id_loan_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."loan_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_applications" ADD CONSTRAINT "loan_applications_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_applications" ADD CONSTRAINT "loan_applications_product_id_credit_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."credit_products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_applications" ADD CONSTRAINT "loan_applications_bank_id_banks_id_fk" FOREIGN KEY ("bank_id") REFERENCES "public"."banks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_applications" ADD CONSTRAINT "loan_applications_need_id_financing_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."financing_needs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_applications" ADD CONSTRAINT "loan_applications_credit_line_id_credit_lines_id_fk" FOREIGN KEY ("credit_line_id") REFERENCES "public"."credit_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_applications" ADD CONSTRAINT "loan_applications_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_applications" ADD CONSTRAINT "loan_applications_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_application_id_loan_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."loan_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_bank_id_banks_id_fk" FOREIGN KEY ("bank_id") REFERENCES "public"."banks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_product_id_credit_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."credit_products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_credit_line_id_credit_lines_id_fk" FOREIGN KEY ("credit_line_id") REFERENCES "public"."credit_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_matches" ADD CONSTRAINT "need_matches_need_id_financing_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."financing_needs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_matches" ADD CONSTRAINT "need_matches_product_id_credit_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."credit_products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_matches" ADD CONSTRAINT "need_matches_bank_id_banks_id_fk" FOREIGN KEY ("bank_id") REFERENCES "public"."banks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "credit_lines_association_idx" ON "credit_lines" USING btree ("association_id");--> statement-breakpoint
CREATE INDEX "credit_products_bank_idx" ON "credit_products" USING btree ("bank_id");--> statement-breakpoint
CREATE INDEX "credit_products_status_idx" ON "credit_products" USING btree ("status");--> statement-breakpoint
CREATE INDEX "finance_profiles_liaison_idx" ON "finance_profiles" USING btree ("liaison_user_id");--> statement-breakpoint
CREATE INDEX "financing_needs_enterprise_idx" ON "financing_needs" USING btree ("enterprise_id","created_at");--> statement-breakpoint
CREATE INDEX "financing_needs_created_idx" ON "financing_needs" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "financing_needs_status_idx" ON "financing_needs" USING btree ("status");--> statement-breakpoint
CREATE INDEX "financing_needs_claimed_bank_idx" ON "financing_needs" USING btree ("claimed_bank_id");--> statement-breakpoint
CREATE INDEX "loan_application_events_application_idx" ON "loan_application_events" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "loan_applications_bank_idx" ON "loan_applications" USING btree ("bank_id","status");--> statement-breakpoint
CREATE INDEX "loan_applications_enterprise_idx" ON "loan_applications" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "loan_applications_created_idx" ON "loan_applications" USING btree ("created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "loans_application_uq" ON "loans" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "loans_enterprise_idx" ON "loans" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "loans_matures_idx" ON "loans" USING btree ("matures_on");--> statement-breakpoint
CREATE INDEX "loans_bank_idx" ON "loans" USING btree ("bank_id");--> statement-breakpoint
CREATE INDEX "loans_credit_line_idx" ON "loans" USING btree ("credit_line_id");--> statement-breakpoint
CREATE INDEX "need_matches_bank_need_idx" ON "need_matches" USING btree ("bank_id","need_id");--> statement-breakpoint
CREATE INDEX "need_matches_product_idx" ON "need_matches" USING btree ("product_id","score");