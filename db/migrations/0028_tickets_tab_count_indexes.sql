DROP INDEX "tickets_due_idx";--> statement-breakpoint
DROP INDEX "tickets_escalated_idx";--> statement-breakpoint
CREATE INDEX "tickets_status_handler_idx" ON "tickets" USING btree ("status","handler_id");--> statement-breakpoint
CREATE INDEX "tickets_due_handler_idx" ON "tickets" USING btree ("due_at","handler_id") WHERE "tickets"."due_at" is not null;--> statement-breakpoint
CREATE INDEX "tickets_escalated_handler_idx" ON "tickets" USING btree ("due_at","handler_id") WHERE "tickets"."escalated_at" is not null and "tickets"."status" = 'referred';