// One OTLP request with a unique canary in every content position the five
// dialects use (docs/semconv.md B4, C–F, 2.3), next to legitimate metadata that
// must be kept. `canary(position)` returns a fresh identifier-shaped marker.
import { randomBytes } from "node:crypto";
import type { ModelAttributes, ModelRequest, ModelSpan } from "./otlp-model";

export type MakeCanary = (position: string) => string;

const hex = (bytes: number) => randomBytes(bytes).toString("hex");
const kv = (attributes: ModelAttributes): ModelAttributes => attributes;

/** What the legitimate data next to the canaries must turn into. */
export const LEGIT = {
  serviceName: "support-agent",
  environment: "prod",
  scopeName: "support-agent-tracer",
  agentName: "support-bot",
  tenant: "acme",
  plan: "pro",
  exceptionType: "ValueError",
  /** span name → model, provider and tokens it must yield. */
  llmSpans: {
    "chat gpt-4o-mini": { model: "gpt-4o-mini", provider: "openai", input: 812, output: 95 },
    "chat claude-sonnet-4-5": { model: "claude-sonnet-4-5", provider: "anthropic", input: 300, output: 40 },
    "openinference llm": { model: "gpt-4o", provider: "openai", input: 123, output: 45 },
    "ai.generateText.doGenerate": { model: "gpt-4.1-mini", provider: "openai", input: 50, output: 10 },
    "langfuse generation": { model: "mistral-large-latest", provider: "mistral_ai", input: 20, output: 8 },
  },
} as const;

export interface CanaryRequest {
  request: ModelRequest;
  rootSpanId: string;
}

export function buildCanaryRequest(canary: MakeCanary, nowNs: bigint): CanaryRequest {
  const traceId = hex(16);
  const rootSpanId = hex(8);
  /** Prose around the canary: whitespace makes metadata filters reject it on shape. */
  const prose = (position: string) => `${canary(position)} what is the refund policy`;
  let offset = 0n;
  const span = (fields: Partial<ModelSpan> & Pick<ModelSpan, "name" | "attributes">): ModelSpan => {
    offset += 1_000_000n;
    return {
      spanId: hex(8),
      parentSpanId: rootSpanId,
      kind: 1,
      startNs: nowNs + offset,
      endNs: nowNs + offset + 500_000_000n,
      traceState: "",
      events: [],
      links: [],
      status: { code: 0, message: "" },
      ...fields,
    };
  };

  const root = span({
    spanId: rootSpanId,
    parentSpanId: null,
    name: `invoke_agent ${LEGIT.agentName}`,
    traceState: `skein=${canary("span traceState")}`,
    status: { code: 2, message: canary("status.message") },
    attributes: {
      "gen_ai.operation.name": "invoke_agent",
      "gen_ai.agent.name": LEGIT.agentName,
      "ai.telemetry.metadata.tenant": LEGIT.tenant,
      "app.plan": LEGIT.plan,
      "custom.retries": 3,
      "db.query.text": `select * from orders where note = '${canary("db.query.text")}'`,
      "url.full": `https://api.example.test/search?q=${canary("url.full query")}`,
      "http.request.header.authorization": [`Bearer ${canary("http.request.header.authorization")}`],
      "user.id": canary("user.id (pseudonymized)"),
      "custom.big": (() => {
        const c = canary("1 MB string under an unknown key");
        return `${c}${"x".repeat(1024 * 1024)}${c}`;
      })(),
      "ai.telemetry.metadata.note": `first line\n${canary("ai.telemetry.metadata.note (newline)")}`,
      "custom.nested": kv({ l1: kv({ l2: kv({ l3: kv({ l4: kv({ l5: canary("kvlist 5 levels deep") }) }) }) }) }),
      "custom.tags": ["ok", canary("array of strings")],
      "custom.blob": new Uint8Array(Buffer.from(canary("bytesValue"), "utf8")),
      "app.question": prose("app.question (tenant prefix, prose)"),
    },
    events: [
      {
        name: "exception",
        timeNs: nowNs + 2_000_000n,
        attributes: {
          "exception.type": LEGIT.exceptionType,
          "exception.message": canary("exception.message"),
          "exception.stacktrace": `Traceback (most recent call last):\n  File "agent.py", line 3\n${canary("exception.stacktrace")}`,
          "exception.escaped": false,
        },
      },
      {
        name: "gen_ai.user.message",
        timeNs: nowNs + 3_000_000n,
        attributes: { content: canary("event gen_ai.user.message content"), "gen_ai.prompt": canary("event gen_ai.user.message gen_ai.prompt") },
      },
    ],
    links: [
      {
        traceId: hex(16),
        spanId: hex(8),
        traceState: `skein=${canary("link traceState")}`,
        attributes: { "link.note": canary("link attribute"), "link.ctx": kv({ q: canary("link kvlist attribute") }) },
      },
    ],
  });

  const genAiStrings = span({
    name: "chat gpt-4o-mini",
    kind: 3,
    attributes: {
      "gen_ai.operation.name": "chat",
      "gen_ai.provider.name": "openai",
      "gen_ai.request.model": "gpt-4o-mini",
      "gen_ai.usage.input_tokens": 812,
      "gen_ai.usage.output_tokens": 95,
      "gen_ai.response.finish_reasons": ["stop"],
      "gen_ai.input.messages": JSON.stringify([
        { role: "user", parts: [{ type: "text", content: canary("gen_ai.input.messages (JSON string)") }] },
      ]),
      "gen_ai.output.messages": JSON.stringify([
        { role: "assistant", parts: [{ type: "text", content: canary("gen_ai.output.messages (JSON string)") }] },
      ]),
      "gen_ai.system_instructions": JSON.stringify([{ type: "text", content: canary("gen_ai.system_instructions (JSON string)") }]),
      "gen_ai.tool.call.arguments": JSON.stringify({ query: canary("gen_ai.tool.call.arguments (JSON string)") }),
      "gen_ai.tool.call.result": JSON.stringify({ answer: canary("gen_ai.tool.call.result (JSON string)") }),
      "gen_ai.prompt.0.role": "user",
      "gen_ai.prompt.0.content": canary("gen_ai.prompt.0.content"),
      "gen_ai.completion.0.content": canary("gen_ai.completion.0.content"),
    },
  });

  const genAiStructured = span({
    name: "chat claude-sonnet-4-5",
    kind: 3,
    attributes: {
      "gen_ai.operation.name": "chat",
      "gen_ai.provider.name": "anthropic",
      "gen_ai.request.model": "claude-sonnet-4-5",
      "gen_ai.usage.input_tokens": 300,
      "gen_ai.usage.output_tokens": 40,
      "gen_ai.input.messages": [
        kv({ role: "user", parts: [kv({ type: "text", content: canary("gen_ai.input.messages (structured)") })] }),
      ],
      "gen_ai.output.messages": [
        kv({ role: "assistant", parts: [kv({ type: "text", content: canary("gen_ai.output.messages (structured)") })] }),
      ],
      "gen_ai.system_instructions": [kv({ type: "text", content: canary("gen_ai.system_instructions (structured)") })],
      "gen_ai.tool.call.arguments": kv({ query: canary("gen_ai.tool.call.arguments (kvlist)") }),
      "gen_ai.tool.call.result": kv({ answer: canary("gen_ai.tool.call.result (kvlist)") }),
    },
  });

  const openInference = span({
    name: "openinference llm",
    attributes: {
      "openinference.span.kind": "LLM",
      "llm.provider": "openai",
      "llm.model_name": "gpt-4o",
      "llm.token_count.prompt": 123,
      "llm.token_count.completion": 45,
      "input.value": canary("input.value"),
      "output.value": JSON.stringify({ answer: canary("output.value") }),
      "llm.input_messages.0.message.role": "user",
      "llm.input_messages.0.message.content": canary("llm.input_messages.0.message.content"),
      "llm.invocation_parameters": JSON.stringify({ model: "gpt-4o", temperature: 0.2, user: canary("llm.invocation_parameters") }),
      metadata: JSON.stringify({ tenant: LEGIT.tenant, question: prose("metadata JSON (prose)") }),
      "retrieval.documents.0.document.content": canary("retrieval.documents.0.document.content"),
    },
  });

  const traceloop = span({
    name: "summarize.task",
    attributes: {
      "traceloop.span.kind": "task",
      "traceloop.entity.name": "summarize",
      "traceloop.entity.input": JSON.stringify({ inputs: { q: canary("traceloop.entity.input") } }),
      "traceloop.entity.output": canary("traceloop.entity.output"),
    },
  });

  const aiSdk = span({
    name: "ai.generateText.doGenerate",
    kind: 3,
    attributes: {
      "ai.operationId": "ai.generateText.doGenerate",
      "ai.model.id": "gpt-4.1-mini",
      "ai.model.provider": "openai.chat",
      "ai.usage.inputTokens": 50,
      "ai.usage.outputTokens": 10,
      "ai.telemetry.metadata.tenant": LEGIT.tenant,
      "ai.prompt": JSON.stringify({ prompt: canary("ai.prompt") }),
      "ai.prompt.messages": JSON.stringify([{ role: "user", content: [{ type: "text", text: canary("ai.prompt.messages") }] }]),
      "ai.response.text": canary("ai.response.text"),
      "ai.toolCall.args": JSON.stringify({ city: canary("ai.toolCall.args") }),
      "ai.response.providerMetadata": JSON.stringify({
        openai: { cachedPromptTokens: 0, note: canary("ai.response.providerMetadata (string leaf)") },
      }),
      "ai.request.headers.authorization": `Bearer ${canary("ai.request.headers.authorization")}`,
    },
  });

  const langfuse = span({
    name: "langfuse generation",
    attributes: {
      "langfuse.observation.type": "generation",
      "langfuse.observation.model.name": "mistral-large-latest",
      "gen_ai.provider.name": "mistral_ai",
      "langfuse.observation.input": JSON.stringify([{ role: "user", content: canary("langfuse.observation.input") }]),
      "langfuse.observation.output": canary("langfuse.observation.output"),
      "langfuse.observation.status_message": canary("langfuse.observation.status_message"),
      "langfuse.observation.usage_details": JSON.stringify({ input: 20, output: 8, note: canary("usage_details (string leaf)") }),
    },
  });

  return {
    rootSpanId,
    request: {
      traceId,
      resource: {
        "service.name": LEGIT.serviceName,
        "deployment.environment.name": LEGIT.environment,
        "process.command_line": `node agent.js --api-key ${canary("resource process.command_line")}`,
        "process.command_args": ["node", "agent.js", canary("resource process.command_args")],
        "process.env.OPENAI_API_KEY": canary("resource key containing .env."),
        "host.name": canary("resource host.name"),
      },
      scope: {
        name: LEGIT.scopeName,
        version: "1.0.0",
        attributes: { "scope.secret": canary("scope attribute"), "scope.note": prose("scope attribute (prose)") },
      },
      spans: [root, genAiStrings, genAiStructured, openInference, traceloop, aiSdk, langfuse],
    },
  };
}
