import Long from "long";
import protobuf from "protobufjs";

// protobufjs finds `long` with a bare require, which bundlers may resolve to a module
// namespace; without it fixed64 would decode to lossy numbers. Wire it explicitly.
if (protobuf.util.Long !== Long) {
  protobuf.util.Long = Long as unknown as typeof protobuf.util.Long;
  protobuf.configure();
}

// Our own protobufjs JSON descriptor of the OTLP trace messages we read and write.
// Field numbers and wire types are protocol facts from the OTLP specification
// (trace.proto, common.proto, resource.proto, trace_service.proto) and google.rpc.Status.
// SpanKind and StatusCode are plain int32 on the wire (what an enum is), so unknown
// values reach our own validation.

type FieldDescriptor = { type: string; id: number; rule?: "repeated" };
type Fields = Record<string, FieldDescriptor>;
type Oneofs = Record<string, { oneof: string[] }>;

const one = (type: string, id: number): FieldDescriptor => ({ type, id });
const many = (type: string, id: number): FieldDescriptor => ({ type, id, rule: "repeated" });

// proto3 would check UTF-8 in slow JS; "NONE" lets protobufjs use Buffer#utf8Slice
// (invalid bytes become U+FFFD instead of failing the whole request).
const message = (fields: Fields, oneofs?: Oneofs) => ({
  options: { features: { utf8_validation: "NONE" } },
  fields,
  ...(oneofs ? { oneofs } : {}),
});

const COMMON = "opentelemetry.proto.common.v1";
const KEY_VALUE = `${COMMON}.KeyValue`;

const commonV1 = {
  AnyValue: message(
    {
      stringValue: one("string", 1),
      boolValue: one("bool", 2),
      intValue: one("int64", 3),
      doubleValue: one("double", 4),
      arrayValue: one("ArrayValue", 5),
      kvlistValue: one("KeyValueList", 6),
      bytesValue: one("bytes", 7),
      // 8 (string_value_strindex) is Profiles-only: left out, so it decodes as the empty value.
    },
    {
      value: {
        oneof: ["stringValue", "boolValue", "intValue", "doubleValue", "arrayValue", "kvlistValue", "bytesValue"],
      },
    },
  ),
  ArrayValue: message({ values: many("AnyValue", 1) }),
  KeyValueList: message({ values: many("KeyValue", 1) }),
  KeyValue: message({ key: one("string", 1), value: one("AnyValue", 2) }),
  InstrumentationScope: message({
    name: one("string", 1),
    version: one("string", 2),
    attributes: many("KeyValue", 3),
    droppedAttributesCount: one("uint32", 4),
  }),
};

const resourceV1 = {
  Resource: message({
    attributes: many(KEY_VALUE, 1),
    droppedAttributesCount: one("uint32", 2),
  }),
};

const traceV1 = {
  ResourceSpans: message({
    resource: one("opentelemetry.proto.resource.v1.Resource", 1),
    scopeSpans: many("ScopeSpans", 2),
    schemaUrl: one("string", 3),
  }),
  ScopeSpans: message({
    scope: one(`${COMMON}.InstrumentationScope`, 1),
    spans: many("Span", 2),
    schemaUrl: one("string", 3),
  }),
  Span: message({
    traceId: one("bytes", 1),
    spanId: one("bytes", 2),
    traceState: one("string", 3),
    parentSpanId: one("bytes", 4),
    name: one("string", 5),
    kind: one("int32", 6),
    startTimeUnixNano: one("fixed64", 7),
    endTimeUnixNano: one("fixed64", 8),
    attributes: many(KEY_VALUE, 9),
    droppedAttributesCount: one("uint32", 10),
    events: many("Event", 11),
    droppedEventsCount: one("uint32", 12),
    links: many("Link", 13),
    droppedLinksCount: one("uint32", 14),
    status: one("Status", 15),
    flags: one("fixed32", 16),
  }),
  Event: message({
    timeUnixNano: one("fixed64", 1),
    name: one("string", 2),
    attributes: many(KEY_VALUE, 3),
    droppedAttributesCount: one("uint32", 4),
  }),
  Link: message({
    traceId: one("bytes", 1),
    spanId: one("bytes", 2),
    traceState: one("string", 3),
    attributes: many(KEY_VALUE, 4),
    droppedAttributesCount: one("uint32", 5),
    flags: one("fixed32", 6),
  }),
  // Field 1 is reserved by the spec.
  Status: message({ message: one("string", 2), code: one("int32", 3) }),
};

const collectorTraceV1 = {
  ExportTraceServiceRequest: message({
    resourceSpans: many("opentelemetry.proto.trace.v1.ResourceSpans", 1),
  }),
  ExportTraceServiceResponse: message({ partialSuccess: one("ExportTracePartialSuccess", 1) }),
  ExportTracePartialSuccess: message({
    rejectedSpans: one("int64", 1),
    errorMessage: one("string", 2),
  }),
};

// `details` (3, repeated google.protobuf.Any) is omitted: we never send it.
const googleRpc = {
  Status: message({ code: one("int32", 1), message: one("string", 2) }),
};

/** The descriptor handed to `protobuf.Root.fromJSON`. */
export const otlpTraceDescriptor = {
  nested: {
    opentelemetry: {
      nested: {
        proto: {
          nested: {
            common: { nested: { v1: { nested: commonV1 } } },
            resource: { nested: { v1: { nested: resourceV1 } } },
            trace: { nested: { v1: { nested: traceV1 } } },
            collector: { nested: { trace: { nested: { v1: { nested: collectorTraceV1 } } } } },
          },
        },
      },
    },
    google: { nested: { rpc: { nested: googleRpc } } },
  },
};

const root = protobuf.Root.fromJSON(otlpTraceDescriptor);

export const ExportTraceServiceRequestType = root.lookupType(
  "opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest",
);
export const ExportTraceServiceResponseType = root.lookupType(
  "opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse",
);
export const RpcStatusType = root.lookupType("google.rpc.Status");
