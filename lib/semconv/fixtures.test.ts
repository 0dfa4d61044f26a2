import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { decodeJson } from "@/lib/otlp/decode-json";
import { decodeProtobuf } from "@/lib/otlp/decode-protobuf";
import type { OtlpSpan } from "@/lib/otlp/types";
import { normalizeSpan } from "./normalize";
import type { NormalizedSpan } from "./types";

const FIXTURES = path.resolve(__dirname, "../../../shared/fixtures/otlp");

interface ExpectedFixture {
  spanCount: number;
  billableSpans: number;
  llmErrors?: number;
  rootName?: string;
  provider?: string;
  model?: string;
  models?: string[];
  agentName?: string;
  serviceName?: string;
  inputTokens?: number;
  outputTokens?: number;
  cacheReadTokens?: number;
  reasoningTokens?: number;
}

const expected = (
  JSON.parse(fs.readFileSync(path.join(FIXTURES, "expected.json"), "utf8")) as {
    fixtures: Record<string, ExpectedFixture>;
  }
).fixtures;

function load(name: string): { span: OtlpSpan; n: NormalizedSpan }[] {
  const buf = fs.readFileSync(path.join(FIXTURES, name));
  const decoded = name.endsWith(".pb") ? decodeProtobuf(buf) : decodeJson(buf);
  return decoded.spans.map((span) => ({ span, n: normalizeSpan(span) }));
}

/** Dated snapshots match their alias: gpt-4o-mini-2024-07-18 ≈ gpt-4o-mini, claude-x-20250929 ≈ claude-x. */
function baseModel(model: string): string {
  return model.replace(/-(\d{4}-\d{2}-\d{2}|\d{8})$/, "");
}

const sum = (items: { n: NormalizedSpan }[], field: keyof NormalizedSpan): number =>
  items.reduce((total, { n }) => total + ((n[field] as number | null) ?? 0), 0);

describe("normalization of the real instrumentation fixtures", () => {
  const names = Object.keys(expected);

  it("covers every payload in the fixtures folder", () => {
    const payloads = fs
      .readdirSync(FIXTURES)
      .filter((f) => f.endsWith(".pb") || (f.endsWith(".json") && f !== "expected.json"));
    expect([...names].sort()).toEqual(payloads.sort());
  });

  describe.each(names)("%s", (name) => {
    const want = expected[name]!;
    const spans = load(name);
    const billable = spans.filter(({ n }) => n.billable);
    const roots = spans.filter(({ span }) => span.parentSpanId === null);

    it("decodes every span", () => {
      expect(spans).toHaveLength(want.spanCount);
    });

    it("finds the billable spans, each a 'call'", () => {
      expect(billable).toHaveLength(want.billableSpans);
      for (const { n } of billable) expect(n.usageScope).toBe("call");
      for (const { n } of spans) {
        if (n.billable) continue;
        expect(n.usageScope).toBe(n.inputTokens !== null || n.outputTokens !== null ? "aggregate" : null);
      }
    });

    it("sums tokens over billable spans only", () => {
      if (want.inputTokens !== undefined) expect(sum(billable, "inputTokens")).toBe(want.inputTokens);
      if (want.outputTokens !== undefined) expect(sum(billable, "outputTokens")).toBe(want.outputTokens);
      if (want.cacheReadTokens !== undefined) expect(sum(billable, "cacheReadTokens")).toBe(want.cacheReadTokens);
      if (want.reasoningTokens !== undefined) expect(sum(billable, "reasoningTokens")).toBe(want.reasoningTokens);
    });

    it("counts failed LLM calls", () => {
      const errors = billable.filter(({ span }) => span.status.code === 2);
      expect(errors).toHaveLength(want.llmErrors ?? 0);
      for (const { n } of errors) expect(n.errorType).not.toBeNull();
    });

    it("names provider and model", () => {
      const models = billable.map(({ n }) => n.responseModel ?? n.requestModel);
      if (want.provider !== undefined) {
        expect(billable.map(({ n }) => n.provider)).toEqual(billable.map(() => want.provider));
      }
      if (want.model !== undefined) {
        expect(models.map((m) => (m === null ? null : baseModel(m)))).toEqual(models.map(() => baseModel(want.model!)));
      }
      if (want.models !== undefined) {
        expect([...models].sort()).toEqual([...want.models].sort());
      }
    });

    it("names the root's agent and the service", () => {
      if (want.rootName !== undefined) {
        expect(roots.map(({ span }) => span.name)).toEqual([want.rootName]);
      }
      if (want.agentName !== undefined) expect(roots[0]?.n.agentName).toBe(want.agentName);
      if (want.serviceName !== undefined) {
        for (const { n } of spans) expect(n.serviceName).toBe(want.serviceName);
      }
    });

    it("returns no content", () => {
      for (const { n } of spans) expect(JSON.stringify(n)).not.toContain("CANARY");
    });
  });
});
