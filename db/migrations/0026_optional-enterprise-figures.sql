ALTER TABLE "enterprises" ALTER COLUMN "annual_output_fen" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "enterprises" ALTER COLUMN "annual_output_fen" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "enterprises" ALTER COLUMN "employees" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "enterprises" ALTER COLUMN "employees" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "enterprises" ALTER COLUMN "export_share_pct" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "enterprises" ALTER COLUMN "export_share_pct" DROP NOT NULL;