CREATE TABLE "building_tenancies" (
	"id" serial PRIMARY KEY NOT NULL,
	"building_id" integer NOT NULL,
	"floor" smallint NOT NULL,
	"enterprise_id" integer NOT NULL,
	"area_m2" integer NOT NULL,
	"started_on" date NOT NULL,
	"ended_on" date
);
--> statement-breakpoint
CREATE TABLE "buildings" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"village" text NOT NULL,
	"address" text NOT NULL,
	"floors" smallint NOT NULL,
	"landlord" text NOT NULL,
	"filing_status" text DEFAULT 'pending' NOT NULL,
	"filing_no" text,
	"filed_on" date,
	"deposit_fen" bigint DEFAULT 0 NOT NULL,
	"deposit_paid_on" date,
	"deposit_refunded_on" date,
	CONSTRAINT "buildings_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "enterprise_headcount_months" (
	"enterprise_id" integer NOT NULL,
	"month" date NOT NULL,
	"employees" integer NOT NULL,
	CONSTRAINT "enterprise_headcount_months_enterprise_id_month_pk" PRIMARY KEY("enterprise_id","month")
);
--> statement-breakpoint
CREATE TABLE "enterprise_premises" (
	"enterprise_id" integer PRIMARY KEY NOT NULL,
	"land_m2" integer DEFAULT 0 NOT NULL,
	"floor_m2" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "enterprise_tax_months" (
	"enterprise_id" integer NOT NULL,
	"month" date NOT NULL,
	"tax_fen" bigint NOT NULL,
	CONSTRAINT "enterprise_tax_months_enterprise_id_month_pk" PRIMARY KEY("enterprise_id","month")
);
--> statement-breakpoint
CREATE TABLE "gateways" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"scopes" text[] NOT NULL,
	"token_hash" text NOT NULL,
	"token_hint" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" text,
	"last_used_at" timestamp with time zone,
	CONSTRAINT "gateways_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "meter_days" (
	"meter_id" integer NOT NULL,
	"day" date NOT NULL,
	"kwh" double precision NOT NULL,
	"readings" integer NOT NULL,
	CONSTRAINT "meter_days_meter_id_day_pk" PRIMARY KEY("meter_id","day")
);
--> statement-breakpoint
CREATE TABLE "meter_months" (
	"meter_id" integer NOT NULL,
	"month" date NOT NULL,
	"kwh" double precision NOT NULL,
	"readings" integer NOT NULL,
	CONSTRAINT "meter_months_meter_id_month_pk" PRIMARY KEY("meter_id","month")
);
--> statement-breakpoint
CREATE TABLE "meter_readings" (
	"meter_id" integer NOT NULL,
	"read_at" timestamp with time zone NOT NULL,
	"kwh" double precision NOT NULL,
	"gateway_id" integer,
	CONSTRAINT "meter_readings_meter_id_read_at_pk" PRIMARY KEY("meter_id","read_at")
);
--> statement-breakpoint
CREATE TABLE "meters" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"enterprise_id" integer,
	"installed_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meters_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "monitoring_settings" (
	"id" smallint PRIMARY KEY NOT NULL,
	"thresholds" jsonb NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "passage_alarms" (
	"id" serial PRIMARY KEY NOT NULL,
	"passage_id" integer NOT NULL,
	"building_id" integer NOT NULL,
	"floor" smallint NOT NULL,
	"enterprise_id" integer,
	"gateway_id" integer,
	"notice_no" text NOT NULL,
	"raised_at" timestamp with time zone NOT NULL,
	"camera_file_id" uuid,
	"status" text DEFAULT 'open' NOT NULL,
	"tenant_reported_at" timestamp with time zone,
	"cleared_at" timestamp with time zone,
	"cleared_by" text,
	"cleared_by_user" text,
	"clear_note" text,
	CONSTRAINT "passage_alarms_notice_no_unique" UNIQUE("notice_no")
);
--> statement-breakpoint
CREATE TABLE "passages" (
	"id" serial PRIMARY KEY NOT NULL,
	"building_id" integer NOT NULL,
	"floor" smallint NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "building_tenancies" ADD CONSTRAINT "building_tenancies_building_id_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."buildings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "building_tenancies" ADD CONSTRAINT "building_tenancies_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_headcount_months" ADD CONSTRAINT "enterprise_headcount_months_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_premises" ADD CONSTRAINT "enterprise_premises_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_tax_months" ADD CONSTRAINT "enterprise_tax_months_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gateways" ADD CONSTRAINT "gateways_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gateways" ADD CONSTRAINT "gateways_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meter_days" ADD CONSTRAINT "meter_days_meter_id_meters_id_fk" FOREIGN KEY ("meter_id") REFERENCES "public"."meters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meter_months" ADD CONSTRAINT "meter_months_meter_id_meters_id_fk" FOREIGN KEY ("meter_id") REFERENCES "public"."meters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meter_readings" ADD CONSTRAINT "meter_readings_meter_id_meters_id_fk" FOREIGN KEY ("meter_id") REFERENCES "public"."meters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meters" ADD CONSTRAINT "meters_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_settings" ADD CONSTRAINT "monitoring_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "passage_alarms" ADD CONSTRAINT "passage_alarms_passage_id_passages_id_fk" FOREIGN KEY ("passage_id") REFERENCES "public"."passages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "passage_alarms" ADD CONSTRAINT "passage_alarms_building_id_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."buildings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "passage_alarms" ADD CONSTRAINT "passage_alarms_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "passage_alarms" ADD CONSTRAINT "passage_alarms_gateway_id_gateways_id_fk" FOREIGN KEY ("gateway_id") REFERENCES "public"."gateways"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "passage_alarms" ADD CONSTRAINT "passage_alarms_cleared_by_user_users_id_fk" FOREIGN KEY ("cleared_by_user") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "passages" ADD CONSTRAINT "passages_building_id_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."buildings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "building_tenancies_building_idx" ON "building_tenancies" USING btree ("building_id","floor");--> statement-breakpoint
CREATE INDEX "building_tenancies_enterprise_idx" ON "building_tenancies" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "meter_days_day_brin" ON "meter_days" USING brin ("day");--> statement-breakpoint
CREATE INDEX "meter_months_month_idx" ON "meter_months" USING btree ("month");--> statement-breakpoint
CREATE INDEX "meter_readings_read_at_brin" ON "meter_readings" USING brin ("read_at");--> statement-breakpoint
CREATE INDEX "meters_enterprise_idx" ON "meters" USING btree ("enterprise_id");--> statement-breakpoint
CREATE UNIQUE INDEX "passage_alarms_passage_raised_uq" ON "passage_alarms" USING btree ("passage_id","raised_at");--> statement-breakpoint
CREATE UNIQUE INDEX "passage_alarms_open_uq" ON "passage_alarms" USING btree ("passage_id") WHERE status = 'open';--> statement-breakpoint
CREATE INDEX "passage_alarms_status_idx" ON "passage_alarms" USING btree ("status","raised_at");--> statement-breakpoint
CREATE INDEX "passage_alarms_enterprise_idx" ON "passage_alarms" USING btree ("enterprise_id","raised_at");--> statement-breakpoint
CREATE INDEX "passage_alarms_building_idx" ON "passage_alarms" USING btree ("building_id","raised_at");--> statement-breakpoint
CREATE UNIQUE INDEX "passages_building_floor_code_uq" ON "passages" USING btree ("building_id","floor","code");