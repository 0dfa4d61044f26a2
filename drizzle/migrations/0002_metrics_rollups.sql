-- Hand-edited after drizzle-kit generate: the last statement marks every hour that already holds
-- traces as dirty, so the metrics rollup worker (lib/metrics/rollup-worker.ts) builds their rollups.
CREATE TABLE "metrics_dirty_hours" (
	"project_id" integer NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "metrics_dirty_hours_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"marked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "metrics_dirty_hours_pk" PRIMARY KEY("project_id","hour","id")
);
--> statement-breakpoint
CREATE TABLE "metrics_llm_rollups" (
	"project_id" integer NOT NULL,
	"grain" smallint NOT NULL,
	"total" boolean NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"agent" text NOT NULL,
	"service" text NOT NULL,
	"environment" text NOT NULL,
	"provider" text NOT NULL,
	"model" text NOT NULL,
	"llm_calls" integer NOT NULL,
	"llm_errors" integer NOT NULL,
	"unpriced_calls" integer NOT NULL,
	"cost_pico" bigint NOT NULL,
	"wasted_cost_pico" bigint NOT NULL,
	"input_tokens" bigint NOT NULL,
	"output_tokens" bigint NOT NULL,
	"cache_read_tokens" bigint NOT NULL,
	CONSTRAINT "metrics_llm_rollups_pk" PRIMARY KEY("project_id","grain","total","bucket","provider","model","agent","service","environment")
);
--> statement-breakpoint
CREATE TABLE "metrics_trace_rollups" (
	"project_id" integer NOT NULL,
	"grain" smallint NOT NULL,
	"total" boolean NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"agent" text NOT NULL,
	"service" text NOT NULL,
	"environment" text NOT NULL,
	"trace_count" integer NOT NULL,
	"root_count" integer NOT NULL,
	"success_count" integer NOT NULL,
	"cost_pico" bigint NOT NULL,
	"wasted_cost_pico" bigint NOT NULL,
	"llm_calls" integer NOT NULL,
	"llm_errors" integer NOT NULL,
	"unpriced_calls" integer NOT NULL,
	"input_tokens" bigint NOT NULL,
	"output_tokens" bigint NOT NULL,
	"cache_read_tokens" bigint NOT NULL,
	"lat_idx" integer[] NOT NULL,
	"lat_cnt" integer[] NOT NULL,
	CONSTRAINT "metrics_trace_rollups_pk" PRIMARY KEY("project_id","grain","total","bucket","agent","service","environment")
);
--> statement-breakpoint
CREATE TABLE "metrics_usage_rollups" (
	"project_id" integer NOT NULL,
	"grain" smallint NOT NULL,
	"total" boolean NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"agent" text NOT NULL,
	"service" text NOT NULL,
	"environment" text NOT NULL,
	"kind" smallint NOT NULL,
	"provider" text NOT NULL,
	"model" text NOT NULL,
	"trace_count" integer NOT NULL,
	"root_count" integer NOT NULL,
	"success_count" integer NOT NULL,
	"lat_idx" integer[] NOT NULL,
	"lat_cnt" integer[] NOT NULL,
	CONSTRAINT "metrics_usage_rollups_pk" PRIMARY KEY("project_id","grain","total","bucket","kind","provider","model","agent","service","environment")
);
--> statement-breakpoint
INSERT INTO "metrics_dirty_hours" ("project_id", "hour") SELECT DISTINCT "project_id", date_trunc('hour', "start_time", 'UTC') FROM "traces";
