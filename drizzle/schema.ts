// Skein's schema. Every table that grows with traffic carries project_id first in
// its keys (the Citus distribution key path; see PRODUCT.md "Scale").
// `spans` is range-partitioned by start_time in the hand-edited first migration
// (drizzle-kit does not manage partitions); see docs/adr/0001-span-storage.md.
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

export const projects = pgTable("projects", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  retentionDays: integer("retention_days").notNull().default(30),
  createdAt: createdAt(),
});

export const ingestKeys = pgTable(
  "ingest_keys",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** sha256 hex of the key; the key itself is shown once and never stored. */
    keyHash: text("key_hash").notNull(),
    /** First characters of the key, to tell keys apart in the UI. */
    keyPrefix: text("key_prefix").notNull(),
    createdAt: createdAt(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("ingest_keys_hash_idx").on(t.keyHash)],
);

export const users = pgTable("users", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  username: text("username").notNull().unique(),
  /** scrypt$N$r$p$salt$hash */
  passwordHash: text("password_hash").notNull(),
  role: text("role", { enum: ["admin", "viewer"] }).notNull(),
  createdAt: createdAt(),
});

/** Instance-wide settings (e.g. the pseudonymization key). */
export const settings = pgTable("settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});

/** Prices in micro-USD per million tokens (= pico-USD per token). */
export const prices = pgTable(
  "prices",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    provider: text("provider").notNull(),
    model: text("model").notNull(),
    input: bigint("input", { mode: "number" }).notNull(),
    output: bigint("output", { mode: "number" }).notNull(),
    cacheRead: bigint("cache_read", { mode: "number" }),
    cacheWrite: bigint("cache_write", { mode: "number" }),
    reasoning: bigint("reasoning", { mode: "number" }),
    effectiveFrom: timestamp("effective_from", { withTimezone: true }).notNull(),
    effectiveTo: timestamp("effective_to", { withTimezone: true }),
    source: text("source", { enum: ["builtin", "user"] }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("prices_model_from_idx").on(t.provider, t.model, t.effectiveFrom)],
);

/** Kept (allowlisted) resource attributes, deduplicated by content hash. */
export const resources = pgTable(
  "resources",
  {
    projectId: integer("project_id").notNull(),
    hash: text("hash").notNull(),
    attributes: jsonb("attributes").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.hash] })],
);

/**
 * One row per span: normalized, content-free columns plus a small jsonb of kept
 * attributes. Partitioned by day of start_time (hand-written DDL in migration 0000).
 */
export const spans = pgTable(
  "spans",
  {
    projectId: integer("project_id").notNull(),
    traceId: text("trace_id").notNull(),
    spanId: text("span_id").notNull(),
    parentSpanId: text("parent_span_id"),
    startTime: timestamp("start_time", { withTimezone: true, precision: 6 }).notNull(),
    /** Exact nanosecond start (timestamptz keeps microseconds). */
    startNs: bigint("start_ns", { mode: "bigint" }).notNull(),
    durationNs: bigint("duration_ns", { mode: "bigint" }).notNull(),
    name: text("name").notNull(),
    kind: smallint("kind").notNull(),
    statusCode: smallint("status_code").notNull(),
    errorType: text("error_type"),
    operation: text("operation").notNull(),
    provider: text("provider"),
    requestModel: text("request_model"),
    responseModel: text("response_model"),
    inputTokens: integer("input_tokens"),
    outputTokens: integer("output_tokens"),
    cacheReadTokens: integer("cache_read_tokens"),
    cacheWriteTokens: integer("cache_write_tokens"),
    reasoningTokens: integer("reasoning_tokens"),
    billable: boolean("billable").notNull(),
    usageScope: text("usage_scope"),
    /** Cost in pico-USD; null when not billable or unpriced (see price_id). */
    costPico: bigint("cost_pico", { mode: "bigint" }),
    priceId: integer("price_id"),
    reportedCostUsd: doublePrecision("reported_cost_usd"),
    agentName: text("agent_name"),
    toolName: text("tool_name"),
    conversationId: text("conversation_id"),
    /** Pseudonymized end-user id. */
    userId: text("user_id"),
    serviceName: text("service_name"),
    environment: text("environment"),
    resourceHash: text("resource_hash"),
    finishReasons: text("finish_reasons").array(),
    attributes: jsonb("attributes").notNull(),
    events: jsonb("events"),
    droppedKeyCount: integer("dropped_key_count").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.traceId, t.spanId, t.startTime] }),
    index("spans_project_start_idx").on(t.projectId, t.startTime),
  ],
);

/**
 * Per-trace summary maintained at ingest by commutative updates (sums, min/max,
 * smallest-key-wins), so it converges whatever order spans arrive in.
 */
export const traces = pgTable(
  "traces",
  {
    projectId: integer("project_id").notNull(),
    traceId: text("trace_id").notNull(),
    /** Root start if the root has arrived, else the earliest span start. */
    startTime: timestamp("start_time", { withTimezone: true, precision: 6 }).notNull(),
    /**
     * start_time before the last summary update (null until one): the upsert returns it, so
     * the metrics rollup hour the trace left is marked dirty in the same statement.
     */
    prevStartTime: timestamp("prev_start_time", { withTimezone: true, precision: 6 }),
    minStartNs: bigint("min_start_ns", { mode: "bigint" }).notNull(),
    maxEndNs: bigint("max_end_ns", { mode: "bigint" }).notNull(),
    rootSpanId: text("root_span_id"),
    /** Sort key of the chosen root: lpad(start_ns) || span_id; the smallest wins. */
    rootKey: text("root_key"),
    rootStatus: smallint("root_status"),
    rootDurationNs: bigint("root_duration_ns", { mode: "bigint" }),
    /**
     * The span that names the trace: the root if it has arrived, else the earliest.
     * Key = (root ? "0" : "1") || lpad(start_ns, 20) || span_id; the smallest wins.
     * service_name and environment follow it; agent and user use the same scheme
     * over the spans that carry one.
     */
    firstKey: text("first_key").notNull(),
    firstName: text("first_name").notNull(),
    serviceName: text("service_name"),
    environment: text("environment"),
    agentKey: text("agent_key"),
    agentName: text("agent_name"),
    userKey: text("user_key"),
    userId: text("user_id"),
    spanCount: integer("span_count").notNull(),
    llmCallCount: integer("llm_call_count").notNull(),
    llmErrorCount: integer("llm_error_count").notNull(),
    errorCount: integer("error_count").notNull(),
    unpricedCount: integer("unpriced_count").notNull(),
    inputTokens: bigint("input_tokens", { mode: "number" }).notNull(),
    outputTokens: bigint("output_tokens", { mode: "number" }).notNull(),
    cacheReadTokens: bigint("cache_read_tokens", { mode: "number" }).notNull(),
    cacheWriteTokens: bigint("cache_write_tokens", { mode: "number" }).notNull(),
    reasoningTokens: bigint("reasoning_tokens", { mode: "number" }).notNull(),
    costPico: bigint("cost_pico", { mode: "bigint" }).notNull(),
    models: text("models").array().notNull().default(sql`'{}'`),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.traceId] }),
    index("traces_project_start_idx").on(t.projectId, t.startTime),
  ],
);

/** What the privacy filter dropped: key patterns and counts, never values. */
export const droppedKeys = pgTable(
  "dropped_keys",
  {
    projectId: integer("project_id").notNull(),
    pattern: text("pattern").notNull(),
    count: bigint("count", { mode: "number" }).notNull(),
    lastSeen: timestamp("last_seen", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.pattern] })],
);

/** Browser sessions: the cookie holds a random token; only its sha256 is stored. */
export const sessions = pgTable(
  "sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/** API tokens for scripts and agents: scoped to one project, with a role. */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull(),
    tokenPrefix: text("token_prefix").notNull(),
    role: text("role", { enum: ["admin", "viewer"] }).notNull(),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("api_tokens_hash_idx").on(t.tokenHash)],
);

// ---- Metrics rollups (lib/metrics/README.md) ----------------------------------
// Pre-aggregated buckets per (project, grain, bucket, dims) with exact sums and
// mergeable latency histograms (lib/metrics/histogram.ts: bucket index → count,
// as two parallel arrays sorted by index). grain 1 = UTC hour, 24 = UTC day.
// Traces are attributed to the bucket of their start_time; dims are '' when null.
// Each bucket has detailed rows (total = false) and rows summed over the trace dims (total = true).

/**
 * Hours whose rollups are stale. Ingest appends one row per (transaction, hour
 * touched); the rollup worker recomputes those hours and deletes exactly the rows
 * it read, so a mark committed during a recompute survives it.
 */
export const metricsDirtyHours = pgTable(
  "metrics_dirty_hours",
  {
    projectId: integer("project_id").notNull(),
    hour: timestamp("hour", { withTimezone: true }).notNull(),
    id: bigint("id", { mode: "number" }).generatedAlwaysAsIdentity(),
    markedAt: timestamp("marked_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: "metrics_dirty_hours_pk", columns: [t.projectId, t.hour, t.id] })],
);

const rollupKey = () => ({
  projectId: integer("project_id").notNull(),
  /** 1 = hourly bucket, 24 = daily bucket. */
  grain: smallint("grain").notNull(),
  /** True for the row summed over agent, service and environment (those are then ''): unfiltered reads stay small. */
  total: boolean("total").notNull(),
  bucket: timestamp("bucket", { withTimezone: true }).notNull(),
  agent: text("agent").notNull(),
  service: text("service").notNull(),
  environment: text("environment").notNull(),
});

const latencyHistogram = () => ({
  latIdx: integer("lat_idx").array().notNull(),
  latCnt: integer("lat_cnt").array().notNull(),
});

/** All traces by trace dims: counts, trace cost and usage sums, trace latency histogram. */
export const metricsTraceRollups = pgTable(
  "metrics_trace_rollups",
  {
    ...rollupKey(),
    traceCount: integer("trace_count").notNull(),
    rootCount: integer("root_count").notNull(),
    successCount: integer("success_count").notNull(),
    costPico: bigint("cost_pico", { mode: "bigint" }).notNull(),
    wastedCostPico: bigint("wasted_cost_pico", { mode: "bigint" }).notNull(),
    llmCalls: integer("llm_calls").notNull(),
    llmErrors: integer("llm_errors").notNull(),
    unpricedCalls: integer("unpriced_calls").notNull(),
    inputTokens: bigint("input_tokens", { mode: "number" }).notNull(),
    outputTokens: bigint("output_tokens", { mode: "number" }).notNull(),
    cacheReadTokens: bigint("cache_read_tokens", { mode: "number" }).notNull(),
    ...latencyHistogram(),
  },
  (t) => [primaryKey({ name: "metrics_trace_rollups_pk", columns: [t.projectId, t.grain, t.total, t.bucket, t.agent, t.service, t.environment] })],
);

/**
 * Traces that used a model and/or provider (a billable span with it). kind 1: by model
 * (provider ''), 2: by provider (model ''), 3: by provider and model. A trace that used
 * several models counts once per model.
 */
export const metricsUsageRollups = pgTable(
  "metrics_usage_rollups",
  {
    ...rollupKey(),
    kind: smallint("kind").notNull(),
    provider: text("provider").notNull(),
    model: text("model").notNull(),
    traceCount: integer("trace_count").notNull(),
    rootCount: integer("root_count").notNull(),
    successCount: integer("success_count").notNull(),
    ...latencyHistogram(),
  },
  (t) => [
    primaryKey({ name: "metrics_usage_rollups_pk", columns: [t.projectId, t.grain, t.total, t.bucket, t.kind, t.provider, t.model, t.agent, t.service, t.environment] }),
  ],
);

/** Billable spans (LLM calls) by the trace's dims and the span's provider and model. */
export const metricsLlmRollups = pgTable(
  "metrics_llm_rollups",
  {
    ...rollupKey(),
    provider: text("provider").notNull(),
    model: text("model").notNull(),
    llmCalls: integer("llm_calls").notNull(),
    llmErrors: integer("llm_errors").notNull(),
    unpricedCalls: integer("unpriced_calls").notNull(),
    costPico: bigint("cost_pico", { mode: "bigint" }).notNull(),
    wastedCostPico: bigint("wasted_cost_pico", { mode: "bigint" }).notNull(),
    inputTokens: bigint("input_tokens", { mode: "number" }).notNull(),
    outputTokens: bigint("output_tokens", { mode: "number" }).notNull(),
    cacheReadTokens: bigint("cache_read_tokens", { mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({ name: "metrics_llm_rollups_pk", columns: [t.projectId, t.grain, t.total, t.bucket, t.provider, t.model, t.agent, t.service, t.environment] }),
  ],
);

// ---- Budgets and alerts (lib/budgets) -------------------------------------------

export interface BudgetScopeJson {
  agent?: string;
  service?: string;
  environment?: string;
  model?: string;
  provider?: string;
  /** The raw end-user id as typed; compared against the pseudonymized column. */
  userId?: string;
  metadata?: Record<string, string>;
}

export type BudgetChannelJson = { type: "webhook"; url: string; secret: string } | { type: "slack"; url: string } | { type: "email"; to: string };

export const budgets = pgTable(
  "budgets",
  {
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    id: integer("id").generatedAlwaysAsIdentity(),
    name: text("name").notNull(),
    scope: jsonb("scope").$type<BudgetScopeJson>().notNull(),
    period: text("period", { enum: ["day", "week", "month", "rolling"] }).notNull(),
    windowHours: integer("window_hours"),
    timezone: text("timezone").notNull().default("UTC"),
    amountMicroUsd: bigint("amount_micro_usd", { mode: "number" }).notNull(),
    thresholds: integer("thresholds").array().notNull(),
    forecast: boolean("forecast").notNull().default(false),
    /** Webhook secrets are kept as given: they sign every delivery. */
    channels: jsonb("channels").$type<BudgetChannelJson[]>().notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: "budgets_pk", columns: [t.projectId, t.id] })],
);

/**
 * Fired alerts. The unique key is what makes a threshold fire at most once per
 * budget period, whatever re-sent spans, restarts or concurrent processes do.
 */
export const budgetAlerts = pgTable(
  "budget_alerts",
  {
    projectId: integer("project_id").notNull(),
    id: bigint("id", { mode: "number" }).generatedAlwaysAsIdentity(),
    budgetId: integer("budget_id").notNull(),
    periodStart: timestamp("period_start", { withTimezone: true }).notNull(),
    periodEnd: timestamp("period_end", { withTimezone: true }).notNull(),
    kind: text("kind", { enum: ["threshold", "forecast"] }).notNull(),
    threshold: integer("threshold").notNull(),
    firedAt: timestamp("fired_at", { withTimezone: true }).notNull().defaultNow(),
    spentPico: bigint("spent_pico", { mode: "bigint" }).notNull(),
    forecastPico: bigint("forecast_pico", { mode: "bigint" }),
    amountMicroUsd: bigint("amount_micro_usd", { mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({ name: "budget_alerts_pk", columns: [t.projectId, t.id] }),
    uniqueIndex("budget_alerts_once_idx").on(t.projectId, t.budgetId, t.periodStart, t.kind, t.threshold),
    foreignKey({ name: "budget_alerts_budget_fk", columns: [t.projectId, t.budgetId], foreignColumns: [budgets.projectId, budgets.id] }).onDelete("cascade"),
  ],
);

export type AlertRuleKind = "trace_cost" | "error_rate" | "p95_latency" | "unpriced_model";

export interface RuleScopeJson {
  agent?: string;
  service?: string;
  environment?: string;
  model?: string;
}

/** Alert rules besides budgets: a runaway trace, error rate or p95 latency over a window, an unpriced model. */
export const alertRules = pgTable(
  "alert_rules",
  {
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    id: integer("id").generatedAlwaysAsIdentity(),
    name: text("name").notNull(),
    kind: text("kind", { enum: ["trace_cost", "error_rate", "p95_latency", "unpriced_model"] }).notNull(),
    scope: jsonb("scope").$type<RuleScopeJson>().notNull(),
    /** USD per trace, percent, or ms by kind; null for unpriced_model. */
    threshold: doublePrecision("threshold"),
    windowMinutes: integer("window_minutes"),
    minTraces: integer("min_traces"),
    enabled: boolean("enabled").notNull().default(true),
    channels: jsonb("channels").$type<BudgetChannelJson[]>().notNull(),
    /**
     * Window rules (error rate, p95) move ok → firing → ok. Each move is a conditional
     * UPDATE … WHERE state = <old> in the transaction that records the event, so only one
     * process wins it; episode counts the firings and keys the events.
     */
    state: text("state", { enum: ["ok", "firing"] }).notNull().default("ok"),
    episode: integer("episode").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: "alert_rules_pk", columns: [t.projectId, t.id] })],
);

/** What alert rules fired (and resolved). Unique per rule, kind, episode and subject (trace id or model). */
export const ruleEvents = pgTable(
  "rule_events",
  {
    projectId: integer("project_id").notNull(),
    id: bigint("id", { mode: "number" }).generatedAlwaysAsIdentity(),
    ruleId: integer("rule_id").notNull(),
    kind: text("kind", { enum: ["fired", "resolved"] }).notNull(),
    episode: integer("episode").notNull().default(0),
    /** The trace id (trace_cost) or model name (unpriced_model); empty for window rules. */
    subject: text("subject").notNull().default(""),
    /** The measured value (USD, percent, ms) and the rule's limit at the time. */
    value: doublePrecision("value"),
    limitValue: doublePrecision("limit_value"),
    windowStart: timestamp("window_start", { withTimezone: true }),
    windowEnd: timestamp("window_end", { withTimezone: true }),
    firedAt: timestamp("fired_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "rule_events_pk", columns: [t.projectId, t.id] }),
    uniqueIndex("rule_events_once_idx").on(t.projectId, t.ruleId, t.kind, t.episode, t.subject),
    foreignKey({ name: "rule_events_rule_fk", columns: [t.projectId, t.ruleId], foreignColumns: [alertRules.projectId, alertRules.id] }).onDelete("cascade"),
  ],
);

/** Weekly or monthly cost reports sent through channels. */
export const reportSchedules = pgTable(
  "report_schedules",
  {
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    id: integer("id").generatedAlwaysAsIdentity(),
    name: text("name").notNull(),
    cadence: text("cadence", { enum: ["weekly", "monthly"] }).notNull(),
    timezone: text("timezone").notNull().default("UTC"),
    groupBy: text("group_by", { enum: ["day", "agent", "model"] }).notNull().default("day"),
    enabled: boolean("enabled").notNull().default(true),
    channels: jsonb("channels").$type<BudgetChannelJson[]>().notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: "report_schedules_pk", columns: [t.projectId, t.id] })],
);

/** One row per schedule and period: the unique key makes each report go out once. */
export const reportRuns = pgTable(
  "report_runs",
  {
    projectId: integer("project_id").notNull(),
    id: bigint("id", { mode: "number" }).generatedAlwaysAsIdentity(),
    scheduleId: integer("schedule_id").notNull(),
    periodStart: timestamp("period_start", { withTimezone: true }).notNull(),
    periodEnd: timestamp("period_end", { withTimezone: true }).notNull(),
    /** true for "send now" runs from the browser (not part of the schedule's once-per-period key). */
    manual: boolean("manual").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ name: "report_runs_pk", columns: [t.projectId, t.id] }),
    uniqueIndex("report_runs_once_idx").on(t.projectId, t.scheduleId, t.periodStart).where(sql`not ${t.manual}`),
    foreignKey({ name: "report_runs_schedule_fk", columns: [t.projectId, t.scheduleId], foreignColumns: [reportSchedules.projectId, reportSchedules.id] }).onDelete("cascade"),
  ],
);

/** One row per delivery attempt; pending rows are the retry queue (claimed with SKIP LOCKED). */
export const alertDeliveries = pgTable(
  "alert_deliveries",
  {
    projectId: integer("project_id").notNull(),
    id: bigint("id", { mode: "number" }).generatedAlwaysAsIdentity(),
    /** Exactly one of alert_id (budget alert), rule_event_id and report_run_id is set. */
    alertId: bigint("alert_id", { mode: "number" }),
    ruleEventId: bigint("rule_event_id", { mode: "number" }),
    reportRunId: bigint("report_run_id", { mode: "number" }),
    channelIndex: integer("channel_index").notNull(),
    attempt: integer("attempt").notNull(),
    status: text("status", { enum: ["pending", "ok", "failed"] }).notNull(),
    httpStatus: integer("http_status"),
    /** A fixed reason ("timeout", "network", "smtp not configured"), never response content. */
    error: text("error"),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ name: "alert_deliveries_pk", columns: [t.projectId, t.id] }),
    index("alert_deliveries_due_idx").on(t.status, t.nextAttemptAt),
    index("alert_deliveries_alert_idx").on(t.projectId, t.alertId),
    index("alert_deliveries_rule_event_idx").on(t.projectId, t.ruleEventId),
    index("alert_deliveries_report_run_idx").on(t.projectId, t.reportRunId),
    foreignKey({ name: "alert_deliveries_alert_fk", columns: [t.projectId, t.alertId], foreignColumns: [budgetAlerts.projectId, budgetAlerts.id] }).onDelete("cascade"),
    foreignKey({ name: "alert_deliveries_rule_event_fk", columns: [t.projectId, t.ruleEventId], foreignColumns: [ruleEvents.projectId, ruleEvents.id] }).onDelete("cascade"),
    foreignKey({ name: "alert_deliveries_report_run_fk", columns: [t.projectId, t.reportRunId], foreignColumns: [reportRuns.projectId, reportRuns.id] }).onDelete("cascade"),
    check("alert_deliveries_one_source", sql`num_nonnulls(${t.alertId}, ${t.ruleEventId}, ${t.reportRunId}) = 1`),
  ],
);
