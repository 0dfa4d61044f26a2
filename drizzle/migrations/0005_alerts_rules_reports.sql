CREATE TABLE "alert_rules" (
	"project_id" integer NOT NULL,
	"id" integer GENERATED ALWAYS AS IDENTITY (sequence name "alert_rules_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"scope" jsonb NOT NULL,
	"threshold" double precision,
	"window_minutes" integer,
	"min_traces" integer,
	"enabled" boolean DEFAULT true NOT NULL,
	"channels" jsonb NOT NULL,
	"state" text DEFAULT 'ok' NOT NULL,
	"episode" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alert_rules_pk" PRIMARY KEY("project_id","id")
);
--> statement-breakpoint
CREATE TABLE "report_runs" (
	"project_id" integer NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "report_runs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"schedule_id" integer NOT NULL,
	"period_start" timestamp with time zone NOT NULL,
	"period_end" timestamp with time zone NOT NULL,
	"manual" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_runs_pk" PRIMARY KEY("project_id","id")
);
--> statement-breakpoint
CREATE TABLE "report_schedules" (
	"project_id" integer NOT NULL,
	"id" integer GENERATED ALWAYS AS IDENTITY (sequence name "report_schedules_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"cadence" text NOT NULL,
	"timezone" text DEFAULT 'UTC' NOT NULL,
	"group_by" text DEFAULT 'day' NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"channels" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_schedules_pk" PRIMARY KEY("project_id","id")
);
--> statement-breakpoint
CREATE TABLE "rule_events" (
	"project_id" integer NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "rule_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"rule_id" integer NOT NULL,
	"kind" text NOT NULL,
	"episode" integer DEFAULT 0 NOT NULL,
	"subject" text DEFAULT '' NOT NULL,
	"value" double precision,
	"limit_value" double precision,
	"window_start" timestamp with time zone,
	"window_end" timestamp with time zone,
	"fired_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rule_events_pk" PRIMARY KEY("project_id","id")
);
--> statement-breakpoint
ALTER TABLE "alert_deliveries" ALTER COLUMN "alert_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "alert_deliveries" ADD COLUMN "rule_event_id" bigint;--> statement-breakpoint
ALTER TABLE "alert_deliveries" ADD COLUMN "report_run_id" bigint;--> statement-breakpoint
ALTER TABLE "alert_rules" ADD CONSTRAINT "alert_rules_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_runs" ADD CONSTRAINT "report_runs_schedule_fk" FOREIGN KEY ("project_id","schedule_id") REFERENCES "public"."report_schedules"("project_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_schedules" ADD CONSTRAINT "report_schedules_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rule_events" ADD CONSTRAINT "rule_events_rule_fk" FOREIGN KEY ("project_id","rule_id") REFERENCES "public"."alert_rules"("project_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "report_runs_once_idx" ON "report_runs" USING btree ("project_id","schedule_id","period_start") WHERE not "report_runs"."manual";--> statement-breakpoint
CREATE UNIQUE INDEX "rule_events_once_idx" ON "rule_events" USING btree ("project_id","rule_id","kind","episode","subject");--> statement-breakpoint
ALTER TABLE "alert_deliveries" ADD CONSTRAINT "alert_deliveries_rule_event_fk" FOREIGN KEY ("project_id","rule_event_id") REFERENCES "public"."rule_events"("project_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_deliveries" ADD CONSTRAINT "alert_deliveries_report_run_fk" FOREIGN KEY ("project_id","report_run_id") REFERENCES "public"."report_runs"("project_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alert_deliveries_rule_event_idx" ON "alert_deliveries" USING btree ("project_id","rule_event_id");--> statement-breakpoint
CREATE INDEX "alert_deliveries_report_run_idx" ON "alert_deliveries" USING btree ("project_id","report_run_id");--> statement-breakpoint
ALTER TABLE "alert_deliveries" ADD CONSTRAINT "alert_deliveries_one_source" CHECK (num_nonnulls("alert_deliveries"."alert_id", "alert_deliveries"."rule_event_id", "alert_deliveries"."report_run_id") = 1);