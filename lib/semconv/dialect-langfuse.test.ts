import { describe, expect, it } from "vitest";
import { normalizeSpan } from "./normalize";
import { EMPTY_NORMALIZED, makeSpan } from "./test-helpers";
import type { NormalizedSpan } from "./types";

describe("Langfuse", () => {
  it("normalizes a generation with usage_details JSON", () => {
    const span = makeSpan({
      "langfuse.observation.type": "generation",
      "langfuse.observation.model.name": "gpt-4.1-mini",
      "langfuse.observation.usage_details": '{"input":1200,"output":80,"total":1280,"input_cached_tokens":1024}',
      "langfuse.observation.cost_details": '{"total":0.002}',
      "langfuse.observation.input": "SECRET-PROMPT-CANARY",
      "langfuse.observation.output": "SECRET-COMPLETION-CANARY",
      "langfuse.user.id": "lf-user",
      "langfuse.session.id": "lf-session",
      "langfuse.environment": "staging",
      "gen_ai.system": "openai",
    });
    expect(normalizeSpan(span)).toEqual<NormalizedSpan>({
      ...EMPTY_NORMALIZED,
      operation: "llm",
      provider: "openai",
      requestModel: "gpt-4.1-mini",
      inputTokens: 1200,
      outputTokens: 80,
      cacheReadTokens: 1024,
      totalTokens: 1280,
      uncachedInputTokens: 176,
      billable: true,
      usageScope: "call",
      conversationId: "lf-session",
      userId: "lf-user",
      environment: "staging",
    });
  });

  it("an ERROR level marks the error type", () => {
    const n = normalizeSpan(
      makeSpan({ "langfuse.observation.type": "generation", "langfuse.observation.level": "ERROR", "langfuse.observation.status_message": "CANARY" }),
    );
    expect([n.errorType, n.billable]).toEqual(["_OTHER", true]);
  });

  it("agent and chain observations with usage are aggregates", () => {
    const agent = normalizeSpan(
      makeSpan({ "langfuse.observation.type": "agent", "langfuse.observation.usage_details": '{"input":10,"output":2}' }),
    );
    expect([agent.operation, agent.billable, agent.usageScope, agent.totalTokens]).toEqual(["agent", false, "aggregate", 12]);
    const chain = normalizeSpan(makeSpan({ "langfuse.observation.type": "chain" }));
    expect([chain.operation, chain.usageScope]).toEqual(["workflow", null]);
  });

  it("a plain span observation is other even when it carries gen_ai keys", () => {
    const n = normalizeSpan(makeSpan({ "langfuse.observation.type": "span", "gen_ai.operation.name": "chat" }));
    expect([n.operation, n.billable]).toEqual(["other", false]);
  });

  it("an embedding observation is a billable call", () => {
    const n = normalizeSpan(makeSpan({ "langfuse.observation.type": "embedding", "langfuse.observation.usage_details": { kvlist: { input: 42 } } }));
    expect([n.operation, n.billable, n.inputTokens]).toEqual(["embedding", true, 42]);
  });
});
