// The content denylist (docs/semconv.md 2.3): a tripwire run on dropped keys, never the thing
// that decides what is kept. Hits are counted for the partialSuccess warning.

/** One entry per line of 2.3 (plus the resource denials); exported for tests. */
export const CONTENT_KEY_PATTERNS: readonly string[] = [
  // OTel GenAI (current + deprecated)
  String.raw`^gen_ai\.(input|output)\.messages$`,
  String.raw`^gen_ai\.system_instructions$`,
  String.raw`^gen_ai\.tool\.(definitions|description|call\.arguments|call\.result)$`,
  String.raw`^gen_ai\.agent\.description$`,
  String.raw`^gen_ai\.retrieval\.(query\.text|documents)$`,
  String.raw`^gen_ai\.memory\.(query\.text|records)$`,
  String.raw`^gen_ai\.evaluation\.explanation$`,
  String.raw`^gen_ai\.request\.stop_sequences$`,
  String.raw`^gen_ai\.(prompt|completion)$`,
  String.raw`^gen_ai\.(prompt|completion)\.\d+\.`,
  String.raw`^gen_ai\.guardrail\.(input|output|error\.message)$`,
  String.raw`^gen_ai\.response\.revised_prompt$`,
  // OpenInference
  String.raw`^(input|output)\.value$`,
  String.raw`^llm\.(input|output)_messages\.`,
  String.raw`^llm\.(prompts|choices|tools)(\.|$)`,
  String.raw`^llm\.prompt_template\.(template|variables)$`,
  String.raw`^llm\.(function_call|invocation_parameters)$`,
  String.raw`^embedding\.(embeddings\.|text$|vector$|invocation_parameters$)`,
  String.raw`^retrieval\.documents\.`,
  String.raw`^reranker\.(query$|input_documents\.|output_documents\.)`,
  String.raw`^document\.(content|metadata)$`,
  String.raw`^tool\.(parameters|json_schema|description)$`,
  String.raw`^tool_call\.function\.arguments$`,
  String.raw`^message(_content)?\.`,
  String.raw`^(input|output)\.images`,
  String.raw`^(image|video)\.url$|^audio\.(url|transcript)$`,
  String.raw`^((trace|session)\.)?(annotations?|evaluations?)\.(.*\.)?(explanation|metadata)$`,
  String.raw`^metadata$`,
  // Traceloop
  String.raw`^traceloop\.entity\.(input|output)$`,
  String.raw`^llm\.request\.functions\.`,
  String.raw`^mcp\.response\.value$`,
  String.raw`^db\.query\.(result\.(document|vector|metadata)|embeddings\.vector)$`,
  String.raw`^db\.vector\.query\.(embeddings\.vector|result\.\d+\.(values|metadata|sparse\.))`,
  // Vercel AI SDK
  String.raw`^ai\.prompt(\.(messages|tools|toolChoice))?$`,
  String.raw`^ai\.response\.(text|reasoning|toolCalls|object|providerMetadata)$`,
  String.raw`^ai\.toolCall\.(args|result)$`,
  String.raw`^ai\.(value|values|embedding|embeddings|documents|ranking)$`,
  String.raw`^ai\.schema(\.description)?$`,
  String.raw`^ai\.request\.headers\.`,
  // Langfuse
  String.raw`^langfuse\.(trace|observation)\.(input|output)$`,
  String.raw`^langfuse\.observation\.(status_message|model\.parameters)$`,
  String.raw`^langfuse\.experiment\.(item\.expected_output|.*metadata)$`,
  // Generic OTel
  String.raw`^exception\.(message|stacktrace)$`,
  String.raw`^(db\.query\.text|db\.statement)$`,
  String.raw`^url\.(full|query)$|^http\.(request|response)\.header\.`,
  // Resource (2.2 item 2): command lines and environment variables carry secrets
  String.raw`^process\.command_(args|line)$`,
  String.raw`(^|\.)env\.`,
];

/** Every line of 2.3 as one precompiled alternation: one regex run per dropped key. */
const CONTENT_KEY_RE = new RegExp(CONTENT_KEY_PATTERNS.map((p) => `(?:${p})`).join("|"));

export function isContentKey(key: string): boolean {
  return CONTENT_KEY_RE.test(key);
}

/** Span events that carry content (2.3); dropping one counts as a content hit. */
export const CONTENT_EVENTS: ReadonlySet<string> = new Set([
  "gen_ai.client.inference.operation.details",
  "gen_ai.system.message",
  "gen_ai.user.message",
  "gen_ai.assistant.message",
  "gen_ai.tool.message",
  "gen_ai.choice",
  "gen_ai.content.prompt",
  "gen_ai.content.completion",
  "gen_ai.evaluation.result",
  "gen_ai.client.operation.exception",
  "exception",
  "db.query.embeddings",
  "db.query.result",
]);
