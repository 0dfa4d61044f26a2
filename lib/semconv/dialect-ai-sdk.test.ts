import { describe, expect, it } from "vitest";
import type { Attributes } from "@/lib/otlp/types";
import { normalizeSpan } from "./normalize";
import { EMPTY_NORMALIZED, makeSpan } from "./test-helpers";
import type { NormalizedSpan } from "./types";

const aiScope = { scopeName: "ai" };

const v6Usage = (input: number, noCache: number, cacheRead: number, output: number, reasoning: number): Attributes => ({
  "ai.usage.inputTokens": input,
  "ai.usage.inputTokenDetails.noCacheTokens": noCache,
  "ai.usage.inputTokenDetails.cacheReadTokens": cacheRead,
  "ai.usage.inputTokenDetails.cacheWriteTokens": 0,
  "ai.usage.outputTokens": output,
  "ai.usage.outputTokenDetails.textTokens": output - reasoning,
  "ai.usage.outputTokenDetails.reasoningTokens": reasoning,
  "ai.usage.totalTokens": input + output,
  "ai.usage.reasoningTokens": reasoning,
  "ai.usage.cachedInputTokens": cacheRead,
});

const common: Attributes = {
  "resource.name": "research",
  "ai.telemetry.functionId": "research",
  "ai.model.provider": "anthropic.messages",
  "ai.model.id": "claude-sonnet-4-5",
  "ai.telemetry.metadata.userId": "u-42",
  "ai.telemetry.metadata.conversationId": "conv-3",
  "ai.telemetry.metadata.agent": "researcher",
  "ai.request.headers.authorization": "Bearer SECRET-CANARY",
};

describe("Vercel AI SDK v6", () => {
  it("a doGenerate span is one billable call", () => {
    const span = makeSpan(
      {
        ...common,
        "operation.name": "ai.generateText.doGenerate research",
        "ai.operationId": "ai.generateText.doGenerate",
        "gen_ai.system": "anthropic.messages",
        "gen_ai.request.model": "claude-sonnet-4-5",
        "gen_ai.response.model": "claude-sonnet-4-5",
        "ai.response.model": "claude-sonnet-4-5",
        "ai.response.finishReason": "tool-calls",
        "gen_ai.response.finish_reasons": ["tool-calls"],
        "gen_ai.usage.input_tokens": 500,
        "gen_ai.usage.output_tokens": 80,
        "ai.prompt.messages": "SECRET-PROMPT-CANARY",
        "ai.response.text": "SECRET-COMPLETION-CANARY",
        ...v6Usage(500, 400, 100, 80, 20),
      },
      aiScope,
    );
    expect(normalizeSpan(span)).toEqual<NormalizedSpan>({
      ...EMPTY_NORMALIZED,
      operation: "llm",
      provider: "anthropic",
      requestModel: "claude-sonnet-4-5",
      responseModel: "claude-sonnet-4-5",
      inputTokens: 500,
      outputTokens: 80,
      cacheReadTokens: 100,
      cacheWriteTokens: 0,
      reasoningTokens: 20,
      totalTokens: 580,
      uncachedInputTokens: 400,
      billable: true,
      usageScope: "call",
      agentName: "researcher",
      conversationId: "conv-3",
      userId: "u-42",
      finishReasons: ["tool-calls"],
    });
  });

  it("the ai.generateText wrapper repeats summed usage: aggregate, not billable", () => {
    const n = normalizeSpan(
      makeSpan(
        { ...common, "operation.name": "ai.generateText research", "ai.operationId": "ai.generateText", ...v6Usage(1000, 800, 200, 160, 40) },
        aiScope,
      ),
    );
    expect([n.operation, n.billable, n.usageScope, n.inputTokens, n.provider, n.requestModel]).toEqual([
      "workflow",
      false,
      "aggregate",
      1000,
      "anthropic",
      "claude-sonnet-4-5",
    ]);
  });

  it("a wrapper stays unbillable even when another rule calls it an LLM span", () => {
    const n = normalizeSpan(makeSpan({ "ai.operationId": "ai.streamText", "gen_ai.operation.name": "chat", "ai.usage.inputTokens": 5 }));
    expect([n.operation, n.billable, n.usageScope]).toEqual(["llm", false, "aggregate"]);
  });

  it("streamText.doStream, embed and rerank", () => {
    const stream = normalizeSpan(makeSpan({ "ai.operationId": "ai.streamText.doStream", "ai.model.provider": "openai.responses" }));
    expect([stream.operation, stream.billable, stream.provider]).toEqual(["llm", true, "openai"]);
    const embedOuter = normalizeSpan(makeSpan({ "ai.operationId": "ai.embedMany", "ai.usage.tokens": 30 }));
    expect([embedOuter.operation, embedOuter.billable, embedOuter.usageScope]).toEqual(["workflow", false, "aggregate"]);
    const embed = normalizeSpan(
      makeSpan({ "ai.operationId": "ai.embedMany.doEmbed", "ai.model.provider": "openai.embedding", "ai.usage.tokens": 30 }),
    );
    expect([embed.operation, embed.billable, embed.usageScope, embed.inputTokens, embed.totalTokens]).toEqual([
      "embedding",
      true,
      "call",
      30,
      30,
    ]);
    const rerank = normalizeSpan(makeSpan({ "ai.operationId": "ai.rerank.doRerank", "ai.model.provider": "cohere.reranking" }));
    expect([rerank.operation, rerank.billable, rerank.provider]).toEqual(["rerank", true, "cohere"]);
  });

  it("ai.toolCall is a tool span named by ai.toolCall.name", () => {
    const n = normalizeSpan(
      makeSpan({ "ai.operationId": "ai.toolCall", "ai.toolCall.name": "lookup", "ai.toolCall.id": "t1", "ai.toolCall.args": "CANARY" }),
    );
    expect([n.operation, n.toolName, n.billable, n.usageScope]).toEqual(["tool", "lookup", false, null]);
  });

  it("an error becomes status ERROR plus an exception event", () => {
    const n = normalizeSpan(
      makeSpan(
        { "ai.operationId": "ai.generateText.doGenerate", "ai.model.provider": "openai.chat", "ai.model.id": "gpt-5" },
        { statusCode: 2, events: [{ name: "exception", attributes: { "exception.type": "AI_APICallError", "exception.message": "CANARY" } }] },
      ),
    );
    expect([n.billable, n.usageScope, n.errorType, n.inputTokens]).toEqual([true, "call", "AI_APICallError", null]);
  });

  it("the gateway provider resolves from the model id", () => {
    const n = normalizeSpan(
      makeSpan({ "ai.operationId": "ai.generateText.doGenerate", "gen_ai.system": "gateway", "ai.model.provider": "gateway", "ai.model.id": "anthropic/claude-sonnet-4.5" }),
    );
    expect([n.provider, n.requestModel]).toEqual(["anthropic", "anthropic/claude-sonnet-4.5"]);
  });
});

describe("Vercel AI SDK v5", () => {
  it("Anthropic: input excludes cache, cache writes only in providerMetadata", () => {
    const n = normalizeSpan(
      makeSpan({
        "ai.operationId": "ai.generateText.doGenerate",
        "ai.model.provider": "anthropic.messages",
        "ai.model.id": "claude-sonnet-4-5",
        "ai.usage.inputTokens": 20,
        "ai.usage.outputTokens": 200,
        "ai.usage.totalTokens": 220,
        "ai.usage.cachedInputTokens": 3000,
        "ai.response.providerMetadata": JSON.stringify({
          anthropic: { cacheCreationInputTokens: 500, usage: { input_tokens: 20 }, container: "SECRET-CANARY" },
        }),
      }),
    );
    expect([n.inputTokens, n.cacheReadTokens, n.cacheWriteTokens, n.uncachedInputTokens, n.totalTokens]).toEqual([
      20, 3000, 500, 20, 220,
    ]);
    expect(JSON.stringify(n)).not.toContain("CANARY");
  });

  it("OpenAI reasoning tokens via ai.usage.reasoningTokens", () => {
    const n = normalizeSpan(
      makeSpan({
        "ai.operationId": "ai.streamText.doStream",
        "ai.model.provider": "openai.responses",
        "ai.usage.inputTokens": 100,
        "ai.usage.outputTokens": 900,
        "ai.usage.reasoningTokens": 768,
      }),
    );
    expect([n.reasoningTokens, n.reasoningExclusive, n.uncachedInputTokens]).toEqual([768, false, 100]);
  });
});

describe("Vercel AI SDK v4", () => {
  it("promptTokens/completionTokens and gen_ai.system = provider id", () => {
    const n = normalizeSpan(
      makeSpan({
        "operation.name": "ai.generateText.doGenerate chat",
        "gen_ai.system": "openai.chat",
        "gen_ai.request.model": "gpt-4o-mini",
        "ai.model.id": "gpt-4o-mini",
        "ai.model.provider": "openai.chat",
        "ai.usage.promptTokens": 50,
        "ai.usage.completionTokens": 10,
        "gen_ai.usage.prompt_tokens": 50,
        "gen_ai.usage.completion_tokens": 10,
        "ai.response.finishReason": "stop",
      }),
    );
    expect([n.operation, n.provider, n.inputTokens, n.outputTokens, n.totalTokens, n.billable, n.finishReasons]).toEqual([
      "llm",
      "openai",
      50,
      10,
      60,
      true,
      ["stop"],
    ]);
  });
});
