ALTER TABLE "associations" ADD COLUMN "dues_payee" text;--> statement-breakpoint
ALTER TABLE "associations" ADD COLUMN "dues_bank" text;--> statement-breakpoint
ALTER TABLE "associations" ADD COLUMN "dues_account" text;--> statement-breakpoint
ALTER TABLE "associations" ADD COLUMN "dues_note" text;