CREATE TABLE "fair_booths" (
	"id" serial PRIMARY KEY NOT NULL,
	"fair_id" integer NOT NULL,
	"enterprise_id" integer NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"booth_number" integer,
	"note" text,
	"requested_by" text,
	"decision_reason" text,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fair_booths_number_ck" CHECK (("fair_booths"."status" = 'approved') = ("fair_booths"."booth_number" is not null))
);
--> statement-breakpoint
CREATE TABLE "fair_registrations" (
	"id" serial PRIMARY KEY NOT NULL,
	"fair_id" integer NOT NULL,
	"user_id" text NOT NULL,
	"code" text NOT NULL,
	"full_name" text NOT NULL,
	"phone" text,
	"school" text,
	"checked_in_at" timestamp with time zone,
	"checked_in_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "job_fairs" (
	"id" serial PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"fair_date" date NOT NULL,
	"starts_at" text NOT NULL,
	"ends_at" text NOT NULL,
	"mode" text DEFAULT 'onsite' NOT NULL,
	"venue" text,
	"online_url" text,
	"partner_school" text,
	"booth_capacity" integer NOT NULL,
	"registration_opens" date NOT NULL,
	"registration_closes" date NOT NULL,
	"description" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "job_fairs_capacity_ck" CHECK ("job_fairs"."booth_capacity" > 0),
	CONSTRAINT "job_fairs_window_ck" CHECK ("job_fairs"."registration_opens" <= "job_fairs"."registration_closes")
);
--> statement-breakpoint
CREATE TABLE "labour_placements" (
	"id" serial PRIMARY KEY NOT NULL,
	"surplus_post_id" integer NOT NULL,
	"shortage_post_id" integer NOT NULL,
	"headcount" integer NOT NULL,
	"placed_on" date NOT NULL,
	"note" text,
	"recorded_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "labour_placements_headcount_ck" CHECK ("labour_placements"."headcount" > 0)
);
--> statement-breakpoint
CREATE TABLE "labour_posts" (
	"id" serial PRIMARY KEY NOT NULL,
	"enterprise_id" integer NOT NULL,
	"kind" text NOT NULL,
	"skills" text[] NOT NULL,
	"headcount" integer NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"location" text NOT NULL,
	"note" text,
	"status" text DEFAULT 'open' NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "labour_posts_headcount_ck" CHECK ("labour_posts"."headcount" > 0),
	CONSTRAINT "labour_posts_period_ck" CHECK ("labour_posts"."period_start" <= "labour_posts"."period_end")
);
--> statement-breakpoint
ALTER TABLE "fair_booths" ADD CONSTRAINT "fair_booths_fair_id_job_fairs_id_fk" FOREIGN KEY ("fair_id") REFERENCES "public"."job_fairs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_booths" ADD CONSTRAINT "fair_booths_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_booths" ADD CONSTRAINT "fair_booths_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_booths" ADD CONSTRAINT "fair_booths_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_registrations" ADD CONSTRAINT "fair_registrations_fair_id_job_fairs_id_fk" FOREIGN KEY ("fair_id") REFERENCES "public"."job_fairs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_registrations" ADD CONSTRAINT "fair_registrations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_registrations" ADD CONSTRAINT "fair_registrations_checked_in_by_users_id_fk" FOREIGN KEY ("checked_in_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_fairs" ADD CONSTRAINT "job_fairs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "labour_placements" ADD CONSTRAINT "labour_placements_surplus_post_id_labour_posts_id_fk" FOREIGN KEY ("surplus_post_id") REFERENCES "public"."labour_posts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "labour_placements" ADD CONSTRAINT "labour_placements_shortage_post_id_labour_posts_id_fk" FOREIGN KEY ("shortage_post_id") REFERENCES "public"."labour_posts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "labour_placements" ADD CONSTRAINT "labour_placements_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "labour_posts" ADD CONSTRAINT "labour_posts_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "labour_posts" ADD CONSTRAINT "labour_posts_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "fair_booths_fair_enterprise_uq" ON "fair_booths" USING btree ("fair_id","enterprise_id");--> statement-breakpoint
CREATE UNIQUE INDEX "fair_booths_fair_number_uq" ON "fair_booths" USING btree ("fair_id","booth_number");--> statement-breakpoint
CREATE INDEX "fair_booths_fair_status_idx" ON "fair_booths" USING btree ("fair_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "fair_registrations_code_uq" ON "fair_registrations" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "fair_registrations_fair_user_uq" ON "fair_registrations" USING btree ("fair_id","user_id");--> statement-breakpoint
CREATE INDEX "fair_registrations_fair_phone_idx" ON "fair_registrations" USING btree ("fair_id","phone");--> statement-breakpoint
CREATE INDEX "fair_registrations_fair_checked_idx" ON "fair_registrations" USING btree ("fair_id","checked_in_at");--> statement-breakpoint
CREATE INDEX "job_fairs_date_idx" ON "job_fairs" USING btree ("fair_date");--> statement-breakpoint
CREATE INDEX "labour_placements_surplus_idx" ON "labour_placements" USING btree ("surplus_post_id");--> statement-breakpoint
CREATE INDEX "labour_placements_shortage_idx" ON "labour_placements" USING btree ("shortage_post_id");--> statement-breakpoint
CREATE INDEX "labour_posts_kind_status_idx" ON "labour_posts" USING btree ("kind","status");--> statement-breakpoint
CREATE INDEX "labour_posts_enterprise_idx" ON "labour_posts" USING btree ("enterprise_id");