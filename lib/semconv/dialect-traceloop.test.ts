import { describe, expect, it } from "vitest";
import { normalizeSpan } from "./normalize";
import { EMPTY_NORMALIZED, makeSpan } from "./test-helpers";
import type { NormalizedSpan } from "./types";

const association = {
  "traceloop.association.properties.user_id": "u-314",
  "traceloop.association.properties.session_id": "s-1",
  "traceloop.association.properties.tenant": "acme",
};

describe("OpenLLMetry / Traceloop, legacy keys", () => {
  it("normalizes a legacy OpenAI chat span", () => {
    const n = normalizeSpan(
      makeSpan({
        "gen_ai.system": "OpenAI",
        "llm.request.type": "chat",
        "gen_ai.request.model": "gpt-4o",
        "gen_ai.response.model": "gpt-4o-2024-08-06",
        "gen_ai.usage.prompt_tokens": 2000,
        "gen_ai.usage.completion_tokens": 100,
        "llm.usage.total_tokens": 2100,
        "gen_ai.usage.cache_read_input_tokens": 1500,
        "gen_ai.usage.reasoning_tokens": 64,
        "gen_ai.prompt.0.role": "user",
        "gen_ai.prompt.0.content": "SECRET-PROMPT-CANARY",
        "gen_ai.completion.0.content": "SECRET-COMPLETION-CANARY",
        "gen_ai.completion.0.finish_reason": "stop",
        ...association,
      }),
    );
    expect(n).toEqual<NormalizedSpan>({
      ...EMPTY_NORMALIZED,
      operation: "llm",
      provider: "openai",
      requestModel: "gpt-4o",
      responseModel: "gpt-4o-2024-08-06",
      inputTokens: 2000,
      outputTokens: 100,
      cacheReadTokens: 1500,
      reasoningTokens: 64,
      totalTokens: 2100,
      uncachedInputTokens: 500,
      billable: true,
      usageScope: "call",
      conversationId: "s-1",
      userId: "u-314",
      finishReasons: ["stop"],
    });
  });

  it("old Anthropic instrumentation with exclusive input is caught by the heuristic", () => {
    const n = normalizeSpan(
      makeSpan({
        "gen_ai.system": "anthropic",
        "llm.request.type": "completion",
        "gen_ai.usage.prompt_tokens": 15,
        "gen_ai.usage.cache_creation_input_tokens": 2048,
      }),
    );
    expect([n.operation, n.cacheWriteTokens, n.uncachedInputTokens]).toEqual(["llm", 2048, 15]);
  });

  it("llm.request.type rerank is a billable rerank call", () => {
    const n = normalizeSpan(makeSpan({ "gen_ai.system": "cohere", "llm.request.type": "rerank" }));
    expect([n.operation, n.provider, n.billable]).toEqual(["rerank", "cohere", true]);
  });
});

describe("OpenLLMetry / Traceloop, current keys and SDK spans", () => {
  it("normalizes a current instrumentation-openai chat span inside a task", () => {
    const n = normalizeSpan(
      makeSpan({
        "gen_ai.provider.name": "openai",
        "gen_ai.operation.name": "chat",
        "gen_ai.request.model": "gpt-4o-mini",
        "gen_ai.response.model": "gpt-4o-mini",
        "gen_ai.usage.input_tokens": 123,
        "gen_ai.usage.output_tokens": 45,
        "gen_ai.usage.total_tokens": 168,
        "traceloop.workflow.name": "refund_agent",
        "traceloop.entity.path": "draft_reply",
        "gen_ai.agent.name": "refund_agent",
        ...association,
      }),
    );
    expect([n.operation, n.billable, n.provider, n.totalTokens, n.agentName, n.userId]).toEqual([
      "llm",
      true,
      "openai",
      168,
      "refund_agent",
      "u-314",
    ]);
  });

  it("workflow, task, agent and tool spans", () => {
    const common = { "traceloop.entity.input": "SECRET-CANARY", ...association };
    const workflow = normalizeSpan(
      makeSpan({ ...common, "traceloop.span.kind": "workflow", "traceloop.workflow.name": "refund_flow", "traceloop.entity.name": "refund_flow" }),
    );
    expect([workflow.operation, workflow.agentName, workflow.toolName]).toEqual(["workflow", null, null]);
    const task = normalizeSpan(makeSpan({ ...common, "traceloop.span.kind": "task", "traceloop.entity.name": "draft_reply" }));
    expect([task.operation, task.agentName, task.toolName]).toEqual(["workflow", null, null]);
    const agent = normalizeSpan(
      makeSpan({ ...common, "traceloop.span.kind": "agent", "traceloop.workflow.name": "refund_flow", "traceloop.entity.name": "refund_agent" }),
    );
    expect([agent.operation, agent.agentName]).toEqual(["agent", "refund_agent"]);
    const tool = normalizeSpan(makeSpan({ ...common, "traceloop.span.kind": "tool", "traceloop.entity.name": "order_lookup" }));
    expect([tool.operation, tool.toolName, tool.billable]).toEqual(["tool", "order_lookup", false]);
  });
});
