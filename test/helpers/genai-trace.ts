// A small GenAI agent trace produced live by the OTel JS SDK: an invoke_agent
// root, a priced chat call, a tool call and a failed chat call, with content
// attributes (CANARY) that Skein must drop.
import { SpanKind, SpanStatusCode, context, trace, type HrTime } from "@opentelemetry/api";
import type { ExportResult } from "@opentelemetry/core";
import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  BatchSpanProcessor,
  SimpleSpanProcessor,
  TracerProvider,
  type ReadableSpan,
  type SpanExporter,
} from "@opentelemetry/sdk-trace";

export const CANARY = "CANARY-otel-exporter-7f3e";

/** Passes spans on and remembers every span handed over and every export result. */
export class RecordingExporter implements SpanExporter {
  readonly spans: ReadableSpan[] = [];
  readonly results: ExportResult[] = [];
  constructor(private readonly inner: SpanExporter) {}

  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    this.spans.push(...spans);
    this.inner.export(spans, (result) => {
      this.results.push(result);
      done(result);
    });
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}

export type ProcessorKind = "simple" | "batch";

export function providerFor(exporter: SpanExporter, processor: ProcessorKind, serviceName: string): TracerProvider {
  return new TracerProvider({
    resource: resourceFromAttributes({ "service.name": serviceName, "deployment.environment.name": "ci" }),
    spanProcessors: [
      processor === "simple"
        ? new SimpleSpanProcessor({ exporter })
        : new BatchSpanProcessor({ exporter, scheduledDelayMillis: 50 }),
    ],
  });
}

export const CHAT_USAGE = { input: 812, output: 95 } as const;

/** [s, ns] at `baseSec` + offset nanoseconds (odd nanoseconds exercise µs truncation). */
export const at = (baseSec: number, offsetNs: number): HrTime => [
  baseSec + Math.floor(offsetNs / 1e9),
  offsetNs % 1e9,
];

/** Emits the agent trace; returns its trace id. Times are explicit, relative to baseSec. */
export function emitAgentTrace(provider: TracerProvider, baseSec: number): string {
  const tracer = provider.getTracer("skein-genai-test", "2.3.4");
  const root = tracer.startSpan("invoke_agent support-bot", {
    kind: SpanKind.INTERNAL,
    startTime: at(baseSec, 123_456_789),
    attributes: {
      "gen_ai.operation.name": "invoke_agent",
      "gen_ai.agent.name": "support-bot",
      "gen_ai.conversation.id": "conv-42",
      "app.tenant": "acme-corp",
      "gen_ai.input.messages": `[{"role":"user","content":"${CANARY} my password is hunter2"}]`,
    },
  });
  const ctx = trace.setSpan(context.active(), root);

  const chat = tracer.startSpan(
    "chat gpt-4o-mini",
    {
      kind: SpanKind.CLIENT,
      startTime: at(baseSec, 200_000_001),
      attributes: {
        "gen_ai.operation.name": "chat",
        "gen_ai.provider.name": "openai",
        "gen_ai.request.model": "gpt-4o-mini",
        "gen_ai.response.model": "gpt-4o-mini-2024-07-18",
        "gen_ai.usage.input_tokens": CHAT_USAGE.input,
        "gen_ai.usage.output_tokens": CHAT_USAGE.output,
        "gen_ai.request.temperature": 0.25,
        "gen_ai.request.max_tokens": 512,
        "gen_ai.request.stream": false,
        "gen_ai.response.finish_reasons": ["stop"],
        "custom.retry.count": 3,
        "custom.ratio": 0.5,
        "custom.cached": true,
        "custom.scores": [1, 2, 3],
        "gen_ai.input.messages": `[{"role":"user","content":"${CANARY} what is the weather"}]`,
        "gen_ai.output.messages": `[{"role":"assistant","content":"${CANARY} sunny"}]`,
      },
    },
    ctx,
  );
  chat.addEvent("gen_ai.content.completion", { "gen_ai.completion": `${CANARY} sunny` }, at(baseSec, 300_000_000));
  chat.end(at(baseSec, 1_450_000_999));

  const tool = tracer.startSpan(
    "execute_tool get_weather",
    {
      kind: SpanKind.INTERNAL,
      startTime: at(baseSec, 1_500_000_500),
      attributes: {
        "gen_ai.operation.name": "execute_tool",
        "gen_ai.tool.name": "get_weather",
        "gen_ai.tool.call.arguments": `{"city":"${CANARY}"}`,
      },
    },
    ctx,
  );
  tool.end(at(baseSec, 1_700_000_000));

  const failed = tracer.startSpan(
    "chat gpt-4o-mini",
    {
      kind: SpanKind.CLIENT,
      startTime: at(baseSec, 1_800_000_007),
      attributes: {
        "gen_ai.operation.name": "chat",
        "gen_ai.provider.name": "openai",
        "gen_ai.request.model": "gpt-4o-mini",
        "error.type": "timeout",
      },
    },
    ctx,
  );
  failed.recordException({ name: "TimeoutError", message: `${CANARY} request timed out` }, at(baseSec, 2_800_000_000));
  failed.setStatus({ code: SpanStatusCode.ERROR, message: `${CANARY} upstream timed out` });
  failed.end(at(baseSec, 2_800_000_001));

  root.end(at(baseSec, 3_000_000_000));
  return root.spanContext().traceId;
}

/** HrTime → Unix nanoseconds, exactly. */
export function hrToNs(t: HrTime): bigint {
  return BigInt(t[0]) * 1_000_000_000n + BigInt(t[1]);
}

/** Unix nanoseconds → ISO-8601 with microseconds (what timestamptz keeps), computed independently of lib/. */
export function nsToIsoMicros(ns: bigint): string {
  const seconds = ns / 1_000_000_000n;
  const micros = (ns % 1_000_000_000n) / 1000n;
  const iso = new Date(Number(seconds) * 1000).toISOString().slice(0, 19);
  return `${iso}.${micros.toString().padStart(6, "0")}Z`;
}
