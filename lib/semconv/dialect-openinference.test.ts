import { describe, expect, it } from "vitest";
import { normalizeSpan } from "./normalize";
import { EMPTY_NORMALIZED, makeSpan } from "./test-helpers";
import type { NormalizedSpan } from "./types";

describe("OpenInference", () => {
  it("normalizes an LLM span with prompt_details.cache_read and reported cost", () => {
    const span = makeSpan(
      {
        "openinference.span.kind": "LLM",
        "llm.model_name": "gpt-4o-mini",
        "llm.system": "openai",
        "llm.provider": "azure",
        "llm.token_count.prompt": 123,
        "llm.token_count.completion": 45,
        "llm.token_count.total": 168,
        "llm.token_count.prompt_details.cache_read": 100,
        "llm.token_count.completion_details.reasoning": 10,
        "llm.finish_reason": "stop",
        "llm.cost.total": 0.000123,
        "session.id": "sess-1",
        "user.id": "user-7",
        "input.value": "SECRET-PROMPT-CANARY",
        "llm.input_messages.0.message.content": "SECRET-PROMPT-CANARY",
        "llm.invocation_parameters": '{"model":"gpt-4o-mini","user":"SECRET-CANARY"}',
        metadata: '{"agent":"SECRET-CANARY"}',
      },
      { resourceAttributes: { "service.name": "support-agent", "openinference.project.name": "p" } },
    );
    expect(normalizeSpan(span)).toEqual<NormalizedSpan>({
      ...EMPTY_NORMALIZED,
      operation: "llm",
      provider: "azure.ai.openai",
      requestModel: "gpt-4o-mini",
      responseModel: "gpt-4o-mini",
      inputTokens: 123,
      outputTokens: 45,
      cacheReadTokens: 100,
      reasoningTokens: 10,
      totalTokens: 168,
      uncachedInputTokens: 23,
      billable: true,
      usageScope: "call",
      conversationId: "sess-1",
      userId: "user-7",
      finishReasons: ["stop"],
      reportedCostUsd: 0.000123,
      serviceName: "support-agent",
    });
  });

  it("prefers llm.request/response.model_name (2.x) over llm.model_name", () => {
    const n = normalizeSpan(
      makeSpan({
        "openinference.span.kind": "LLM",
        "llm.model_name": "generic",
        "llm.request.model_name": "gpt-4.1",
        "llm.response.model_name": "gpt-4.1-2025-04-14",
      }),
    );
    expect([n.requestModel, n.responseModel]).toEqual(["gpt-4.1", "gpt-4.1-2025-04-14"]);
  });

  it("reads prompt_details.cache_write", () => {
    const n = normalizeSpan(
      makeSpan({ "openinference.span.kind": "LLM", "llm.token_count.prompt": 900, "llm.token_count.prompt_details.cache_write": 800 }),
    );
    expect([n.cacheWriteTokens, n.uncachedInputTokens]).toEqual([800, 100]);
  });

  it("EMBEDDING and RERANKER spans are billable calls", () => {
    const embed = normalizeSpan(makeSpan({ "openinference.span.kind": "EMBEDDING", "embedding.model_name": "text-embedding-3-large" }));
    expect([embed.operation, embed.requestModel, embed.billable, embed.usageScope]).toEqual([
      "embedding",
      "text-embedding-3-large",
      true,
      "call",
    ]);
    const rerank = normalizeSpan(makeSpan({ "openinference.span.kind": "RERANKER", "reranker.model_name": "rerank-v3.5" }));
    expect([rerank.operation, rerank.requestModel, rerank.billable]).toEqual(["rerank", "rerank-v3.5", true]);
  });

  it("CHAIN and AGENT spans with usage are aggregates", () => {
    const chain = normalizeSpan(makeSpan({ "openinference.span.kind": "CHAIN", "llm.token_count.prompt": 640 }));
    expect([chain.operation, chain.billable, chain.usageScope]).toEqual(["workflow", false, "aggregate"]);
    const agent = normalizeSpan(
      makeSpan({ "openinference.span.kind": "AGENT", "agent.name": "support", "llm.token_count.total": 712 }),
    );
    expect([agent.operation, agent.billable, agent.usageScope, agent.agentName]).toEqual([
      "agent",
      false,
      "aggregate",
      "support",
    ]);
  });

  it("TOOL spans name the tool; CHAIN spans without usage have no usage scope", () => {
    const tool = normalizeSpan(makeSpan({ "openinference.span.kind": "TOOL", "tool.name": "kb_lookup", "tool.parameters": "CANARY" }));
    expect([tool.operation, tool.toolName, tool.usageScope]).toEqual(["tool", "kb_lookup", null]);
    expect(normalizeSpan(makeSpan({ "openinference.span.kind": "CHAIN" })).usageScope).toBeNull();
  });
});
