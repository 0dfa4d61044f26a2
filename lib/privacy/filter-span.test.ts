import { describe, expect, it } from "vitest";
import type { Attributes } from "../otlp/types";
import { filterSpan } from "./filter-span";
import { makeSpan, testOptions } from "./test-helpers";

describe("filterSpan: known-safe keys", () => {
  it("keeps B2, OpenInference, Traceloop, AI SDK, Langfuse and HTTP keys by exact match", () => {
    const attrs = {
      "gen_ai.operation.name": "chat",
      "gen_ai.provider.name": "openai",
      "gen_ai.request.model": "gpt-4o-mini",
      "gen_ai.request.temperature": 0.2,
      "gen_ai.response.finish_reasons": ["stop", "length"],
      "gen_ai.prompt.name": "refund v2",
      "openinference.span.kind": "LLM",
      "llm.model_name": "gpt-4o-mini",
      "llm.prompt_template.version": "3",
      "traceloop.span.kind": "workflow",
      "traceloop.entity.path": "",
      "ai.operationId": "ai.generateText.doGenerate",
      "ai.response.finishReason": "tool-calls",
      "ai.toolCall.name": "lookup",
      "langfuse.observation.type": "generation",
      "langfuse.trace.public": true,
      "http.response.status_code": 503,
      "db.system.name": "postgresql",
    };
    const f = filterSpan(makeSpan(attrs), testOptions);
    expect(f.attributes).toEqual(attrs);
    expect(f.droppedKeys).toEqual({});
    expect(f.contentHits).toBe(0);
  });

  it("keeps prefix families: ai.usage.*, ai.model.*, gen_ai.usage.*, llm.token_count.*, llm.cost.*, graph.node.*", () => {
    const attrs = {
      "ai.usage.inputTokenDetails.cacheReadTokens": 100,
      "ai.model.provider": "anthropic.messages",
      "gen_ai.usage.cache_write.input_tokens": 7,
      "llm.token_count.prompt_details.cache_read": 10,
      "llm.cost.completion_details.reasoning": 0.0012,
      "graph.node.parent_id": "agent",
    };
    const f = filterSpan(makeSpan(attrs), testOptions);
    expect(f.attributes).toEqual(attrs);
    expect(f.contentHits).toBe(0);
  });

  it("keeps ai.settings.* scalars only, strings identifier-shaped", () => {
    const f = filterSpan(
      makeSpan({
        "ai.settings.maxRetries": 2,
        "ai.settings.output": "object",
        "ai.settings.stopSequences": ["END"],
        "ai.settings.mode": "free text here",
      }),
      testOptions,
    );
    expect(f.attributes).toEqual({ "ai.settings.maxRetries": 2, "ai.settings.output": "object" });
    expect(f.droppedKeys).toEqual({ "ai.settings.stopSequences": 1, "ai.settings.mode": 1 });
    expect(f.contentHits).toBe(0);
  });

  it("applies the value tripwire to safe keys: long, multi-line, kvlist, bytes are dropped and counted", () => {
    const f = filterSpan(
      makeSpan({
        "gen_ai.response.id": "x".repeat(257),
        "gen_ai.agent.name": "two\nlines",
        "gen_ai.request.model": { kvlist: { a: "b" } },
        "gen_ai.tool.name": new Uint8Array([1, 2]),
        "gen_ai.response.model": "x".repeat(256),
        "gen_ai.response.finish_reasons": ["stop", "a\nb"],
        "gen_ai.request.top_k": Number.NaN,
      }),
      testOptions,
    );
    expect(f.attributes).toEqual({ "gen_ai.response.model": "x".repeat(256) });
    expect(f.droppedKeys).toEqual({
      "gen_ai.response.id": 1,
      "gen_ai.agent.name": 1,
      "gen_ai.request.model": 1,
      "gen_ai.tool.name": 1,
      "gen_ai.response.finish_reasons": 1,
      "gen_ai.request.top_k": 1,
    });
    expect(f.contentHits).toBe(5);
  });

  it("does not keep host.name or span-level keys that only resources may carry", () => {
    const f = filterSpan(makeSpan({ "host.name": "johns-laptop" }), testOptions);
    expect(f.attributes).toEqual({});
    expect(f.droppedKeys).toEqual({ "host.name": 1 });
  });
});

describe("filterSpan: unknown keys", () => {
  it("keeps finite numbers, booleans and short numeric arrays; drops strings, long arrays, kvlists, bytes", () => {
    const f = filterSpan(
      makeSpan({
        "my.count": 3,
        "my.ratio": 0.5,
        "my.flag": true,
        "my.vec16": Array.from({ length: 16 }, (_, i) => i),
        "my.vec17": Array.from({ length: 17 }, (_, i) => i),
        "my.text": "x",
        "my.strings": ["a"],
        "my.nan": Number.POSITIVE_INFINITY,
        "my.kv": { kvlist: { n: 1 } },
        "my.bytes": new Uint8Array([1]),
        "my.empty": null,
      }),
      testOptions,
    );
    expect(f.attributes).toEqual({
      "my.count": 3,
      "my.ratio": 0.5,
      "my.flag": true,
      "my.vec16": Array.from({ length: 16 }, (_, i) => i),
    });
    expect(f.droppedKeys).toEqual({
      "my.vec17": 1,
      "my.text": 1,
      "my.strings": 1,
      "my.nan": 1,
      "my.kv": 1,
      "my.bytes": 1,
      "my.empty": 1,
    });
    expect(f.contentHits).toBe(2);
  });

  it("counts a long or multi-line unknown string as a content hit, a short one not", () => {
    const f = filterSpan(makeSpan({ "a.long": "y".repeat(300), "a.nl": "a\r\nb", "a.short": "y" }), testOptions);
    expect(f.contentHits).toBe(2);
  });

  it("collapses numeric segments and reports non-identifier keys as *", () => {
    // JSON.parse makes "__proto__" an own key, as a decoder building a map could
    const attrs = JSON.parse('{"__proto__": [5]}') as Attributes;
    Object.assign(attrs, {
      "llm.input_messages.0.message.content": "a",
      "llm.input_messages.1.message.content": "b",
      "llm.input_messages.12.message.contents.3.message_content.text": "c",
      "x.v2.10": "d",
      "what did the user say": 1,
      "x.__proto__": "e",
      constructor: "f",
    });
    expect(Object.keys(attrs)).toContain("__proto__");
    const f = filterSpan(makeSpan(attrs), testOptions);
    expect(f.droppedKeys).toEqual({
      "llm.input_messages.*.message.content": 2,
      "llm.input_messages.*.message.contents.*.message_content.text": 1,
      "x.v2.*": 1,
      "*": 2,
      "x.__proto__": 1,
      constructor: 1,
    });
    expect(Object.keys(f.attributes)).toEqual([]);
    expect(Object.getPrototypeOf(f.attributes)).toBe(Object.prototype);
  });
});

describe("filterSpan: name, events, status", () => {
  it("caps the name at 256 characters without splitting a surrogate pair", () => {
    expect(filterSpan(makeSpan({}, { name: "n".repeat(300) }), testOptions).name).toBe("n".repeat(256));
    const emoji = "a".repeat(255) + "😀";
    expect(filterSpan(makeSpan({}, { name: emoji }), testOptions).name).toBe("a".repeat(255));
  });

  it("keeps allowlisted events with only their allowlisted attributes", () => {
    const f = filterSpan(
      makeSpan(
        {},
        {
          events: [
            {
              name: "exception",
              attributes: { "exception.type": "APIError", "exception.escaped": true, "exception.message": "m" },
            },
            { name: "ai.stream.firstChunk", attributes: { "ai.response.msToFirstChunk": 120.5, "ai.x": "y" } },
            { name: "ai.stream.finish" },
            {
              name: "gen_ai.evaluation.result",
              attributes: {
                "gen_ai.evaluation.name": "relevance",
                "gen_ai.evaluation.score.value": 0.8,
                "gen_ai.evaluation.score.label": "pass",
                "gen_ai.evaluation.explanation": "because",
              },
            },
          ],
        },
      ),
      testOptions,
    );
    expect(f.events).toEqual([
      {
        name: "exception",
        timeUnixNano: 1_700_000_000_000_000_000n,
        attributes: { "exception.type": "APIError", "exception.escaped": true },
      },
      {
        name: "ai.stream.firstChunk",
        timeUnixNano: 1_700_000_000_000_000_001n,
        attributes: { "ai.response.msToFirstChunk": 120.5 },
      },
      { name: "ai.stream.finish", timeUnixNano: 1_700_000_000_000_000_002n, attributes: {} },
      {
        name: "gen_ai.evaluation.result",
        timeUnixNano: 1_700_000_000_000_000_003n,
        attributes: {
          "gen_ai.evaluation.name": "relevance",
          "gen_ai.evaluation.score.value": 0.8,
          "gen_ai.evaluation.score.label": "pass",
        },
      },
    ]);
    expect(f.droppedKeys).toEqual({ "exception.message": 1, "ai.x": 1, "gen_ai.evaluation.explanation": 1 });
    expect(f.contentHits).toBe(2);
  });

  it("drops other events, counting them by identifier-shaped name or event:*", () => {
    const f = filterSpan(
      makeSpan(
        {},
        {
          events: [
            { name: "gen_ai.client.inference.operation.details", attributes: { "gen_ai.input.messages": "x" } },
            { name: "gen_ai.client.inference.operation.details" },
            { name: "retry.3" },
            { name: "user said: refund please" },
            { name: "custom", attributes: { note: "line\nbreak" } },
          ],
        },
      ),
      testOptions,
    );
    expect(f.events).toEqual([]);
    expect(f.droppedKeys).toEqual({
      "event:gen_ai.client.inference.operation.details": 2,
      "event:retry.*": 1,
      "event:*": 1,
      "event:custom": 1,
    });
    expect(f.contentHits).toBe(3);
  });

  it("has no field for status.message", () => {
    const f = filterSpan(makeSpan({}, { statusMessage: "boom" }), testOptions);
    expect(Object.keys(f).sort()).toEqual(["attributes", "contentHits", "droppedKeys", "events", "name"]);
  });
});
