import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readOtlpBody } from "./body";
import { decodeJson } from "./decode-json";
import { decodeProtobuf } from "./decode-protobuf";
import type { DecodedRequest } from "./types";

const FIXTURES = path.resolve(__dirname, "../../../shared/fixtures/otlp");
const expected = JSON.parse(fs.readFileSync(path.join(FIXTURES, "expected.json"), "utf8")) as {
  fixtures: Record<string, { spanCount: number }>;
};
const read = (name: string) => fs.readFileSync(path.join(FIXTURES, name));
const decode = (name: string) => (name.endsWith(".pb") ? decodeProtobuf(read(name)) : decodeJson(read(name)));

describe("OTLP fixtures", () => {
  const names = Object.keys(expected.fixtures);

  it("covers every payload in the fixtures folder", () => {
    const payloads = fs.readdirSync(FIXTURES).filter((f) => f.endsWith(".pb") || (f.endsWith(".json") && f !== "expected.json"));
    expect(names.sort()).toEqual(payloads.sort());
  });

  it.each(names)("%s decodes to the expected span count with nothing rejected", (name) => {
    const decoded = decode(name);
    expect(decoded.spans).toHaveLength(expected.fixtures[name]!.spanCount);
    expect(decoded.rejectedSpans).toBe(0);
    expect(decoded.rejectReasons).toEqual([]);
    for (const span of decoded.spans) {
      expect(span.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(span.spanId).toMatch(/^[0-9a-f]{16}$/);
      expect(span.endTimeUnixNano).toBeGreaterThanOrEqual(span.startTimeUnixNano);
    }
  });

  it.each(names)("%s decodes the same through readOtlpBody", (name) => {
    const contentType = name.endsWith(".pb") ? "application/x-protobuf" : "application/json";
    const { decoded } = readOtlpBody({ body: read(name), contentType, contentEncoding: null, maxBytes: 1 << 20 });
    expect(decoded).toEqual(decode(name));
  });

  it("reads the OTLP spec example: upper-case hex ids and 64-bit number times", () => {
    const [span, ...rest] = decodeJson(read("otlp-spec-example.json")).spans;
    expect(rest).toEqual([]);
    expect(span!.traceId).toBe("5b8efff798038103d269b633813fc60c");
    expect(span!.spanId).toBe("eee19b7ec3c1b174");
    expect(span!.parentSpanId).toBe("eee19b7ec3c1b173");
    expect(span!.startTimeUnixNano).toBe(BigInt("1544712660000000000"));
    expect(span!.endTimeUnixNano).toBe(BigInt("1544712661000000000"));
    expect(span!.kind).toBe(2);
    expect(span!.resource.attributes).toEqual({ "service.name": "my.service" });
    expect(span!.scope).toEqual({
      name: "my.library",
      version: "1.0.0",
      attributes: { "my.scope.attribute": "some scope attribute" },
    });
    expect(span!.attributes).toEqual({ "my.span.attr": "some value" });
    expect(span!.status).toEqual({ code: 0, message: "" });
  });

  it("decodes the failover agent to the same structure from protobuf and JSON", () => {
    const shape = (decoded: DecodedRequest) => {
      const nameById = new Map(decoded.spans.map((s) => [s.spanId, s.name]));
      return decoded.spans
        .map((s) => ({
          name: s.name,
          parent: s.parentSpanId === null ? null : nameById.get(s.parentSpanId),
          kind: s.kind,
          status: s.status.code,
          attributeKeys: Object.keys(s.attributes).sort(),
          events: s.events.map((e) => e.name),
          resourceKeys: Object.keys(s.resource.attributes).sort(),
          scope: s.scope.name,
        }))
        .sort((a, b) => a.name.localeCompare(b.name));
    };
    const pb = shape(decodeProtobuf(read("genai-agent-failover-0.pb")));
    const json = shape(decodeJson(read("genai-agent-failover-json-0.json")));
    expect(pb).toHaveLength(8);
    expect(pb.filter((s) => s.parent === null).map((s) => s.name)).toEqual(["invoke_agent billing-agent"]);
    expect(pb.find((s) => s.name === "chat gemini-2.5-flash")?.parent).toBe("invoke_agent refund-checker");
    expect(json).toEqual(pb);
  });

  it("shares one resource and one scope object across the spans of a request", () => {
    const { spans } = decodeProtobuf(read("genai-agent-failover-0.pb"));
    expect(new Set(spans.map((s) => s.resource)).size).toBe(1);
    expect(new Set(spans.map((s) => s.scope)).size).toBe(1);
    const json = decodeJson(read("genai-agent-failover-json-0.json")).spans;
    expect(new Set(json.map((s) => s.resource)).size).toBe(1);
  });
});
