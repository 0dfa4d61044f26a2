import { describe, expect, it } from "vitest";
import { normalizeSpan } from "./normalize";
import { EMPTY_NORMALIZED as EMPTY, makeSpan } from "./test-helpers";
import type { NormalizedSpan } from "./types";


const resource = { "service.name": "billing-agent", "deployment.environment.name": "prod" };

describe("OTel GenAI, current keys", () => {
  it("normalizes an inference span", () => {
    const span = makeSpan(
      {
        "gen_ai.operation.name": "chat",
        "gen_ai.provider.name": "anthropic",
        "gen_ai.request.model": "claude-sonnet-4-5",
        "gen_ai.response.model": "claude-sonnet-4-5-20250929",
        "gen_ai.usage.input_tokens": 5000,
        "gen_ai.usage.output_tokens": 300,
        "gen_ai.usage.cache_read.input_tokens": 3000,
        "gen_ai.usage.cache_write.input_tokens": 1000,
        "gen_ai.usage.reasoning.output_tokens": 120,
        "gen_ai.response.finish_reasons": ["end_turn"],
        "gen_ai.conversation.id": "conv-9",
        "gen_ai.agent.name": "billing-agent",
        "gen_ai.input.messages": "SECRET-PROMPT-CANARY",
        "gen_ai.output.messages": [{ kvlist: { content: "SECRET-COMPLETION-CANARY" } }],
      },
      { kind: 3, resourceAttributes: resource },
    );
    expect(normalizeSpan(span)).toEqual<NormalizedSpan>({
      ...EMPTY,
      operation: "llm",
      provider: "anthropic",
      requestModel: "claude-sonnet-4-5",
      responseModel: "claude-sonnet-4-5-20250929",
      inputTokens: 5000,
      outputTokens: 300,
      cacheReadTokens: 3000,
      cacheWriteTokens: 1000,
      reasoningTokens: 120,
      totalTokens: 5300,
      uncachedInputTokens: 1000,
      billable: true,
      usageScope: "call",
      agentName: "billing-agent",
      conversationId: "conv-9",
      finishReasons: ["end_turn"],
      serviceName: "billing-agent",
      environment: "prod",
    });
  });

  it("a failed call without usage is still a billable LLM call", () => {
    const span = makeSpan(
      { "gen_ai.operation.name": "chat", "gen_ai.provider.name": "anthropic", "gen_ai.request.model": "claude-sonnet-4-5", "error.type": "503" },
      { statusCode: 2, events: [{ name: "exception", attributes: { "exception.type": "APIError", "exception.message": "CANARY" } }] },
    );
    const n = normalizeSpan(span);
    expect([n.billable, n.usageScope, n.errorType, n.inputTokens]).toEqual([true, "call", "503", null]);
  });

  it("the old cache_creation key is accepted", () => {
    const n = normalizeSpan(makeSpan({ "gen_ai.usage.cache_creation.input_tokens": 77 }));
    expect(n.cacheWriteTokens).toBe(77);
  });

  it("an invoke_agent span carrying usage is an aggregate, not billable", () => {
    const n = normalizeSpan(
      makeSpan({
        "gen_ai.operation.name": "invoke_agent",
        "gen_ai.agent.name": "billing-agent",
        "gen_ai.usage.input_tokens": 3812,
        "gen_ai.usage.output_tokens": 425,
      }),
    );
    expect([n.operation, n.billable, n.usageScope, n.agentName, n.inputTokens]).toEqual([
      "agent",
      false,
      "aggregate",
      "billing-agent",
      3812,
    ]);
  });

  it("tool, retrieval and embeddings spans", () => {
    const tool = normalizeSpan(
      makeSpan({ "gen_ai.operation.name": "execute_tool", "gen_ai.tool.name": "refund_lookup", "gen_ai.tool.call.arguments": "CANARY" }),
    );
    expect([tool.operation, tool.toolName, tool.billable, tool.usageScope]).toEqual(["tool", "refund_lookup", false, null]);
    const retrieval = normalizeSpan(makeSpan({ "gen_ai.operation.name": "retrieval", "db.query.text": "CANARY" }));
    expect([retrieval.operation, retrieval.billable]).toEqual(["retrieval", false]);
    const embed = normalizeSpan(
      makeSpan({ "gen_ai.operation.name": "embeddings", "gen_ai.request.model": "text-embedding-3-small", "gen_ai.usage.input_tokens": 8 }),
    );
    expect([embed.operation, embed.billable, embed.usageScope, embed.totalTokens]).toEqual(["embedding", true, "call", 8]);
  });
});

describe("OTel GenAI, legacy keys (≤ v1.36)", () => {
  it("reads gen_ai.system, prompt/completion tokens and derives nothing from content", () => {
    const n = normalizeSpan(
      makeSpan({
        "gen_ai.system": "az.ai.openai",
        "gen_ai.request.model": "gpt-4o",
        "gen_ai.usage.prompt_tokens": 120,
        "gen_ai.usage.completion_tokens": 30,
        "gen_ai.prompt": "SECRET-PROMPT-CANARY",
        "gen_ai.completion": "SECRET-COMPLETION-CANARY",
      }),
    );
    expect(n).toEqual<NormalizedSpan>({
      ...EMPTY,
      operation: "llm",
      provider: "azure.ai.openai",
      requestModel: "gpt-4o",
      inputTokens: 120,
      outputTokens: 30,
      totalTokens: 150,
      uncachedInputTokens: 120,
      billable: true,
      usageScope: "call",
    });
  });

  it("derives the provider from server.address as a last resort", () => {
    const n = normalizeSpan(makeSpan({ "gen_ai.operation.name": "chat", "server.address": "api.deepseek.com" }));
    expect(n.provider).toBe("deepseek");
  });
});
