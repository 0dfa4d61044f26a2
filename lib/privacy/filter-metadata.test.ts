import { describe, expect, it } from "vitest";
import { filterSpan } from "./filter-span";
import { pseudonymizeUserId } from "./pseudonymize";
import { makeSpan, testOptions } from "./test-helpers";

describe("filterSpan: user metadata namespaces", () => {
  it("keeps identifier-shaped values in every built-in namespace and tenant prefixes", () => {
    const attrs = {
      "ai.telemetry.metadata.tenant": "acme",
      "traceloop.association.properties.tenant": "acme",
      "langfuse.trace.metadata.plan": "pro",
      "langfuse.observation.metadata.retry": 2,
      "tag.tags": ["beta", "eu-west-1"],
      "langfuse.trace.tags": ["vip"],
      "app.customer_tier": "gold",
      "app.flag": false,
    };
    const f = filterSpan(makeSpan(attrs), testOptions);
    expect(f.attributes).toEqual(attrs);
    expect(f.droppedKeys).toEqual({});
  });

  it("does not treat app.* as metadata when the tenant has not configured it", () => {
    const f = filterSpan(makeSpan({ "app.customer_tier": "gold", "app.retries": 3 }), { metadataPrefixes: [] });
    expect(f.attributes).toEqual({ "app.retries": 3 });
    expect(f.droppedKeys).toEqual({ "app.customer_tier": 1 });
  });

  it("ignores an empty tenant prefix instead of admitting every key", () => {
    const f = filterSpan(makeSpan({ "app.question": "where" }), { metadataPrefixes: [""] });
    expect(f.attributes).toEqual({});
  });

  it("never lets a tenant prefix re-admit a denylisted key", () => {
    const f = filterSpan(makeSpan({ "llm.input_messages.0.message.role": "user" }), { metadataPrefixes: ["llm."] });
    expect(f.attributes).toEqual({});
    expect(f.contentHits).toBe(1);
  });

  it("applies the shape filter: 128 chars kept, 129 dropped, whitespace dropped, unicode letters kept", () => {
    const f = filterSpan(
      makeSpan({
        "app.k128": "a".repeat(128),
        "app.k129": "a".repeat(129),
        "app.space": "two words",
        "app.empty": "",
        "app.unicode": "Zürich_東京-1",
        "app.symbols": "team:a/b@c#d+e=f",
        "app.quote": 'say"hi',
      }),
      testOptions,
    );
    expect(f.attributes).toEqual({
      "app.k128": "a".repeat(128),
      "app.unicode": "Zürich_東京-1",
      "app.symbols": "team:a/b@c#d+e=f",
    });
    expect(f.droppedKeys).toEqual({ "app.k129": 1, "app.space": 1, "app.empty": 1, "app.quote": 1 });
    expect(f.contentHits).toBe(0);
  });

  it("keeps arrays of up to 32 identifier scalars, drops 33 or any bad element", () => {
    const ok = Array.from({ length: 32 }, (_, i) => `t${i}`);
    const f = filterSpan(
      makeSpan({
        "tag.tags": ok,
        "app.too_many": [...ok, "t32"],
        "app.mixed": ["ok", "not ok"],
        "app.nested": [["a"]],
        "app.numbers": [1, 2.5, true],
      }),
      testOptions,
    );
    expect(f.attributes).toEqual({ "tag.tags": ok, "app.numbers": [1, 2.5, true] });
    expect(f.droppedKeys).toEqual({ "app.too_many": 1, "app.mixed": 1, "app.nested": 1 });
  });

  it("drops kvlists and bytes under metadata namespaces and counts them as content", () => {
    const f = filterSpan(
      makeSpan({
        "ai.telemetry.metadata.ctx": { kvlist: { q: "hello" } },
        "app.blob": new Uint8Array([0]),
        "app.prose": "line one\nline two",
      }),
      testOptions,
    );
    expect(f.attributes).toEqual({});
    expect(f.droppedKeys).toEqual({ "ai.telemetry.metadata.ctx": 1, "app.blob": 1, "app.prose": 1 });
    expect(f.contentHits).toBe(3);
  });
});

describe("filterSpan: JSON blobs", () => {
  it("keeps only numeric leaves of usage_details and cost_details", () => {
    const f = filterSpan(
      makeSpan({
        "langfuse.observation.usage_details": JSON.stringify({
          input: 100,
          output: 20,
          input_cached_tokens: 50,
          details: { reasoning: 5 },
          note: "SECRET",
        }),
        "langfuse.observation.cost_details": '{"total":0.0123,"input":"0.01"}',
      }),
      testOptions,
    );
    expect(f.attributes).toEqual({
      "langfuse.observation.usage_details.input": 100,
      "langfuse.observation.usage_details.output": 20,
      "langfuse.observation.usage_details.input_cached_tokens": 50,
      "langfuse.observation.usage_details.details.reasoning": 5,
      "langfuse.observation.cost_details.total": 0.0123,
    });
    expect(f.droppedKeys).toEqual({
      "langfuse.observation.usage_details.note": 1,
      "langfuse.observation.cost_details.input": 1,
    });
    expect(f.contentHits).toBe(0);
  });

  it("flattens OpenInference metadata JSON to identifier-shaped leaves and drops the raw string", () => {
    const f = filterSpan(
      makeSpan({
        metadata: JSON.stringify({
          ls_provider: "openai",
          versions: { "@langchain/core": "1.4.0" },
          retries: 2,
          tags: ["a", "b"],
          question: "where is my refund?",
          "bad key": "x",
          deep: { a: { b: { c: { d: { e: { f: "too-deep" } } } } } },
          docs: [{ text: "x" }],
        }),
      }),
      testOptions,
    );
    expect(f.attributes).toEqual({
      "metadata.ls_provider": "openai",
      "metadata.versions.@langchain/core": "1.4.0",
      "metadata.retries": 2,
      "metadata.tags": ["a", "b"],
    });
    expect(f.droppedKeys).toEqual({
      "metadata.question": 1,
      "*": 1,
      "metadata.deep.a.b.c.d.e": 1,
      "metadata.docs": 1,
    });
    expect(f.contentHits).toBe(2);
  });

  it("drops metadata that is not a JSON object as content, and empty metadata silently", () => {
    expect(filterSpan(makeSpan({ metadata: "not json" }), testOptions).droppedKeys).toEqual({ metadata: 1 });
    expect(filterSpan(makeSpan({ metadata: "[1,2]" }), testOptions).contentHits).toBe(1);
    const empty = filterSpan(makeSpan({ metadata: "{}" }), testOptions);
    expect(empty.droppedKeys).toEqual({});
    expect(empty.contentHits).toBe(0);
  });

  it("flattens structured (kvlist) metadata the same way", () => {
    const f = filterSpan(
      makeSpan({ "langfuse.trace.metadata": { kvlist: { env: "prod", nested: { kvlist: { n: 1, s: "a b" } } } } }),
      testOptions,
    );
    expect(f.attributes).toEqual({ "langfuse.trace.metadata.env": "prod", "langfuse.trace.metadata.nested.n": 1 });
    expect(f.droppedKeys).toEqual({ "langfuse.trace.metadata.nested.s": 1 });
  });
});

describe("filterSpan: user ids", () => {
  const ids = {
    "user.id": "user-0",
    "langfuse.user.id": "user-0",
    "traceloop.association.properties.user_id": "u-314",
    "ai.telemetry.metadata.userId": "u-42",
    "enduser.id": 42,
  };

  it("drops raw user ids when no pseudonym key is configured", () => {
    const f = filterSpan(makeSpan(ids), testOptions);
    expect(f.attributes).toEqual({});
    expect(Object.keys(f.droppedKeys).sort()).toEqual(Object.keys(ids).sort());
    expect(f.contentHits).toBe(0);
  });

  it("keeps pseudonyms when a key is configured", () => {
    const f = filterSpan(makeSpan(ids), { metadataPrefixes: [], userIdKey: "k" });
    expect(f.attributes).toEqual({
      "user.id": pseudonymizeUserId("user-0", "k"),
      "langfuse.user.id": pseudonymizeUserId("user-0", "k"),
      "traceloop.association.properties.user_id": pseudonymizeUserId("u-314", "k"),
      "ai.telemetry.metadata.userId": pseudonymizeUserId("u-42", "k"),
      "enduser.id": pseudonymizeUserId("42", "k"),
    });
    expect(JSON.stringify(f)).not.toContain("u-314");
  });
});
