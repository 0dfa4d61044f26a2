// Decides a span's operation kind by the ordered rules of semconv.md section 1
// (Langfuse type > OpenInference kind > gen_ai.operation.name > AI SDK
// operationId > traceloop.span.kind > llm.request.type > tool keys > model keys).
import type { LayeredAttributes } from "./attribute-reader";
import type { OperationKind } from "./types";

const LANGFUSE_TYPES: ReadonlyMap<string, OperationKind> = new Map<string, OperationKind>([
  ["generation", "llm"],
  ["embedding", "embedding"],
  ["tool", "tool"],
  ["agent", "agent"],
  ["retriever", "retrieval"],
  ["chain", "workflow"],
  ["guardrail", "guardrail"],
  ["evaluator", "evaluator"],
  ["span", "other"],
  ["event", "other"],
]);

const OPENINFERENCE_KINDS: ReadonlyMap<string, OperationKind> = new Map<string, OperationKind>([
  ["LLM", "llm"],
  ["EMBEDDING", "embedding"],
  ["TOOL", "tool"],
  ["AGENT", "agent"],
  ["RETRIEVER", "retrieval"],
  ["RERANKER", "rerank"],
  ["CHAIN", "workflow"],
  ["GUARDRAIL", "guardrail"],
  ["EVALUATOR", "evaluator"],
  ["PROMPT", "other"],
]);

const GEN_AI_OPERATIONS: ReadonlyMap<string, OperationKind> = new Map<string, OperationKind>([
  ["chat", "llm"],
  ["text_completion", "llm"],
  ["generate_content", "llm"],
  ["completion", "llm"],
  ["generate", "llm"],
  ["embeddings", "embedding"],
  ["execute_tool", "tool"],
  ["invoke_agent", "agent"],
  ["create_agent", "agent"],
  ["plan", "agent"],
  ["retrieval", "retrieval"],
  ["invoke_workflow", "workflow"],
  ["handle_conversation_turn", "workflow"],
  ["guardrail.run", "guardrail"],
  ["guard", "guardrail"],
]);

const TRACELOOP_KINDS: ReadonlyMap<string, OperationKind> = new Map<string, OperationKind>([
  ["workflow", "workflow"],
  ["task", "workflow"],
  ["session", "workflow"],
  ["agent", "agent"],
  ["tool", "tool"],
]);

const LLM_REQUEST_TYPES: ReadonlyMap<string, OperationKind> = new Map<string, OperationKind>([
  ["chat", "llm"],
  ["completion", "llm"],
  ["rerank", "rerank"],
]);

/** Every request- and response-model key of section 1; any of them present means an LLM call. */
export const MODEL_KEYS: readonly string[] = [
  "gen_ai.request.model",
  "llm.request.model_name",
  "ai.model.id",
  "langfuse.observation.model.name",
  "llm.model_name",
  "embedding.model_name",
  "reranker.model_name",
  "gen_ai.response.model",
  "llm.response.model_name",
  "ai.response.model",
];

/** The AI SDK operation id: `ai.operationId`, else the first token of `operation.name`. */
export function readAiOperationId(attrs: LayeredAttributes): string | null {
  const id = attrs.get("ai.operationId");
  if (typeof id === "string" && id.length > 0) return id;
  const opName = attrs.get("operation.name");
  if (typeof opName !== "string" || opName.length === 0) return null;
  const space = opName.indexOf(" ");
  return space === -1 ? opName : opName.slice(0, space) || null;
}

/** AI SDK outer spans (ai.generateText, ai.embed, ...) sum their `.do*` children's usage. */
export function isAiSdkWrapper(aiOperationId: string): boolean {
  if (!aiOperationId.startsWith("ai.") || aiOperationId === "ai.toolCall") return false;
  return !aiOperationId.startsWith("do", aiOperationId.lastIndexOf(".") + 1);
}

function aiSdkKind(aiOperationId: string): OperationKind | null {
  if (aiOperationId.endsWith(".doGenerate") || aiOperationId.endsWith(".doStream")) return "llm";
  if (aiOperationId.endsWith(".doEmbed")) return "embedding";
  if (aiOperationId.endsWith(".doRerank")) return "rerank";
  if (aiOperationId === "ai.toolCall") return "tool";
  if (aiOperationId.startsWith("ai.")) return "workflow";
  return null;
}

function mapped(
  map: ReadonlyMap<string, OperationKind>,
  value: unknown,
  fold: (s: string) => string,
): OperationKind | null {
  if (typeof value !== "string") return null;
  return map.get(value) ?? map.get(fold(value)) ?? null;
}

const lower = (s: string): string => s.toLowerCase();
const upper = (s: string): string => s.toUpperCase();

function genAiKind(value: unknown): OperationKind | null {
  if (typeof value !== "string") return null;
  const kind = mapped(GEN_AI_OPERATIONS, value, lower);
  if (kind !== null) return kind;
  return value.includes("memory") ? "other" : null;
}

export function resolveOperationKind(
  attrs: LayeredAttributes,
  aiOperationId: string | null,
): OperationKind {
  return (
    mapped(LANGFUSE_TYPES, attrs.get("langfuse.observation.type"), lower) ??
    mapped(OPENINFERENCE_KINDS, attrs.get("openinference.span.kind"), upper) ??
    genAiKind(attrs.get("gen_ai.operation.name")) ??
    (aiOperationId === null ? null : aiSdkKind(aiOperationId)) ??
    mapped(TRACELOOP_KINDS, attrs.get("traceloop.span.kind"), lower) ??
    mapped(LLM_REQUEST_TYPES, attrs.get("llm.request.type"), lower) ??
    (attrs.has("gen_ai.tool.name") || attrs.has("gen_ai.tool.call.id") ? "tool" : null) ??
    (hasModelKey(attrs) ? "llm" : "other")
  );
}

function hasModelKey(attrs: LayeredAttributes): boolean {
  for (const key of MODEL_KEYS) {
    const v = attrs.get(key);
    if (typeof v === "string" && v.length > 0) return true;
  }
  return false;
}
