// SQL expressions shared by the rollup recompute and the raw read path, so both
// count exactly the same things (lib/metrics/README.md has the definitions).
// `t` is a traces row, `s` a spans row.
import { bucketIndexSql } from "./histogram";

export const HAS_ROOT = "(t.root_span_id is not null)";
/** Root arrived and its status is not ERROR. */
export const SUCCEEDED = "(t.root_span_id is not null and t.root_status is distinct from 2)";
/** Root arrived with status ERROR: its cost is wasted spend. Incomplete traces are not. */
export const FAILED = "(t.root_span_id is not null and t.root_status = 2)";
/** Trace latency histogram bucket (root duration), null without a root. */
export const TRACE_LATENCY_INDEX = `(case when t.root_span_id is null then null else ${bucketIndexSql("t.root_duration_ns")} end)`;

export const TRACE_AGENT = "coalesce(t.agent_name, '')";
export const TRACE_SERVICE = "coalesce(t.service_name, '')";
export const TRACE_ENVIRONMENT = "coalesce(t.environment, '')";
/** The model of an LLM call, as traces.models records it. */
export const SPAN_MODEL = "coalesce(s.response_model, s.request_model, '')";
export const SPAN_PROVIDER = "coalesce(s.provider, '')";

/** UTC hour of a timestamptz (independent of the session time zone). */
export const utcHour = (ts: string) => `date_trunc('hour', ${ts}, 'UTC')`;
