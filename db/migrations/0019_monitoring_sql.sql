-- Readings are never negative (the gateway API and the imports refuse them first; this is the last word).
ALTER TABLE "meter_readings" ADD CONSTRAINT "meter_readings_kwh_nonnegative" CHECK ("kwh" >= 0);
--> statement-breakpoint
-- A cleared alarm says when and by whom (staff or the gateway); an open one says neither.
ALTER TABLE "passage_alarms" ADD CONSTRAINT "passage_alarms_cleared_consistent" CHECK (("status" = 'open' AND "cleared_at" IS NULL AND "cleared_by" IS NULL) OR ("status" = 'cleared' AND "cleared_at" IS NOT NULL AND "cleared_by" IS NOT NULL));
--> statement-breakpoint
-- Staff confirmation names the staff member; the gateway's all-clear names the gateway.
ALTER TABLE "passage_alarms" ADD CONSTRAINT "passage_alarms_clearer_named" CHECK ("cleared_by" IS NULL OR ("cleared_by" = 'staff' AND "cleared_by_user" IS NOT NULL) OR "cleared_by" = 'gateway');
