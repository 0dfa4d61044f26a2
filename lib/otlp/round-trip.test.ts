import { SpanKind, SpanStatusCode, context, trace } from "@opentelemetry/api";
import { JsonTraceSerializer, ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor, TracerProvider } from "@opentelemetry/sdk-trace";
import { beforeAll, describe, expect, it } from "vitest";
import { decodeJson } from "./decode-json";
import { decodeProtobuf } from "./decode-protobuf";
import type { DecodedRequest, OtlpSpan } from "./types";

// Requests built by the OTel JS SDK's own serializers must decode back exactly.

const ns = (seconds: number, nanos: number) => BigInt(seconds) * BigInt(1e9) + BigInt(nanos);

let finished: ReadableSpan[];

beforeAll(async () => {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ "service.name": "round-trip", "service.instance.count": 3 }),
    spanProcessors: [new SimpleSpanProcessor({ exporter })],
  });
  const tracer = provider.getTracer("skein-test", "1.2.3");
  const parent = tracer.startSpan("invoke_agent", { kind: SpanKind.SERVER, startTime: [1795432761, 123456789] });
  const child = tracer.startSpan(
    "chat gpt-4o-mini",
    {
      kind: SpanKind.CLIENT,
      startTime: [1795432761, 200000001],
      attributes: {
        "a.string": "hello",
        "a.int": 42,
        "a.negative": -7,
        "a.large": 2 ** 40,
        "a.double": 1.5,
        "a.bool": true,
        "a.false": false,
        "a.strings": ["x", "y"],
        "a.ints": [1, 2, 3],
        "a.doubles": [0.5, 2.25],
        "a.bools": [true, false],
      },
      links: [{ context: parent.spanContext(), attributes: { "link.kind": "follows" } }],
    },
    trace.setSpan(context.active(), parent),
  );
  child.addEvent("gen_ai.choice", { "event.index": 0 }, [1795432761, 300000003]);
  child.setStatus({ code: SpanStatusCode.ERROR, message: "upstream 503" });
  child.end([1795432761, 400000004]);
  parent.setStatus({ code: SpanStatusCode.OK });
  parent.end([1795432762, 5]);
  await provider.forceFlush();
  finished = exporter.getFinishedSpans();
  await provider.shutdown();
});

function expectExact(decoded: DecodedRequest) {
  expect(decoded.rejectedSpans).toBe(0);
  expect(decoded.spans).toHaveLength(2);
  const byName = new Map<string, OtlpSpan>(decoded.spans.map((s) => [s.name, s]));
  const parentSdk = finished.find((s) => s.name === "invoke_agent")!;
  const childSdk = finished.find((s) => s.name === "chat gpt-4o-mini")!;
  const parent = byName.get("invoke_agent")!;
  const child = byName.get("chat gpt-4o-mini")!;

  expect(parent.traceId).toBe(parentSdk.spanContext().traceId);
  expect(parent.spanId).toBe(parentSdk.spanContext().spanId);
  expect(parent.parentSpanId).toBeNull();
  expect(parent.kind).toBe(2); // proto SERVER = API SERVER + 1
  expect(parent.startTimeUnixNano).toBe(ns(1795432761, 123456789));
  expect(parent.endTimeUnixNano).toBe(ns(1795432762, 5));
  expect(parent.status).toEqual({ code: 1, message: "" });

  expect(child.traceId).toBe(parent.traceId);
  expect(child.spanId).toBe(childSdk.spanContext().spanId);
  expect(child.parentSpanId).toBe(parent.spanId);
  expect(child.kind).toBe(3);
  expect(child.flags & 0xff).toBe(1);
  expect(child.startTimeUnixNano).toBe(ns(1795432761, 200000001));
  expect(child.endTimeUnixNano).toBe(ns(1795432761, 400000004));
  expect(child.attributes).toEqual({
    "a.string": "hello",
    "a.int": 42,
    "a.negative": -7,
    "a.large": 2 ** 40,
    "a.double": 1.5,
    "a.bool": true,
    "a.false": false,
    "a.strings": ["x", "y"],
    "a.ints": [1, 2, 3],
    "a.doubles": [0.5, 2.25],
    "a.bools": [true, false],
  });
  expect(child.events).toEqual([
    { timeUnixNano: ns(1795432761, 300000003), name: "gen_ai.choice", attributes: { "event.index": 0 } },
  ]);
  expect(child.links).toEqual([{ traceId: parent.traceId, spanId: parent.spanId, flags: expect.any(Number) }]);
  expect(child.links[0]!.flags & 0xff).toBe(1);
  expect(child.status).toEqual({ code: 2, message: "upstream 503" });
  expect(child.scope).toEqual({ name: "skein-test", version: "1.2.3", attributes: {} });
  expect(child.resource.attributes).toMatchObject({ "service.name": "round-trip", "service.instance.count": 3 });
  expect(child.resource).toBe(parent.resource);
}

describe("round trip through the OTel JS SDK serializers", () => {
  it("protobuf (exporter-trace-otlp-proto) decodes back exactly", () => {
    const bytes = ProtobufTraceSerializer.serializeRequest(finished)!;
    expectExact(decodeProtobuf(Buffer.from(bytes)));
  });

  it("JSON (exporter-trace-otlp-http) decodes back exactly", () => {
    const bytes = JsonTraceSerializer.serializeRequest(finished)!;
    expectExact(decodeJson(Buffer.from(bytes)));
  });

  it("both encodings give identical spans", () => {
    const pb = decodeProtobuf(Buffer.from(ProtobufTraceSerializer.serializeRequest(finished)!));
    const json = decodeJson(Buffer.from(JsonTraceSerializer.serializeRequest(finished)!));
    expect(json).toEqual(pb);
  });
});
