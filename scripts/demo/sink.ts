import type { Tracer } from "@opentelemetry/api";
import { OTLPTraceExporter as JsonTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { OTLPTraceExporter as ProtobufTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { defaultResource, resourceFromAttributes } from "@opentelemetry/resources";
import { BatchSpanProcessor, TracerProvider, type IdGenerator, type SpanExporter } from "@opentelemetry/sdk-trace";
import { DemoError } from "./errors";
import type { Protocol, ServiceSpec } from "./fleet";
import type { Rng } from "@/lib/prng";

type ExportCallback = Parameters<SpanExporter["export"]>[1];
type ExportResult = Parameters<ExportCallback>[0];

export interface ExportFailure {
  kind: "auth" | "unreachable" | "http" | "other";
  status?: number;
  detail: string;
}

export interface ExportStats {
  exportedSpans: number;
  failedSpans: number;
  requests: Record<Protocol, number>;
  failure: ExportFailure | null;
}

const NETWORK_ERRORS = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "ETIMEDOUT", "EPIPE"]);

/** Turns an exporter error into a category; only status codes and error codes, never response bodies. */
export function classifyExportError(error: unknown): ExportFailure {
  if (typeof error === "object" && error !== null && "code" in error) {
    const { code } = error as { code: unknown };
    if (code === 401 || code === 403) return { kind: "auth", status: code, detail: `HTTP ${code}` };
    if (typeof code === "number") return { kind: "http", status: code, detail: `HTTP ${code}` };
    if (typeof code === "string" && NETWORK_ERRORS.has(code)) return { kind: "unreachable", detail: code };
  }
  const name = error instanceof Error ? error.name : "unknown error";
  // Retryable failures (timeouts, 429/503 after all retries) arrive as generic errors.
  if (error instanceof Error && /timed out|retryable/i.test(error.message)) return { kind: "unreachable", detail: error.message };
  return { kind: "other", detail: name };
}

/** Wraps an OTLP exporter to count what Skein acknowledged, so no span can go missing unnoticed. */
class CountingExporter implements SpanExporter {
  constructor(
    private readonly inner: SpanExporter,
    private readonly protocol: Protocol,
    private readonly stats: ExportStats,
  ) {}

  export(spans: Parameters<SpanExporter["export"]>[0], done: ExportCallback): void {
    this.inner.export(spans, (result: ExportResult) => {
      // ExportResultCode.SUCCESS is 0 (@opentelemetry/core, not a direct dependency).
      if (result.code === 0) {
        this.stats.exportedSpans += spans.length;
        this.stats.requests[this.protocol] += 1;
      } else {
        this.stats.failedSpans += spans.length;
        this.stats.failure ??= classifyExportError(result.error);
      }
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

/** Trace and span ids from the seeded stream, so a seed reproduces the same ids. */
export function seededIdGenerator(rng: Rng): IdGenerator {
  const nonZero = (length: number): string => {
    const id = rng.hex(length);
    return /^0+$/.test(id) ? `${id.slice(0, -1)}1` : id;
  };
  return { generateTraceId: () => nonZero(32), generateSpanId: () => nonZero(16) };
}

export interface SinkOptions {
  /** Full ingest URL, e.g. http://localhost:3000/v1/traces. */
  tracesUrl: string;
  key: string;
  idGenerator: IdGenerator;
}

export interface FleetSink {
  tracer(service: ServiceSpec): Tracer;
  /** Exports everything queued; throws a DemoError if any export failed. */
  flush(): Promise<void>;
  shutdown(): Promise<void>;
  readonly stats: ExportStats;
}

function failureError(failure: ExportFailure, tracesUrl: string): DemoError {
  if (failure.kind === "auth") return new DemoError("auth", `Skein rejected the ingest key (${failure.detail}) at ${tracesUrl}. Check SKEIN_INGEST_KEY or --key.`);
  if (failure.kind === "unreachable") return new DemoError("unreachable", `Skein at ${tracesUrl} stopped answering (${failure.detail}).`);
  return new DemoError("export", `Exporting spans to ${tracesUrl} failed (${failure.detail}).`);
}

export function createFleetSink(services: readonly ServiceSpec[], options: SinkOptions): FleetSink {
  const stats: ExportStats = { exportedSpans: 0, failedSpans: 0, requests: { protobuf: 0, json: 0 }, failure: null };
  const providers = new Map<string, TracerProvider>();
  const tracers = new Map<string, Tracer>();

  for (const service of services) {
    const exporterConfig = { url: options.tracesUrl, headers: { Authorization: `Bearer ${options.key}` }, timeoutMillis: 15_000 };
    const exporter = service.protocol === "protobuf" ? new ProtobufTraceExporter(exporterConfig) : new JsonTraceExporter(exporterConfig);
    const resource = defaultResource().merge(
      resourceFromAttributes({
        "service.name": service.serviceName,
        "service.version": service.version,
        "service.namespace": "acme-agents",
        "deployment.environment.name": service.environment,
        ...service.resource,
      }),
    );
    const provider = new TracerProvider({
      resource,
      idGenerator: options.idGenerator,
      spanProcessors: [
        new BatchSpanProcessor({
          exporter: new CountingExporter(exporter, service.protocol, stats),
          maxExportBatchSize: 512,
          // Large enough that backfill never hits it: run-demo flushes every few thousand spans.
          maxQueueSize: 100_000,
          scheduledDelayMillis: 1000,
        }),
      ],
    });
    providers.set(service.serviceName, provider);
    tracers.set(service.serviceName, provider.getTracer(service.scope.name, service.scope.version));
  }

  const throwIfFailed = (): void => {
    if (stats.failure !== null) throw failureError(stats.failure, options.tracesUrl);
  };

  return {
    stats,
    tracer(service) {
      const tracer = tracers.get(service.serviceName);
      if (tracer === undefined) throw new Error(`no tracer for service ${service.serviceName}`);
      return tracer;
    },
    async flush() {
      const results = await Promise.allSettled([...providers.values()].map((provider) => provider.forceFlush()));
      throwIfFailed();
      if (results.some((result) => result.status === "rejected")) throw new DemoError("export", `Flushing spans to ${options.tracesUrl} failed or timed out.`);
    },
    async shutdown() {
      await Promise.allSettled([...providers.values()].map((provider) => provider.shutdown()));
    },
  };
}
