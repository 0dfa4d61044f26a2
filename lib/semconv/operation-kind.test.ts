import { describe, expect, it } from "vitest";
import type { Attributes } from "@/lib/otlp/types";
import { normalizeSpan } from "./normalize";
import { isAiSdkWrapper } from "./operation-kind";
import { makeSpan, type MakeSpanOptions } from "./test-helpers";

const kindOf = (attrs: Attributes, opts?: MakeSpanOptions) => normalizeSpan(makeSpan(attrs, opts)).operation;

describe("operation kind, rule 1: langfuse.observation.type", () => {
  it.each([
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
  ])("%s → %s", (type, kind) => {
    expect(kindOf({ "langfuse.observation.type": type })).toBe(kind);
  });

  it("wins over every later rule", () => {
    expect(
      kindOf({
        "langfuse.observation.type": "tool",
        "openinference.span.kind": "LLM",
        "gen_ai.operation.name": "chat",
        "ai.operationId": "ai.generateText.doGenerate",
      }),
    ).toBe("tool");
  });

  it("an unknown type falls through to the next rule", () => {
    expect(kindOf({ "langfuse.observation.type": "novel", "openinference.span.kind": "TOOL" })).toBe("tool");
  });
});

describe("operation kind, rule 2: openinference.span.kind", () => {
  it.each([
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
    ["llm", "llm"],
  ])("%s → %s", (value, kind) => {
    expect(kindOf({ "openinference.span.kind": value })).toBe(kind);
  });

  it("wins over gen_ai.operation.name", () => {
    expect(kindOf({ "openinference.span.kind": "CHAIN", "gen_ai.operation.name": "chat" })).toBe("workflow");
  });
});

describe("operation kind, rule 3: gen_ai.operation.name", () => {
  it.each([
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
    ["search_memory", "other"],
    ["create_memory_store", "other"],
    ["guardrail.run", "guardrail"],
    ["guard", "guardrail"],
  ])("%s → %s", (value, kind) => {
    expect(kindOf({ "gen_ai.operation.name": value })).toBe(kind);
  });

  it("wins over the AI SDK operation id", () => {
    expect(kindOf({ "gen_ai.operation.name": "chat", "ai.operationId": "ai.generateText" })).toBe("llm");
  });

  it("an unknown operation falls through", () => {
    expect(kindOf({ "gen_ai.operation.name": "dance", "ai.operationId": "ai.toolCall" })).toBe("tool");
  });
});

describe("operation kind, rule 4: AI SDK operationId", () => {
  it.each([
    ["ai.generateText.doGenerate", "llm"],
    ["ai.streamText.doStream", "llm"],
    ["ai.generateObject.doGenerate", "llm"],
    ["ai.streamObject.doStream", "llm"],
    ["ai.embed.doEmbed", "embedding"],
    ["ai.embedMany.doEmbed", "embedding"],
    ["ai.rerank.doRerank", "rerank"],
    ["ai.toolCall", "tool"],
    ["ai.generateText", "workflow"],
    ["ai.streamText", "workflow"],
    ["ai.embedMany", "workflow"],
    ["ai.rerank", "workflow"],
  ])("%s → %s", (value, kind) => {
    expect(kindOf({ "ai.operationId": value })).toBe(kind);
  });

  it("falls back to the first token of operation.name", () => {
    expect(kindOf({ "operation.name": "ai.streamText.doStream my-function" })).toBe("llm");
    expect(kindOf({ "operation.name": "ai.generateText research" })).toBe("workflow");
  });

  it("prefers ai.operationId over operation.name", () => {
    expect(kindOf({ "ai.operationId": "ai.toolCall", "operation.name": "ai.generateText.doGenerate x" })).toBe("tool");
  });

  it("an operation.name that is not the AI SDK's falls through", () => {
    expect(kindOf({ "operation.name": "GET /orders", "traceloop.span.kind": "task" })).toBe("workflow");
    expect(kindOf({ "operation.name": "GET /orders" })).toBe("other");
  });

  it("wins over traceloop.span.kind", () => {
    expect(kindOf({ "ai.operationId": "ai.generateText.doGenerate", "traceloop.span.kind": "task" })).toBe("llm");
  });
});

describe("operation kind, rules 5-9", () => {
  it.each([
    ["workflow", "workflow"],
    ["task", "workflow"],
    ["session", "workflow"],
    ["agent", "agent"],
    ["tool", "tool"],
  ])("traceloop.span.kind %s → %s", (value, kind) => {
    expect(kindOf({ "traceloop.span.kind": value })).toBe(kind);
  });

  it("traceloop.span.kind wins over llm.request.type; unknown falls through", () => {
    expect(kindOf({ "traceloop.span.kind": "tool", "llm.request.type": "chat" })).toBe("tool");
    expect(kindOf({ "traceloop.span.kind": "unknown", "llm.request.type": "chat" })).toBe("llm");
  });

  it.each([
    ["chat", "llm"],
    ["completion", "llm"],
    ["rerank", "rerank"],
  ])("llm.request.type %s → %s", (value, kind) => {
    expect(kindOf({ "llm.request.type": value })).toBe(kind);
  });

  it("llm.request.type unknown falls through to the tool keys", () => {
    expect(kindOf({ "llm.request.type": "unknown", "gen_ai.tool.name": "search" })).toBe("tool");
  });

  it("gen_ai.tool.name or gen_ai.tool.call.id present → tool, before model keys", () => {
    expect(kindOf({ "gen_ai.tool.name": "search", "gen_ai.request.model": "gpt-4o" })).toBe("tool");
    expect(kindOf({ "gen_ai.tool.call.id": "call_1" })).toBe("tool");
  });

  it.each([
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
  ])("model key %s present → llm", (key) => {
    expect(kindOf({ [key]: "some-model" })).toBe("llm");
  });

  it("otherwise other", () => {
    expect(kindOf({})).toBe("other");
    expect(kindOf({ "http.request.method": "GET", "gen_ai.request.model": "" })).toBe("other");
  });

  it("reads the rules from scope and resource attributes too", () => {
    expect(kindOf({}, { scopeAttributes: { "openinference.span.kind": "TOOL" } })).toBe("tool");
    expect(kindOf({}, { resourceAttributes: { "traceloop.span.kind": "agent" } })).toBe("agent");
  });
});

describe("isAiSdkWrapper", () => {
  it.each([
    ["ai.generateText", true],
    ["ai.streamText", true],
    ["ai.generateObject", true],
    ["ai.streamObject", true],
    ["ai.embed", true],
    ["ai.embedMany", true],
    ["ai.rerank", true],
    ["ai.generateText.doGenerate", false],
    ["ai.streamText.doStream", false],
    ["ai.embedMany.doEmbed", false],
    ["ai.rerank.doRerank", false],
    ["ai.toolCall", false],
    ["chat", false],
  ])("%s → %s", (id, wrapper) => {
    expect(isAiSdkWrapper(id)).toBe(wrapper);
  });
});
