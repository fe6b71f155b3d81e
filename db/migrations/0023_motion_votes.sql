CREATE TABLE "motion_ballots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"motion_id" integer NOT NULL,
	"choice" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "motion_voters" (
	"motion_id" integer NOT NULL,
	"enterprise_id" integer NOT NULL,
	"held_by" integer,
	"open_choice" text,
	CONSTRAINT "motion_voters_motion_id_enterprise_id_pk" PRIMARY KEY("motion_id","enterprise_id")
);
--> statement-breakpoint
ALTER TABLE "motions" ADD COLUMN "voting_opened_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "motions" ADD COLUMN "voting_closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "motions" ADD COLUMN "online_yes" integer;--> statement-breakpoint
ALTER TABLE "motions" ADD COLUMN "online_no" integer;--> statement-breakpoint
ALTER TABLE "motions" ADD COLUMN "online_abstain" integer;--> statement-breakpoint
ALTER TABLE "motion_ballots" ADD CONSTRAINT "motion_ballots_motion_id_motions_id_fk" FOREIGN KEY ("motion_id") REFERENCES "public"."motions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "motion_voters" ADD CONSTRAINT "motion_voters_motion_id_motions_id_fk" FOREIGN KEY ("motion_id") REFERENCES "public"."motions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "motion_voters" ADD CONSTRAINT "motion_voters_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "motion_voters" ADD CONSTRAINT "motion_voters_held_by_enterprises_id_fk" FOREIGN KEY ("held_by") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "motion_ballots_motion_idx" ON "motion_ballots" USING btree ("motion_id");