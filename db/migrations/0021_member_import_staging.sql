CREATE TABLE "member_import_rows" (
	"import_id" text NOT NULL,
	"line" integer NOT NULL,
	"enterprise" jsonb NOT NULL,
	"search_text" "tsvector" NOT NULL,
	"association_id" integer NOT NULL,
	"membership_type" text NOT NULL,
	"staged_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "member_import_rows_import_id_line_pk" PRIMARY KEY("import_id","line")
);
--> statement-breakpoint
CREATE INDEX "member_import_rows_staged_at_idx" ON "member_import_rows" USING btree ("staged_at");