// Throwaway timing of the OTLP decoders on 1000-span requests built by the OTel JS SDK.
// Run: npx tsx bench/decode.ts   (prints spans/s and ratios against protobufjs decode alone)
import zlib from "node:zlib";
import { JsonTraceSerializer, ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from "@opentelemetry/sdk-trace";
import { readOtlpBody } from "../lib/otlp/body";
import { decodeJson } from "../lib/otlp/decode-json";
import { decodeProtobuf } from "../lib/otlp/decode-protobuf";
import { ExportTraceServiceRequestType } from "../lib/otlp/trace-schema";

const SPANS = 1000;
const ROUNDS = Number(process.env.ROUNDS ?? 100);

function buildSpans() {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ "service.name": "bench", "host.name": "h1", "telemetry.sdk.language": "nodejs" }),
    spanProcessors: [new SimpleSpanProcessor({ exporter })],
  });
  const tracer = provider.getTracer("bench", "1.0.0");
  for (let i = 0; i < SPANS; i++) {
    const span = tracer.startSpan(`chat gpt-4o-mini ${i % 7}`, {
      attributes: {
        "gen_ai.operation.name": "chat",
        "gen_ai.provider.name": "openai",
        "gen_ai.request.model": "gpt-4o-mini",
        "gen_ai.response.model": "gpt-4o-mini-2024-07-18",
        "gen_ai.usage.input_tokens": 812 + i,
        "gen_ai.usage.output_tokens": 95,
        "gen_ai.request.temperature": 0.2,
        "gen_ai.response.finish_reasons": ["stop"],
        "gen_ai.input.messages": `[{"role":"user","parts":[{"type":"text","content":"prompt number ${i} with some text"}]}]`,
        "server.address": "api.openai.com",
      },
    });
    span.addEvent("gen_ai.client.inference.operation.details", { "gen_ai.output.type": "text" });
    span.end();
  }
  return exporter.getFinishedSpans();
}

function time(label: string, run: () => number, baselineMs?: number): number {
  for (let i = 0; i < 10; i++) run(); // warm up
  const start = process.hrtime.bigint();
  let spans = 0;
  for (let i = 0; i < ROUNDS; i++) spans += run();
  const ms = Number(process.hrtime.bigint() - start) / 1e6 / ROUNDS;
  const rate = Math.round((spans / ROUNDS / ms) * 1000);
  const ratio = baselineMs ? ` ×${(ms / baselineMs).toFixed(2)} vs baseline` : " (baseline)";
  console.log(`${label.padEnd(42)} ${ms.toFixed(2).padStart(7)} ms/request ${String(rate).padStart(8)} spans/s${ratio}`);
  return ms;
}

const spans = buildSpans();
const pb = Buffer.from(ProtobufTraceSerializer.serializeRequest(spans)!);
const json = Buffer.from(JsonTraceSerializer.serializeRequest(spans)!);
const pbGzip = zlib.gzipSync(pb);
console.log(`request: ${SPANS} spans, protobuf ${pb.length} B (gzip ${pbGzip.length} B), JSON ${json.length} B`);

const base = time("protobufjs decode only (no walk)", () => {
  const m = ExportTraceServiceRequestType.decode(pb) as unknown as { resourceSpans: unknown[] };
  return m.resourceSpans.length ? SPANS : 0;
});
time("protobufjs decode + toObject (rejected)", () => {
  const m = ExportTraceServiceRequestType.decode(pb);
  ExportTraceServiceRequestType.toObject(m, { longs: String, bytes: String });
  return SPANS;
}, base);
time("decodeProtobuf", () => decodeProtobuf(pb).spans.length, base);
time("readOtlpBody protobuf + gzip", () => {
  const body = readOtlpBody({ body: pbGzip, contentType: "application/x-protobuf", contentEncoding: "gzip", maxBytes: 64 << 20 });
  return body.decoded.spans.length;
}, base);
time("decodeJson", () => decodeJson(json).spans.length, base);
