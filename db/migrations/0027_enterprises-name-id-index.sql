DROP INDEX "enterprises_name_idx";--> statement-breakpoint
CREATE INDEX "enterprises_name_id_idx" ON "enterprises" USING btree ("name","id");