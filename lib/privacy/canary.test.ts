// Every content position the dialects use carries a unique canary; none may survive the filter.

import { describe, expect, it } from "vitest";
import type { AnyValue, Attributes, OtlpSpan } from "../otlp/types";
import { filterResource, filterScope, filterSpan } from "./filter";
import type { PrivacyOptions } from "./options";
import { dump, makeSpan } from "./test-helpers";

let canaries = 0;
/** A fresh canary; `prose` adds whitespace, otherwise it is identifier-shaped (worst case for shape filters). */
function c(prose = true): string {
  canaries++;
  return prose ? `secret Canary-${canaries} please` : `SECRET-CANARY-${canaries}`;
}
const kv = (attributes: Attributes): AnyValue => ({ kvlist: attributes });

const genAi: Attributes = {
  "gen_ai.operation.name": "chat",
  "gen_ai.request.model": "gpt-4o-mini",
  "gen_ai.usage.input_tokens": 812,
  "gen_ai.input.messages": JSON.stringify([{ role: "user", parts: [{ type: "text", content: c() }] }]),
  "gen_ai.output.messages": [kv({ role: "assistant", parts: [kv({ type: "text", content: c(false) })] })],
  "gen_ai.system_instructions": c(false),
  "gen_ai.tool.definitions": [c()],
  "gen_ai.tool.call.arguments": kv({ q: c(false) }),
  "gen_ai.tool.call.result": c(false),
  "gen_ai.tool.description": c(),
  "gen_ai.agent.description": c(),
  "gen_ai.retrieval.query.text": c(),
  "gen_ai.retrieval.documents": [kv({ id: "d1", content: c() })],
  "gen_ai.memory.query.text": c(),
  "gen_ai.memory.records": c(),
  "gen_ai.evaluation.explanation": c(),
  "gen_ai.prompt": c(),
  "gen_ai.completion": c(),
  "gen_ai.prompt.0.content": c(false),
  "gen_ai.completion.0.content": c(false),
  "gen_ai.completion.0.finish_reason": c(false),
  "gen_ai.request.stop_sequences": [c(false)],
  "gen_ai.guardrail.input": c(),
  "gen_ai.response.revised_prompt": c(),
  "gen_ai.response.id": `${c(false)}${"x".repeat(300)}`,
  "gen_ai.agent.name": `agent\n${c(false)}`,
  "gen_ai.response.finish_reasons": ["stop", kv({ why: c(false) })],
};

const openInference: Attributes = {
  "openinference.span.kind": "LLM",
  "llm.model_name": "gpt-4o-mini",
  "llm.token_count.prompt": 123,
  "input.value": c(),
  "output.value": JSON.stringify({ answer: c() }),
  "llm.input_messages.0.message.content": c(false),
  "llm.input_messages.0.message.contents.0.message_content.text": c(),
  "llm.output_messages.0.message.tool_calls.0.tool_call.function.arguments": c(false),
  "llm.prompts.0.prompt.text": c(),
  "llm.choices.0.completion.text": c(),
  "llm.prompt_template.template": c(),
  "llm.prompt_template.variables": JSON.stringify({ q: c(false) }),
  "llm.tools.0.tool.json_schema": c(),
  "llm.function_call": c(),
  "llm.invocation_parameters": JSON.stringify({ model: "gpt-4o-mini", user: c(false), stop: [c(false)] }),
  "tool.parameters": c(),
  "tool.description": c(),
  "retrieval.documents.0.document.content": c(),
  "retrieval.documents.0.document.id": c(false),
  "document.metadata": c(),
  "reranker.query": c(),
  "embedding.embeddings.0.embedding.text": c(false),
  "image.url": `https://x.test/${c(false)}`,
  "audio.transcript": c(),
  "message_content.encrypted_content": c(false),
  "annotation.explanation": c(),
  metadata: JSON.stringify({
    tenant: "acme",
    question: c(),
    long: c(false) + "y".repeat(200),
    multi: `a\n${c(false)}`,
    nested: { deeper: { q: c() } },
    list: [c(), "ok"],
    docs: [{ text: c(false) }],
    [`${c()} as a key`]: 1,
  }),
};

const traceloop: Attributes = {
  "traceloop.span.kind": "workflow",
  "traceloop.association.properties.tenant": "acme",
  "traceloop.association.properties.note": `${c(false)}\nsecond line`,
  "traceloop.association.properties.ctx": kv({ a: c(false) }),
  "traceloop.entity.input": JSON.stringify({ args: [c()] }),
  "traceloop.entity.output": c(false),
  "llm.request.functions.0.arguments": c(false),
  "llm.request.functions.0.description": c(),
  "mcp.response.value": c(false),
  "db.query.result.document": c(),
  "db.vector.query.result.0.metadata": c(),
};

const aiSdk: Attributes = {
  "ai.operationId": "ai.generateText.doGenerate",
  "ai.model.id": "claude-sonnet-4-5",
  "ai.usage.inputTokens": 500,
  "ai.telemetry.metadata.tenant": "acme",
  "ai.telemetry.metadata.question": c(),
  "ai.telemetry.metadata.payload": c(false).repeat(10),
  "ai.telemetry.metadata.list": Array.from({ length: 40 }, () => c(false)),
  "ai.prompt": JSON.stringify({ prompt: c() }),
  "ai.prompt.messages": c(false),
  "ai.prompt.tools": [c(false), c()],
  "ai.prompt.toolChoice": c(false),
  "ai.response.text": c(false),
  "ai.response.reasoning": c(),
  "ai.response.toolCalls": JSON.stringify([{ input: c(false) }]),
  "ai.response.object": c(),
  "ai.response.providerMetadata": JSON.stringify({ anthropic: { cacheCreationInputTokens: 3, note: c(false) } }),
  "ai.toolCall.args": c(false),
  "ai.toolCall.result": c(false),
  "ai.value": c(),
  "ai.values": [c(false), c(false)],
  "ai.documents": [c()],
  "ai.schema": c(false),
  "ai.schema.description": c(),
  "ai.request.headers.authorization": `Bearer ${c(false)}`,
  "ai.request.headers.x-api-key": c(false),
  "ai.settings.stopSequences": [c(false)],
  "ai.settings.mode": c(),
};

const langfuse: Attributes = {
  "langfuse.observation.type": "generation",
  "langfuse.trace.input": c(),
  "langfuse.trace.output": c(false),
  "langfuse.observation.input": c(),
  "langfuse.observation.output": c(false),
  "langfuse.observation.status_message": c(),
  "langfuse.observation.model.parameters": JSON.stringify({ user: c(false) }),
  "langfuse.observation.usage_details": JSON.stringify({ input: 10, note: c(false), nested: { x: c(false) } }),
  "langfuse.observation.cost_details": JSON.stringify({ total: 0.1, currency: c(false) }),
  "langfuse.trace.metadata": JSON.stringify({ plan: "pro", reason: c() }),
  "langfuse.observation.metadata.q": c(),
  "langfuse.experiment.item.expected_output": c(false),
  "langfuse.experiment.metadata": c(false),
};

const generic: Attributes = {
  "exception.message": c(false),
  "exception.stacktrace": `Error: ${c()}\n    at x`,
  "db.query.text": `select '${c(false)}'`,
  "db.statement": c(false),
  "url.full": `https://api.test/v1?key=${c(false)}`,
  "http.request.header.authorization": [c(false)],
  "app.customer_tier": "gold",
  "app.question": c(),
  "app.context": kv({ q: kv({ deeper: c(false) }) }),
  "my.app.question": c(false),
  "my.app.list": [c(false)],
  "my.app.kv": kv({ q: c(false) }),
  "my.app.bytes": new TextEncoder().encode(c(false)),
  "my.app.mixed": [1, c(false)],
};

const events: { name: string; attributes?: Attributes }[] = [
  { name: "gen_ai.client.inference.operation.details", attributes: { "gen_ai.input.messages": c(false) } },
  { name: "gen_ai.user.message", attributes: { content: c() } },
  { name: "gen_ai.choice", attributes: { message: kv({ content: c(false) }) } },
  { name: "gen_ai.content.prompt", attributes: { "gen_ai.prompt": c() } },
  {
    name: "gen_ai.evaluation.result",
    attributes: { "gen_ai.evaluation.explanation": c(), "gen_ai.evaluation.score.label": `bad\n${c(false)}` },
  },
  { name: "gen_ai.client.operation.exception", attributes: { "exception.message": c() } },
  {
    name: "exception",
    attributes: {
      "exception.type": "APIError",
      "exception.message": c(false),
      "exception.stacktrace": c(),
      "exception.escaped": kv({ x: c(false) }),
    },
  },
  { name: "ai.stream.firstChunk", attributes: { "ai.response.text": c(false) } },
  { name: "db.query.result", attributes: { document: c() } },
  { name: c(), attributes: { body: c(false) } },
  { name: `line\n${c(false)}` },
];

const dialects: [string, Attributes][] = [
  ["OTel GenAI", genAi],
  ["OpenInference", openInference],
  ["Traceloop", traceloop],
  ["AI SDK", aiSdk],
  ["Langfuse", langfuse],
  ["generic", generic],
];

const resourceAttributes: Attributes = {
  "service.name": "billing-agent",
  "telemetry.sdk.version": "2.12.0",
  "host.name": c(false),
  "process.command_args": ["node", `--key=${c(false)}`],
  "process.command_line": `node agent.js --api-key=${c(false)}`,
  "process.env.OPENAI_API_KEY": c(false),
  "container.env.SECRET": c(false),
  "process.executable.path": `/home/${c(false)}/node`,
  "service.description": c(),
};

const opts: PrivacyOptions = { metadataPrefixes: ["app."], userIdKey: "pseudonym-key" };
const NO_CANARY = /canary/i;

function spanFor(attributes: Attributes): OtlpSpan {
  return makeSpan(
    { ...attributes, "user.id": c(false) },
    {
      name: "chat gpt-4o-mini",
      events,
      statusMessage: `Service Unavailable ${c()}`,
      resourceAttributes,
      scopeAttributes: { "scope.note": c(), "scope.kv": kv({ a: c(false) }) },
    },
  );
}

describe("canary: no content survives the filter", () => {
  it.each(dialects)("%s span, events, status, resource and scope", (_dialect, attributes) => {
    const span = spanFor(attributes);
    const filtered = filterSpan(span, opts);
    const resource = filterResource(span.resource, opts);
    const scope = filterScope(span.scope, opts);
    for (const out of [filtered, resource, scope]) expect(dump(out)).not.toMatch(NO_CANARY);
    // sanity: the input really was full of canaries
    expect(dump(span)).toMatch(NO_CANARY);
    expect(filtered.contentHits).toBeGreaterThan(10);
    expect(resource.contentHits).toBe(4);
  });

  it("keeps the legitimate metadata next to the canaries", () => {
    const kept = Object.assign(
      {},
      ...dialects.map(([, attributes]) => filterSpan(spanFor(attributes), opts).attributes),
    ) as Record<string, unknown>;
    expect(kept).toMatchObject({
      "gen_ai.operation.name": "chat",
      "gen_ai.request.model": "gpt-4o-mini",
      "gen_ai.usage.input_tokens": 812,
      "openinference.span.kind": "LLM",
      "llm.model_name": "gpt-4o-mini",
      "llm.token_count.prompt": 123,
      "metadata.tenant": "acme",
      "traceloop.span.kind": "workflow",
      "traceloop.association.properties.tenant": "acme",
      "ai.operationId": "ai.generateText.doGenerate",
      "ai.model.id": "claude-sonnet-4-5",
      "ai.usage.inputTokens": 500,
      "ai.telemetry.metadata.tenant": "acme",
      "langfuse.observation.type": "generation",
      "langfuse.observation.usage_details.input": 10,
      "langfuse.observation.cost_details.total": 0.1,
      "langfuse.trace.metadata.plan": "pro",
      "app.customer_tier": "gold",
    });
    expect(kept["user.id"]).toMatch(/^u_[0-9a-f]{32}$/);
    const resource = filterResource(spanFor({}).resource, opts);
    expect(resource.attributes).toEqual({ "service.name": "billing-agent", "telemetry.sdk.version": "2.12.0" });
  });

  it("keeps the allowlisted event skeletons only", () => {
    const filtered = filterSpan(spanFor({}), opts);
    expect(filtered.events.map((e) => [e.name, e.attributes])).toEqual([
      ["gen_ai.evaluation.result", {}],
      ["exception", { "exception.type": "APIError" }],
      ["ai.stream.firstChunk", {}],
    ]);
    expect(filtered.droppedKeys["event:*"]).toBe(2);
  });
});
