CREATE TABLE "enterprise_change_requests" (
	"id" serial PRIMARY KEY NOT NULL,
	"enterprise_id" integer NOT NULL,
	"requested_by" text NOT NULL,
	"changes" jsonb NOT NULL,
	"note" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"decision_reason" text,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "search_text" "tsvector";--> statement-breakpoint
ALTER TABLE "renewal_reminders" ADD COLUMN "notified" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "enterprise_change_requests" ADD CONSTRAINT "enterprise_change_requests_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_change_requests" ADD CONSTRAINT "enterprise_change_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "enterprise_change_requests_enterprise_idx" ON "enterprise_change_requests" USING btree ("enterprise_id","status");--> statement-breakpoint
CREATE INDEX "enterprises_search_idx" ON "enterprises" USING gin ("search_text");--> statement-breakpoint
CREATE UNIQUE INDEX "join_applications_pending_credit_code_uq" ON "join_applications" USING btree ("credit_code") WHERE status = 'pending';