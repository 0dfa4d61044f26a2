-- Hand-edited after drizzle-kit generate: "spans" is PARTITION BY RANGE (start_time);
-- daily partitions are created on demand by lib/db/partitions.ts (drizzle-kit does not manage partitions).
CREATE TABLE "dropped_keys" (
	"project_id" integer NOT NULL,
	"pattern" text NOT NULL,
	"count" bigint NOT NULL,
	"last_seen" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dropped_keys_project_id_pattern_pk" PRIMARY KEY("project_id","pattern")
);
--> statement-breakpoint
CREATE TABLE "ingest_keys" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ingest_keys_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"project_id" integer NOT NULL,
	"name" text NOT NULL,
	"key_hash" text NOT NULL,
	"key_prefix" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "prices" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "prices_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"provider" text NOT NULL,
	"model" text NOT NULL,
	"input" bigint NOT NULL,
	"output" bigint NOT NULL,
	"cache_read" bigint,
	"cache_write" bigint,
	"reasoning" bigint,
	"effective_from" timestamp with time zone NOT NULL,
	"effective_to" timestamp with time zone,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "projects_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"retention_days" integer DEFAULT 30 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "projects_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "resources" (
	"project_id" integer NOT NULL,
	"hash" text NOT NULL,
	"attributes" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resources_project_id_hash_pk" PRIMARY KEY("project_id","hash")
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "spans" (
	"project_id" integer NOT NULL,
	"trace_id" text NOT NULL,
	"span_id" text NOT NULL,
	"parent_span_id" text,
	"start_time" timestamp (6) with time zone NOT NULL,
	"start_ns" bigint NOT NULL,
	"duration_ns" bigint NOT NULL,
	"name" text NOT NULL,
	"kind" smallint NOT NULL,
	"status_code" smallint NOT NULL,
	"error_type" text,
	"operation" text NOT NULL,
	"provider" text,
	"request_model" text,
	"response_model" text,
	"input_tokens" integer,
	"output_tokens" integer,
	"cache_read_tokens" integer,
	"cache_write_tokens" integer,
	"reasoning_tokens" integer,
	"billable" boolean NOT NULL,
	"usage_scope" text,
	"cost_pico" bigint,
	"price_id" integer,
	"reported_cost_usd" double precision,
	"agent_name" text,
	"tool_name" text,
	"conversation_id" text,
	"user_id" text,
	"service_name" text,
	"environment" text,
	"resource_hash" text,
	"finish_reasons" text[],
	"attributes" jsonb NOT NULL,
	"events" jsonb,
	"dropped_key_count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "spans_project_id_trace_id_span_id_start_time_pk" PRIMARY KEY("project_id","trace_id","span_id","start_time")
) PARTITION BY RANGE ("start_time");
--> statement-breakpoint
CREATE TABLE "traces" (
	"project_id" integer NOT NULL,
	"trace_id" text NOT NULL,
	"start_time" timestamp (6) with time zone NOT NULL,
	"min_start_ns" bigint NOT NULL,
	"max_end_ns" bigint NOT NULL,
	"root_span_id" text,
	"root_key" text,
	"root_status" smallint,
	"root_duration_ns" bigint,
	"first_key" text NOT NULL,
	"first_name" text NOT NULL,
	"service_name" text,
	"environment" text,
	"agent_key" text,
	"agent_name" text,
	"user_key" text,
	"user_id" text,
	"span_count" integer NOT NULL,
	"llm_call_count" integer NOT NULL,
	"llm_error_count" integer NOT NULL,
	"error_count" integer NOT NULL,
	"unpriced_count" integer NOT NULL,
	"input_tokens" bigint NOT NULL,
	"output_tokens" bigint NOT NULL,
	"cache_read_tokens" bigint NOT NULL,
	"cache_write_tokens" bigint NOT NULL,
	"reasoning_tokens" bigint NOT NULL,
	"cost_pico" bigint NOT NULL,
	"models" text[] DEFAULT '{}' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "traces_project_id_trace_id_pk" PRIMARY KEY("project_id","trace_id")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "users_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"username" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_username_unique" UNIQUE("username")
);
--> statement-breakpoint
ALTER TABLE "ingest_keys" ADD CONSTRAINT "ingest_keys_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "ingest_keys_hash_idx" ON "ingest_keys" USING btree ("key_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "prices_model_from_idx" ON "prices" USING btree ("provider","model","effective_from");--> statement-breakpoint
CREATE INDEX "spans_project_start_idx" ON "spans" USING btree ("project_id","start_time");--> statement-breakpoint
CREATE INDEX "traces_project_start_idx" ON "traces" USING btree ("project_id","start_time");