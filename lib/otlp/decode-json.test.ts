import { describe, expect, it } from "vitest";
import { decodeJson } from "./decode-json";
import { OtlpDecodeError } from "./errors";
import { RejectReason } from "./span-rules";

const TRACE = "0af7651916cd43dd8448eb211c80319c";
const SPAN = "b7ad6b7169203331";
const PARENT = "00f067aa0ba902b7";

type Obj = Record<string, unknown>;
const requestWith = (spans: Obj[], extra: Obj = {}) =>
  JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans }], ...extra }] });
const span = (fields: Obj = {}): Obj => ({ traceId: TRACE, spanId: SPAN, name: "op", ...fields });
const one = (fields: Obj) => {
  const decoded = decodeJson(requestWith([span(fields)]));
  expect(decoded.rejectedSpans).toBe(0);
  return decoded.spans[0]!;
};
const attrs = (list: Obj[]) => one({ attributes: list }).attributes;

describe("decodeJson", () => {
  it("maps every span field from camelCase JSON", () => {
    const decoded = decodeJson(
      JSON.stringify({
        resourceSpans: [
          {
            resource: { attributes: [{ key: "service.name", value: { stringValue: "svc" } }] },
            scopeSpans: [
              {
                scope: { name: "lib", version: "2", attributes: [{ key: "s", value: { boolValue: true } }] },
                spans: [
                  span({
                    parentSpanId: PARENT,
                    traceState: "vendor=1",
                    flags: 257,
                    kind: 2,
                    startTimeUnixNano: "1795432761823000001",
                    endTimeUnixNano: "18446744073709551615",
                    attributes: [{ key: "k", value: { stringValue: "v" } }],
                    droppedAttributesCount: 1,
                    events: [{ timeUnixNano: "1795432761823000002", name: "e", attributes: [] }],
                    droppedEventsCount: "2",
                    links: [{ traceId: TRACE, spanId: PARENT, flags: 1, attributes: [] }],
                    droppedLinksCount: 3,
                    status: { code: 2, message: "failed" },
                  }),
                ],
              },
            ],
          },
        ],
      }),
    );
    expect(decoded).toEqual({
      rejectedSpans: 0,
      rejectReasons: [],
      spans: [
        {
          traceId: TRACE,
          spanId: SPAN,
          parentSpanId: PARENT,
          traceState: "vendor=1",
          flags: 257,
          name: "op",
          kind: 2,
          startTimeUnixNano: BigInt("1795432761823000001"),
          endTimeUnixNano: BigInt("18446744073709551615"),
          attributes: { k: "v" },
          droppedAttributesCount: 1,
          events: [{ timeUnixNano: BigInt("1795432761823000002"), name: "e", attributes: {} }],
          droppedEventsCount: 2,
          links: [{ traceId: TRACE, spanId: PARENT, flags: 1 }],
          droppedLinksCount: 3,
          status: { code: 2, message: "failed" },
          resource: { attributes: { "service.name": "svc" } },
          scope: { name: "lib", version: "2", attributes: { s: true } },
        },
      ],
    });
  });

  it("accepts snake_case field names", () => {
    const decoded = decodeJson(
      JSON.stringify({
        resource_spans: [
          {
            scope_spans: [
              {
                spans: [
                  {
                    trace_id: TRACE,
                    span_id: SPAN,
                    parent_span_id: PARENT,
                    trace_state: "a=b",
                    start_time_unix_nano: "10",
                    end_time_unix_nano: 20,
                    dropped_attributes_count: 4,
                    attributes: [
                      { key: "s", value: { string_value: "x" } },
                      { key: "i", value: { int_value: "7" } },
                      { key: "d", value: { double_value: 0.25 } },
                      { key: "b", value: { bool_value: true } },
                      { key: "a", value: { array_value: { values: [{ int_value: 1 }] } } },
                      { key: "m", value: { kvlist_value: { values: [{ key: "n", value: { bool_value: false } }] } } },
                      { key: "y", value: { bytes_value: "AQI=" } },
                    ],
                    events: [{ time_unix_nano: "15", name: "e" }],
                  },
                ],
              },
            ],
          },
        ],
      }),
    );
    const s = decoded.spans[0]!;
    expect([s.traceId, s.spanId, s.parentSpanId, s.traceState]).toEqual([TRACE, SPAN, PARENT, "a=b"]);
    expect([s.startTimeUnixNano, s.endTimeUnixNano, s.events[0]!.timeUnixNano]).toEqual([
      BigInt(10),
      BigInt(20),
      BigInt(15),
    ]);
    expect(s.droppedAttributesCount).toBe(4);
    expect(s.attributes).toEqual({
      s: "x",
      i: 7,
      d: 0.25,
      b: true,
      a: [1],
      m: { kvlist: { n: false } },
      y: new Uint8Array([1, 2]),
    });
  });

  it("normalizes hex ids to lowercase and accepts base64 ids", () => {
    const upper = one({ traceId: TRACE.toUpperCase(), spanId: SPAN.toUpperCase(), parentSpanId: PARENT.toUpperCase() });
    expect([upper.traceId, upper.spanId, upper.parentSpanId]).toEqual([TRACE, SPAN, PARENT]);
    const b64 = one({
      traceId: Buffer.from(TRACE, "hex").toString("base64"),
      spanId: Buffer.from(SPAN, "hex").toString("base64"),
      parentSpanId: Buffer.from(PARENT, "hex").toString("base64"),
    });
    expect([b64.traceId, b64.spanId, b64.parentSpanId]).toEqual([TRACE, SPAN, PARENT]);
  });

  it("parses 64-bit times from strings and numbers exactly", () => {
    const s = one({ startTimeUnixNano: "1795432761823000001", endTimeUnixNano: 1544712661000000000 });
    expect(s.startTimeUnixNano).toBe(BigInt("1795432761823000001"));
    expect(s.endTimeUnixNano).toBe(BigInt("1544712661000000000"));
    // A JSON number above 2^53 has already been rounded by JSON.parse; its double value is kept.
    expect(one({ startTimeUnixNano: 1795432761823000001 }).startTimeUnixNano).toBe(BigInt("1795432761823000064"));
  });

  it("reads enums as integers, numeric strings or names; unknown values become 0", () => {
    const kinds = [3, "4", "SPAN_KIND_CLIENT", "span_kind_consumer", "SPAN_KIND_BOGUS", 6, 1.5, true];
    expect(kinds.map((kind) => one({ kind }).kind)).toEqual([3, 4, 3, 5, 0, 0, 0, 0]);
    const codes = ["STATUS_CODE_ERROR", "STATUS_CODE_OK", 2, "1", "STATUS_CODE_UNSET", 3, "ERROR"];
    expect(codes.map((code) => one({ status: { code } }).status.code)).toEqual([2, 1, 2, 1, 0, 0, 0]);
  });

  it("converts AnyValues, including special doubles, 64-bit ints and empty values", () => {
    const a = attrs([
      { key: "nan", value: { doubleValue: "NaN" } },
      { key: "inf", value: { doubleValue: "Infinity" } },
      { key: "ninf", value: { doubleValue: "-Infinity" } },
      { key: "dstr", value: { doubleValue: "2.5" } },
      { key: "dint", value: { doubleValue: 3 } },
      { key: "istr", value: { intValue: "-42" } },
      { key: "inum", value: { intValue: 812 } },
      { key: "ibig", value: { intValue: "9007199254740993" } },
      { key: "bytes", value: { bytesValue: Buffer.from([0, 255, 7]).toString("base64") } },
      { key: "empty", value: {} },
      { key: "missing" },
      { key: "badint", value: { intValue: "12abc" } },
      { key: "badbool", value: { boolValue: "true" } },
      { key: "arr", value: { arrayValue: { values: [{ stringValue: "a" }, { boolValue: false }, {}] } } },
      { key: "emptyarr", value: { arrayValue: {} } },
      { key: "kv", value: { kvlistValue: { values: [{ key: "x", value: { intValue: 1 } }] } } },
    ]);
    expect(a.nan).toBeNaN();
    expect(a.inf).toBe(Infinity);
    expect(a.ninf).toBe(-Infinity);
    expect(a.dstr).toBe(2.5);
    expect(a.dint).toBe(3);
    expect(a.istr).toBe(-42);
    expect(a.inum).toBe(812);
    expect(a.ibig).toBe(9007199254740992);
    expect(a.bytes).toEqual(new Uint8Array([0, 255, 7]));
    expect(a.empty).toBeNull();
    expect(a.missing).toBeNull();
    expect(a.badint).toBeNull();
    expect(a.badbool).toBeNull();
    expect(a.arr).toEqual(["a", false, null]);
    expect(a.emptyarr).toEqual([]);
    expect(a.kv).toEqual({ kvlist: { x: 1 } });
  });

  it("keeps the last of repeated attribute keys", () => {
    const a = attrs([
      { key: "k", value: { stringValue: "first" } },
      { key: "k", value: { intValue: 2 } },
    ]);
    expect(a).toEqual({ k: 2 });
  });

  it("ignores unknown fields at every level", () => {
    const decoded = decodeJson(
      JSON.stringify({
        futureField: { x: 1 },
        resourceSpans: [
          {
            schemaUrl: "https://opentelemetry.io/schemas/1.30.0",
            entityRefs: [{ type: "service" }],
            scopeSpans: [{ unknown: true, spans: [span({ somethingNew: [1, 2], status: { extra: 1 } })] }],
          },
        ],
      }),
    );
    expect(decoded.spans).toHaveLength(1);
    expect(decoded.spans[0]!.status).toEqual({ code: 0, message: "" });
  });

  it("rejects spans with bad ids or times and counts them", () => {
    const decoded = decodeJson(
      requestWith([
        span({ name: "ok", parentSpanId: "" }),
        span({ name: "zero-parent", parentSpanId: "0000000000000000" }),
        span({ traceId: "00000000000000000000000000000000" }),
        span({ traceId: TRACE.slice(2) }),
        span({ traceId: "zz" + TRACE.slice(2) }),
        span({ traceId: undefined }),
        span({ traceId: 12 }),
        span({ spanId: "0000000000000000" }),
        span({ spanId: TRACE }),
        span({ spanId: Buffer.alloc(8).toString("base64") }),
        span({ parentSpanId: "00f067aa" }),
        span({ parentSpanId: "0000" }),
        span({ startTimeUnixNano: "-5" }),
        span({ endTimeUnixNano: "18446744073709551616" }),
        span({ startTimeUnixNano: 1.5 }),
        span({ events: [{ timeUnixNano: "soon" }] }),
      ]),
    );
    expect(decoded.spans.map((s) => [s.name, s.parentSpanId])).toEqual([
      ["ok", null],
      ["zero-parent", null],
    ]);
    expect(decoded.rejectedSpans).toBe(14);
    expect(decoded.rejectReasons).toEqual([
      RejectReason.traceId,
      RejectReason.spanId,
      RejectReason.parentSpanId,
      RejectReason.time,
    ]);
  });

  it("drops links with unusable ids but keeps the span", () => {
    const s = one({
      links: [
        { traceId: TRACE, spanId: "0000000000000000" },
        { traceId: "abc", spanId: SPAN },
        { traceId: TRACE.toUpperCase(), spanId: PARENT, flags: "256" },
      ],
    });
    expect(s.links).toEqual([{ traceId: TRACE, spanId: PARENT, flags: 256 }]);
  });

  it("accepts a Buffer with a byte-order mark, and an empty request object", () => {
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(requestWith([span()]))]);
    expect(decodeJson(withBom).spans).toHaveLength(1);
    expect(decodeJson("{}")).toEqual({ spans: [], rejectedSpans: 0, rejectReasons: [] });
    expect(decodeJson('{"resourceSpans":null}').spans).toEqual([]);
  });

  it("throws OtlpDecodeError on invalid JSON without quoting the body", () => {
    const attempt = () => decodeJson('{"resourceSpans": [SECRET-CANARY');
    expect(attempt).toThrow(OtlpDecodeError);
    expect(attempt).toThrow("request body is not valid JSON");
    try {
      attempt();
    } catch (error) {
      expect(String(error)).not.toContain("CANARY");
      expect((error as Error).cause).toBeUndefined();
    }
    expect(() => decodeJson("")).toThrow(OtlpDecodeError);
  });

  it("throws OtlpDecodeError on a wrong top-level or container shape", () => {
    for (const body of [
      "[]",
      "null",
      '"text"',
      "42",
      '{"resourceSpans":{}}',
      '{"resourceSpans":[1]}',
      '{"resourceSpans":[{"scopeSpans":"x"}]}',
      '{"resourceSpans":[{"scopeSpans":[{"spans":[null]}]}]}',
      '{"resourceSpans":[{"resource":[],"scopeSpans":[]}]}',
    ]) {
      expect(() => decodeJson(body), body).toThrow(OtlpDecodeError);
    }
  });

  it("survives 10 000 levels of nesting and caps AnyValues at 32 levels", () => {
    const depth = 10_000;
    const value =
      '{"arrayValue":{"values":['.repeat(depth) + '{"stringValue":"leaf"}' + "]}}".repeat(depth);
    const body = `{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"${TRACE}","spanId":"${SPAN}","attributes":[{"key":"deep","value":${value}}]}]}]}]}`;
    const [s] = decodeJson(body).spans;
    let levels = 0;
    let v: unknown = s!.attributes.deep;
    while (Array.isArray(v)) {
      levels++;
      v = v[0];
    }
    expect(levels).toBe(32);
    expect(v).toBeNull();

    const kvDepth = '{"kvlistValue":{"values":[{"key":"k","value":'.repeat(depth) + "{}" + "}]}}".repeat(depth);
    const kvBody = body.replace(value, kvDepth);
    expect(decodeJson(kvBody).spans).toHaveLength(1);
  });
});
