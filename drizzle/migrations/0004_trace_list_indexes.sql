-- Hand-written (drizzle-kit generate --custom): indexes for the trace list's filters,
-- measured in bench/traces.ts at 1M traces (docs/adr/0004-trace-list-indexes.md).
-- No indexes on cost/duration: those columns change on almost every ingest batch and
-- indexing them would cost every trace-summary update its HOT path.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "traces_project_agent_start_idx" ON "traces" ("project_id", "agent_name", "start_time");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "traces_project_service_start_idx" ON "traces" ("project_id", "service_name", "start_time");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "traces_project_environment_start_idx" ON "traces" ("project_id", "environment", "start_time");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "traces_project_error_start_idx" ON "traces" ("project_id", "start_time") WHERE "root_span_id" IS NOT NULL AND "root_status" = 2;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "traces_project_incomplete_start_idx" ON "traces" ("project_id", "start_time") WHERE "root_span_id" IS NULL;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "traces_models_gin_idx" ON "traces" USING gin ("models");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "traces_search_trgm_idx" ON "traces" USING gin (("first_name" || ' ' || coalesce("agent_name", '')) gin_trgm_ops);
