import { describe, expect, it } from "vitest";
import { CONTENT_KEY_PATTERNS, isContentKey } from "./denylist";
import { filterSpan } from "./filter-span";
import { filterResource } from "./filter-resource";
import { makeSpan, testOptions } from "./test-helpers";

/** At least one key per denylist line (2.3), with the pattern it should be reported under. */
const CONTENT_KEYS: [key: string, pattern: string][] = [
  ["gen_ai.input.messages", "gen_ai.input.messages"],
  ["gen_ai.output.messages", "gen_ai.output.messages"],
  ["gen_ai.system_instructions", "gen_ai.system_instructions"],
  ["gen_ai.tool.call.arguments", "gen_ai.tool.call.arguments"],
  ["gen_ai.tool.definitions", "gen_ai.tool.definitions"],
  ["gen_ai.agent.description", "gen_ai.agent.description"],
  ["gen_ai.retrieval.documents", "gen_ai.retrieval.documents"],
  ["gen_ai.memory.query.text", "gen_ai.memory.query.text"],
  ["gen_ai.evaluation.explanation", "gen_ai.evaluation.explanation"],
  ["gen_ai.request.stop_sequences", "gen_ai.request.stop_sequences"],
  ["gen_ai.prompt", "gen_ai.prompt"],
  ["gen_ai.completion.0.content", "gen_ai.completion.*.content"],
  ["gen_ai.guardrail.error.message", "gen_ai.guardrail.error.message"],
  ["gen_ai.response.revised_prompt", "gen_ai.response.revised_prompt"],
  ["input.value", "input.value"],
  ["llm.output_messages.3.message.content", "llm.output_messages.*.message.content"],
  ["llm.tools.0.tool.json_schema", "llm.tools.*.tool.json_schema"],
  ["llm.prompt_template.variables", "llm.prompt_template.variables"],
  ["llm.invocation_parameters", "llm.invocation_parameters"],
  ["embedding.embeddings.0.embedding.text", "embedding.embeddings.*.embedding.text"],
  ["retrieval.documents.2.document.content", "retrieval.documents.*.document.content"],
  ["reranker.query", "reranker.query"],
  ["document.metadata", "document.metadata"],
  ["tool.json_schema", "tool.json_schema"],
  ["tool_call.function.arguments", "tool_call.function.arguments"],
  ["message_content.text", "message_content.text"],
  ["output.images", "output.images"],
  ["audio.transcript", "audio.transcript"],
  ["session.annotations.quality.explanation", "session.annotations.quality.explanation"],
  ["metadata", "metadata"],
  ["traceloop.entity.input", "traceloop.entity.input"],
  ["llm.request.functions.0.description", "llm.request.functions.*.description"],
  ["mcp.response.value", "mcp.response.value"],
  ["db.query.result.document", "db.query.result.document"],
  ["db.vector.query.result.4.metadata", "db.vector.query.result.*.metadata"],
  ["ai.prompt.messages", "ai.prompt.messages"],
  ["ai.response.providerMetadata", "ai.response.providerMetadata"],
  ["ai.toolCall.result", "ai.toolCall.result"],
  ["ai.embedding", "ai.embedding"],
  ["ai.schema.description", "ai.schema.description"],
  ["ai.request.headers.authorization", "ai.request.headers.authorization"],
  ["langfuse.trace.output", "langfuse.trace.output"],
  ["langfuse.observation.model.parameters", "langfuse.observation.model.parameters"],
  ["langfuse.experiment.item.metadata", "langfuse.experiment.item.metadata"],
  ["exception.stacktrace", "exception.stacktrace"],
  ["db.statement", "db.statement"],
  ["url.full", "url.full"],
  ["http.request.header.cookie", "http.request.header.cookie"],
  ["process.command_args", "process.command_args"],
  ["process.env.OPENAI_API_KEY", "process.env.OPENAI_API_KEY"],
];

describe("content denylist", () => {
  it("has a sample key for every pattern line", () => {
    for (const source of CONTENT_KEY_PATTERNS) {
      const re = new RegExp(source);
      expect(CONTENT_KEYS.some(([key]) => re.test(key)), source).toBe(true);
    }
  });

  it.each(CONTENT_KEYS)("drops %s as content, even when the value is a short string", (key, pattern) => {
    expect(isContentKey(key)).toBe(true);
    const f = filterSpan(makeSpan({ [key]: "ok" }), testOptions);
    expect(f.attributes).toEqual({});
    expect(f.droppedKeys).toEqual({ [pattern]: 1 });
    expect(f.contentHits).toBe(1);
  });

  it("drops content keys even with numeric values that unknown keys would keep", () => {
    const f = filterSpan(makeSpan({ "ai.embedding": [0.1, 0.2, 0.3], "gen_ai.completion.0.index": 0 }), testOptions);
    expect(f.attributes).toEqual({});
    expect(f.droppedKeys).toEqual({ "ai.embedding": 1, "gen_ai.completion.*.index": 1 });
    expect(f.contentHits).toBe(2);
  });

  it("does not match safe siblings of content keys", () => {
    for (const key of [
      "gen_ai.prompt.name",
      "llm.prompt_template.version",
      "tool.name",
      "deployment.environment",
      "langfuse.environment",
      "ai.toolCall.name",
      "gen_ai.evaluation.name",
      "environment",
    ]) {
      expect(isContentKey(key), key).toBe(false);
    }
  });

  it("counts denied resource keys as content hits", () => {
    const r = filterResource(
      { attributes: { "process.command_line": "node x", "process.command_args": ["node", "x"], "k8s.env.X": "y" } },
      testOptions,
    );
    expect(r.attributes).toEqual({});
    expect(r.droppedKeys).toEqual({ "process.command_line": 1, "process.command_args": 1, "k8s.env.X": 1 });
    expect(r.contentHits).toBe(3);
  });
});
