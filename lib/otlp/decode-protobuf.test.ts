import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { decodeProtobuf } from "./decode-protobuf";
import { OtlpDecodeError } from "./errors";
import { RejectReason } from "./span-rules";
import { ExportTraceServiceRequestType as Request } from "./trace-schema";

const FIXTURES = path.resolve(__dirname, "../../../shared/fixtures/otlp");
const TRACE = "0af7651916cd43dd8448eb211c80319c";
const SPAN = "b7ad6b7169203331";
const PARENT = "00f067aa0ba902b7";
const hex = (h: string) => Buffer.from(h, "hex");

type Obj = Record<string, unknown>;
const encode = (request: Obj) => Buffer.from(Request.encode(Request.fromObject(request)).finish());
const requestWith = (spans: Obj[], resource?: Obj, scope?: Obj) =>
  encode({ resourceSpans: [{ resource, scopeSpans: [{ scope, spans }] }] });
const span = (fields: Obj = {}): Obj => ({ traceId: hex(TRACE), spanId: hex(SPAN), name: "op", ...fields });
const attr = (key: string, value: Obj) => ({ key, value });

describe("decodeProtobuf", () => {
  it("maps every span field", () => {
    const decoded = decodeProtobuf(
      requestWith(
        [
          span({
            parentSpanId: hex(PARENT),
            traceState: "vendor=1",
            flags: 0x301,
            kind: 3,
            startTimeUnixNano: "1795432761823000001",
            endTimeUnixNano: "18446744073709551615",
            attributes: [attr("k", { stringValue: "v" })],
            droppedAttributesCount: 2,
            events: [{ timeUnixNano: "1795432761823000002", name: "e", attributes: [attr("n", { intValue: 5 })] }],
            droppedEventsCount: 3,
            links: [{ traceId: hex(TRACE), spanId: hex(PARENT), flags: 1 }],
            droppedLinksCount: 4,
            status: { code: 2, message: "failed" },
          }),
        ],
        { attributes: [attr("service.name", { stringValue: "svc" })] },
        { name: "lib", version: "1.0", attributes: [attr("s", { boolValue: true })] },
      ),
    );
    expect(decoded.rejectedSpans).toBe(0);
    expect(decoded.spans).toEqual([
      {
        traceId: TRACE,
        spanId: SPAN,
        parentSpanId: PARENT,
        traceState: "vendor=1",
        flags: 0x301,
        name: "op",
        kind: 3,
        startTimeUnixNano: BigInt("1795432761823000001"),
        endTimeUnixNano: BigInt("18446744073709551615"),
        attributes: { k: "v" },
        droppedAttributesCount: 2,
        events: [{ timeUnixNano: BigInt("1795432761823000002"), name: "e", attributes: { n: 5 } }],
        droppedEventsCount: 3,
        links: [{ traceId: TRACE, spanId: PARENT, flags: 1 }],
        droppedLinksCount: 4,
        status: { code: 2, message: "failed" },
        resource: { attributes: { "service.name": "svc" } },
        scope: { name: "lib", version: "1.0", attributes: { s: true } },
      },
    ]);
  });

  it("fills proto3 defaults for absent fields", () => {
    const [decoded] = decodeProtobuf(requestWith([{ traceId: hex(TRACE), spanId: hex(SPAN) }])).spans;
    expect(decoded).toEqual({
      traceId: TRACE,
      spanId: SPAN,
      parentSpanId: null,
      traceState: "",
      flags: 0,
      name: "",
      kind: 0,
      startTimeUnixNano: BigInt(0),
      endTimeUnixNano: BigInt(0),
      attributes: {},
      droppedAttributesCount: 0,
      events: [],
      droppedEventsCount: 0,
      links: [],
      droppedLinksCount: 0,
      status: { code: 0, message: "" },
      resource: { attributes: {} },
      scope: { name: "", version: "", attributes: {} },
    });
  });

  it("converts each AnyValue kind", () => {
    const [decoded] = decodeProtobuf(
      requestWith([
        span({
          attributes: [
            attr("str", { stringValue: "" }),
            attr("int", { intValue: "-9007199254740993" }),
            attr("zero", { intValue: 0 }),
            attr("dbl", { doubleValue: 1.5 }),
            attr("nan", { doubleValue: NaN }),
            attr("f", { boolValue: false }),
            attr("bytes", { bytesValue: Buffer.from([1, 2, 255]) }),
            attr("arr", { arrayValue: { values: [{ stringValue: "a" }, { intValue: 2 }, {}] } }),
            attr("kv", { kvlistValue: { values: [attr("inner", { boolValue: true }), attr("nested", {})] } }),
            attr("empty", {}),
            { key: "novalue" },
          ],
        }),
      ]),
    ).spans;
    const a = decoded!.attributes;
    expect(a.str).toBe("");
    expect(a.int).toBe(-9007199254740992); // int64 becomes a JS number (precision beyond 2^53 is lost)
    expect(a.zero).toBe(0);
    expect(a.dbl).toBe(1.5);
    expect(a.nan).toBeNaN();
    expect(a.f).toBe(false);
    expect(a.bytes).toEqual(new Uint8Array([1, 2, 255]));
    expect(Buffer.isBuffer(a.bytes)).toBe(false);
    expect(a.arr).toEqual(["a", 2, null]);
    expect(a.kv).toEqual({ kvlist: { inner: true, nested: null } });
    expect(a.empty).toBeNull();
    expect(a.novalue).toBeNull();
  });

  it("keeps the last of repeated attribute keys and treats __proto__ as a plain key", () => {
    const [decoded] = decodeProtobuf(
      requestWith([
        span({
          attributes: [
            attr("k", { stringValue: "first" }),
            attr("k", { stringValue: "last" }),
            attr("__proto__", { kvlistValue: { values: [attr("polluted", { boolValue: true })] } }),
          ],
        }),
      ]),
    ).spans;
    expect(decoded!.attributes.k).toBe("last");
    expect(Object.keys(decoded!.attributes)).toEqual(["k", "__proto__"]);
    expect((decoded!.attributes as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it("clamps unknown span kinds and status codes to 0", () => {
    const { spans } = decodeProtobuf(
      requestWith([span({ kind: 9, status: { code: 7 } }), span({ kind: -1, status: { code: 1 } }), span({ kind: 5 })]),
    );
    expect(spans.map((s) => [s.kind, s.status.code])).toEqual([
      [0, 0],
      [0, 1],
      [5, 0],
    ]);
  });

  it("rejects spans with bad ids and counts them without content", () => {
    const decoded = decodeProtobuf(
      requestWith([
        span({ name: "ok" }),
        span({ traceId: Buffer.alloc(16) }),
        span({ traceId: hex(SPAN) }),
        span({ traceId: Buffer.alloc(0) }),
        span({ spanId: Buffer.alloc(8) }),
        span({ spanId: hex(TRACE) }),
        span({ parentSpanId: hex("00f067aa") }),
        span({ name: "zero-parent", parentSpanId: Buffer.alloc(8) }),
      ]),
    );
    expect(decoded.spans.map((s) => [s.name, s.parentSpanId])).toEqual([
      ["ok", null],
      ["zero-parent", null],
    ]);
    expect(decoded.rejectedSpans).toBe(6);
    expect(decoded.rejectReasons).toEqual([RejectReason.traceId, RejectReason.spanId, RejectReason.parentSpanId]);
  });

  it("drops links with unusable ids but keeps the span", () => {
    const [decoded] = decodeProtobuf(
      requestWith([
        span({
          links: [
            { traceId: Buffer.alloc(16), spanId: hex(SPAN) },
            { traceId: hex(TRACE), spanId: hex("0102") },
            { traceId: hex(TRACE), spanId: hex(PARENT), flags: 0x100 },
          ],
        }),
      ]),
    ).spans;
    expect(decoded!.links).toEqual([{ traceId: TRACE, spanId: PARENT, flags: 0x100 }]);
  });

  it("shares resource and scope objects per ResourceSpans / ScopeSpans", () => {
    const body = encode({
      resourceSpans: [
        {
          resource: { attributes: [attr("service.name", { stringValue: "a" })] },
          scopeSpans: [{ scope: { name: "s1" }, spans: [span(), span()] }, { scope: { name: "s2" }, spans: [span()] }],
        },
        { scopeSpans: [{ spans: [span()] }] },
      ],
    });
    const [a, b, c, d] = decodeProtobuf(body).spans;
    expect(a!.resource).toBe(b!.resource);
    expect(a!.resource).toBe(c!.resource);
    expect(a!.scope).toBe(b!.scope);
    expect(a!.scope).not.toBe(c!.scope);
    expect(c!.scope.name).toBe("s2");
    expect(d!.resource).not.toBe(a!.resource);
    expect(d!.resource).toEqual({ attributes: {} });
  });

  it("accepts a plain Uint8Array as well as a Buffer", () => {
    const body = requestWith([span()]);
    const copy = new Uint8Array(body);
    expect(decodeProtobuf(copy as Buffer).spans[0]!.traceId).toBe(TRACE);
  });

  it("decodes an empty body as zero spans", () => {
    expect(decodeProtobuf(Buffer.alloc(0))).toEqual({ spans: [], rejectedSpans: 0, rejectReasons: [] });
  });

  it("caps AnyValue nesting at 32 levels", () => {
    let value: Obj = { stringValue: "leaf" };
    for (let i = 0; i < 40; i++) value = { arrayValue: { values: [value] } };
    const [decoded] = decodeProtobuf(requestWith([span({ attributes: [attr("deep", value)] })])).spans;
    let depth = 0;
    let v: unknown = decoded!.attributes.deep;
    while (Array.isArray(v)) {
      depth++;
      v = v[0];
    }
    expect(depth).toBe(32);
    expect(v).toBeNull();
  });

  it("throws OtlpDecodeError on nesting 10 000 levels deep instead of overflowing the stack", () => {
    const keyValue = Buffer.concat([field(1, Buffer.from("deep")), field(2, nestedArrays(10_000))]);
    const spanBytes = Buffer.concat([field(1, hex(TRACE)), field(2, hex(SPAN)), field(9, keyValue)]);
    const body = field(1, field(2, field(2, spanBytes)));
    expect(() => decodeProtobuf(body)).toThrow(OtlpDecodeError);
    const shallow = Buffer.concat([field(1, Buffer.from("deep")), field(2, nestedArrays(3))]);
    const ok = field(1, field(2, field(2, Buffer.concat([field(1, hex(TRACE)), field(2, hex(SPAN)), field(9, shallow)]))));
    expect(decodeProtobuf(ok).spans[0]!.attributes.deep).toEqual([[[null]]]);
  });

  it("throws OtlpDecodeError on garbage bytes", () => {
    const garbage = Buffer.alloc(4096);
    let seed = 12345;
    for (let i = 0; i < garbage.length; i++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      garbage[i] = seed >>> 24;
    }
    expect(() => decodeProtobuf(garbage)).toThrow(OtlpDecodeError);
    expect(() => decodeProtobuf(Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]))).toThrow(OtlpDecodeError);
    expect(() => decodeProtobuf(Buffer.from("SECRET-CANARY is not protobuf"))).toThrow(
      "request body is not a valid OTLP/protobuf ExportTraceServiceRequest",
    );
  });

  it("throws OtlpDecodeError on a truncated fixture", () => {
    const full = fs.readFileSync(path.join(FIXTURES, "genai-agent-failover-0.pb"));
    const half = full.subarray(0, Math.floor(full.length / 2));
    expect(() => decodeProtobuf(half)).toThrow(OtlpDecodeError);
    expect(() => decodeProtobuf(full.subarray(0, full.length - 1))).toThrow(OtlpDecodeError);
  });
});

/** A length-delimited protobuf field. */
function field(id: number, content: Buffer): Buffer {
  return Buffer.concat([varint((id << 3) | 2), varint(content.length), content]);
}

/** The bytes of an AnyValue holding `depth` nested arrays, written by hand (fromObject would refuse). */
function nestedArrays(depth: number): Buffer {
  // Serialized inside out: each level is AnyValue{5: ArrayValue{1: <inner AnyValue>}}.
  const headers: Buffer[] = [];
  let innerLength = 0;
  for (let i = 0; i < depth; i++) {
    const arrayValue = Buffer.concat([Buffer.from([0x0a]), varint(innerLength)]);
    const arrayLength = arrayValue.length + innerLength;
    const anyValue = Buffer.concat([Buffer.from([0x2a]), varint(arrayLength)]);
    headers.push(arrayValue, anyValue);
    innerLength = anyValue.length + arrayLength;
  }
  return Buffer.concat(headers.reverse());
}

function varint(n: number): Buffer {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return Buffer.from(out);
}
