// The content allowlist (docs/semconv.md 2.2): which keys are kept, by exact match or prefix.
// Anything not named here is unknown and keeps only numbers and booleans.

/** Known-safe span keys: section 1 sources, B2 metadata, OpenInference, Traceloop, AI SDK, Langfuse, HTTP. */
export const SAFE_SPAN_KEYS: ReadonlySet<string> = new Set([
  // OTel GenAI metadata (B2), minus gen_ai.request.stop_sequences which is user text
  "gen_ai.operation.name",
  "gen_ai.provider.name",
  "gen_ai.system",
  "gen_ai.request.model",
  "gen_ai.response.model",
  "gen_ai.response.id",
  "gen_ai.response.finish_reasons",
  "gen_ai.response.time_to_first_chunk",
  "gen_ai.request.max_tokens",
  "gen_ai.request.temperature",
  "gen_ai.request.top_p",
  "gen_ai.request.top_k",
  "gen_ai.request.frequency_penalty",
  "gen_ai.request.presence_penalty",
  "gen_ai.request.seed",
  "gen_ai.request.choice.count",
  "gen_ai.request.stream",
  "gen_ai.request.encoding_formats",
  "gen_ai.conversation.id",
  "gen_ai.agent.id",
  "gen_ai.agent.name",
  "gen_ai.agent.version",
  "gen_ai.workflow.name",
  "gen_ai.tool.name",
  "gen_ai.tool.call.id",
  "gen_ai.tool.type",
  "gen_ai.data_source.id",
  "gen_ai.prompt.name",
  "gen_ai.output.type",
  "gen_ai.embeddings.dimension.count",
  "gen_ai.memory.store.id",
  "gen_ai.memory.record.id",
  "gen_ai.memory.record.count",
  "gen_ai.evaluation.name",
  "gen_ai.evaluation.score.value",
  "gen_ai.evaluation.score.label",
  "error.type",
  "server.address",
  "server.port",
  "openai.request.service_tier",
  "openai.response.service_tier",
  "openai.response.system_fingerprint",
  "openai.api.type",
  "gen_ai.openai.request.service_tier",
  "gen_ai.openai.response.service_tier",
  "gen_ai.openai.response.system_fingerprint",
  // OpenInference
  "openinference.span.kind",
  "llm.provider",
  "llm.system",
  "llm.model_name",
  "llm.request.model_name",
  "llm.response.model_name",
  "embedding.model_name",
  "reranker.model_name",
  "llm.finish_reason",
  "input.mime_type",
  "output.mime_type",
  "prompt.id",
  "prompt.vendor",
  "llm.prompt_template.version",
  "reranker.top_k",
  "tool.id",
  "tool.name",
  "agent.name",
  "session.id",
  // Traceloop
  "traceloop.span.kind",
  "traceloop.workflow.name",
  "traceloop.entity.name",
  "traceloop.entity.path",
  "traceloop.entity.version",
  "traceloop.association.properties.session_id",
  "llm.request.type",
  "llm.usage.total_tokens",
  // Vercel AI SDK
  "ai.operationId",
  "operation.name",
  "resource.name",
  "ai.telemetry.functionId",
  "ai.telemetry.metadata.agent",
  "ai.telemetry.metadata.conversationId",
  "ai.telemetry.metadata.sessionId",
  "ai.response.id",
  "ai.response.model",
  "ai.response.timestamp",
  "ai.response.finishReason",
  "ai.response.msToFirstChunk",
  "ai.response.msToFinish",
  "ai.response.avgOutputTokensPerSecond",
  "ai.toolCall.name",
  "ai.toolCall.id",
  // Langfuse
  "langfuse.observation.type",
  "langfuse.observation.level",
  "langfuse.observation.model.name",
  "langfuse.observation.prompt.name",
  "langfuse.observation.prompt.version",
  "langfuse.observation.completion_start_time",
  "langfuse.trace.name",
  "langfuse.trace.public",
  "langfuse.session.id",
  "langfuse.environment",
  "langfuse.release",
  "langfuse.version",
  "langfuse.experiment.id",
  "langfuse.experiment.name",
  "langfuse.experiment.dataset.id",
  "langfuse.experiment.item.id",
  // HTTP and generic OTel (db.system* name the database product, never the query)
  "http.response.status_code",
  "http.request.method",
  "db.system",
  "db.system.name",
]);

/** Resource keys (2.2 item 2). host.name is deliberately absent: machine names often name people. */
export const SAFE_RESOURCE_KEYS: ReadonlySet<string> = new Set([
  "service.name",
  "service.namespace",
  "service.version",
  "service.instance.id",
  "deployment.environment",
  "deployment.environment.name",
  "cloud.provider",
  "cloud.region",
  "cloud.platform",
  "process.runtime.name",
  "process.runtime.version",
  "os.type",
  "host.arch",
  "openinference.project.name",
]);

/** End-user ids: never kept raw (pseudonymized or dropped). */
export const USER_ID_KEYS: ReadonlySet<string> = new Set([
  "user.id",
  "langfuse.user.id",
  "traceloop.association.properties.user_id",
  "ai.telemetry.metadata.userId",
  "enduser.id",
]);

/** JSON blobs of user metadata: parsed in memory, identifier-shaped scalar leaves kept as `<key>.<path>`. */
export const METADATA_BLOB_KEYS: ReadonlySet<string> = new Set([
  "metadata",
  "langfuse.trace.metadata",
  "langfuse.observation.metadata",
]);

/** Last key segment of usage/cost JSON blobs whose numeric leaves are kept. */
export const NUMERIC_BLOB_SUFFIXES: readonly string[] = [".usage_details", ".cost_details"];

/**
 * How a value under a safe prefix is checked: "safe" = scalars or short arrays passing the
 * value tripwire; "scalar-id" = scalars only, strings identifier-shaped.
 */
export type PrefixRule = "safe" | "scalar-id";

export interface SafePrefix {
  prefix: string;
  rule: PrefixRule;
}

/** Prefix families, grouped by first key segment so a lookup costs one Map get. */
function byFirstSegment(prefixes: SafePrefix[]): ReadonlyMap<string, SafePrefix[]> {
  const map = new Map<string, SafePrefix[]>();
  for (const p of prefixes) {
    const first = p.prefix.slice(0, p.prefix.indexOf("."));
    const list = map.get(first) ?? [];
    list.push(p);
    map.set(first, list);
  }
  return map;
}

export const SAFE_SPAN_PREFIXES = byFirstSegment([
  { prefix: "gen_ai.usage.", rule: "safe" },
  { prefix: "ai.usage.", rule: "safe" },
  { prefix: "ai.model.", rule: "safe" },
  // ai.settings.stopSequences is an array of user text: scalars only
  { prefix: "ai.settings.", rule: "scalar-id" },
  { prefix: "llm.token_count.", rule: "safe" },
  { prefix: "llm.cost.", rule: "safe" },
  { prefix: "graph.node.", rule: "safe" },
]);

export const SAFE_RESOURCE_PREFIXES = byFirstSegment([
  { prefix: "telemetry.sdk.", rule: "safe" },
  { prefix: "telemetry.distro.", rule: "safe" },
]);

/** Built-in user-metadata namespaces (2.2 item 3): values pass the identifier-shape filter. */
export const METADATA_PREFIXES: readonly string[] = [
  "ai.telemetry.metadata.",
  "traceloop.association.properties.",
  "langfuse.trace.metadata.",
  "langfuse.observation.metadata.",
];

export const METADATA_EXACT_KEYS: ReadonlySet<string> = new Set(["tag.tags", "langfuse.trace.tags"]);

/** Events kept (name + time) and the attributes each may keep. */
export const KEPT_EVENTS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ["exception", new Set(["exception.type", "exception.escaped"])],
  ["ai.stream.firstChunk", new Set(["ai.response.msToFirstChunk"])],
  ["ai.stream.finish", new Set(["ai.response.msToFinish", "ai.response.avgOutputTokensPerSecond"])],
  [
    "gen_ai.evaluation.result",
    new Set(["gen_ai.evaluation.name", "gen_ai.evaluation.score.value", "gen_ai.evaluation.score.label"]),
  ],
]);
