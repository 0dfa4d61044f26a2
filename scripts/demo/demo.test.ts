import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toHrTime } from "./emit";
import { DemoError } from "./errors";
import { FLEET } from "./fleet";
import { parseDemoArgs } from "./options";
import { countSpans, walkSpans, type SpanPlan } from "./plan";
import { TrafficPlanner, type PlannedTrace } from "./planner";
import { createRng } from "@/lib/prng";
import { runDemo } from "./run-demo";

const END = Date.parse("2026-11-23T12:00:00Z");
const HOUR = 3_600_000;

function planDay(seed: number, traces = 1500): { traces: PlannedTrace[]; outage: { startMs: number; endMs: number } } {
  const backfill = new TrafficPlanner(seed).backfill(traces, 24, END);
  return { traces: [...backfill.traces], outage: backfill.outage };
}

function spansOf(root: SpanPlan): SpanPlan[] {
  const all: SpanPlan[] = [];
  walkSpans(root, (span) => all.push(span));
  return all;
}

const isModelCall = (span: SpanPlan): boolean => {
  const a = span.attributes;
  return a["gen_ai.operation.name"] === "chat" || a["openinference.span.kind"] === "LLM" || a["ai.operationId"] === "ai.generateText.doGenerate";
};

describe("prng", () => {
  it("repeats a sequence for the same seed and stays in bounds", () => {
    const a = createRng(7);
    const b = createRng(7);
    const first = Array.from({ length: 5 }, () => a.uint32());
    expect(Array.from({ length: 5 }, () => b.uint32())).toEqual(first);
    expect(createRng(8).uint32()).not.toBe(first[0]);
    const rng = createRng(1);
    for (let i = 0; i < 1000; i++) {
      const value = rng.int(3, 5);
      expect(value === 3 || value === 4 || value === 5).toBe(true);
    }
  });
});

describe("toHrTime", () => {
  it("splits epoch milliseconds into seconds and nanoseconds", () => {
    expect(toHrTime(1_700_000_000_123.5)).toEqual([1_700_000_000, 123_500_000]);
    expect(toHrTime(1_700_000_000_000)).toEqual([1_700_000_000, 0]);
  });
});

describe("parseDemoArgs", () => {
  it("applies defaults from the environment", () => {
    const parsed = parseDemoArgs([], { SKEIN_INGEST_KEY: "k1" }, 99);
    expect(parsed).toEqual({ help: false, options: { url: "http://localhost:3000", key: "k1", hours: 24, traces: 1500, live: false, seed: 99 } });
  });

  it("reads flags in both forms", () => {
    const parsed = parseDemoArgs(["--traces=200", "--hours", "6", "--seed", "12", "--live", "--url", "http://skein:8080/", "--key", "k2"], {}, 1);
    expect(parsed).toEqual({ help: false, options: { url: "http://skein:8080", key: "k2", hours: 6, traces: 200, live: true, seed: 12 } });
  });

  it("refuses to run without a key or with an unknown flag", () => {
    expect(() => parseDemoArgs([], {}, 1)).toThrow(DemoError);
    expect(() => parseDemoArgs(["--bogus"], { SKEIN_INGEST_KEY: "k" }, 1)).toThrow(/unknown argument/);
  });
});

describe("a planned day of fleet traffic", () => {
  const day = planDay(42);

  it("is reproducible from the seed", () => {
    const again = planDay(42);
    expect(again.traces.map((t) => countSpans(t.root))).toEqual(day.traces.map((t) => countSpans(t.root)));
    expect(again.traces[10]?.root.attributes).toEqual(day.traces[10]?.root.attributes);
  });

  it("covers every service, inside the window, ending by the end time", () => {
    expect(new Set(day.traces.map((t) => t.service.serviceName))).toEqual(new Set(FLEET.map((s) => s.serviceName)));
    for (const trace of day.traces) {
      expect(trace.baseMs + trace.root.endMs).toBeLessThanOrEqual(END);
      expect(trace.baseMs).toBeGreaterThanOrEqual(END - 25 * HOUR);
      for (const span of spansOf(trace.root)) expect(span.endMs).toBeGreaterThanOrEqual(span.startMs);
    }
  });

  it("fails 3-5 % of runs and has a few runaways", () => {
    const failed = day.traces.filter((t) => t.root.error).length;
    expect(failed / day.traces.length).toBeGreaterThan(0.03);
    expect(failed / day.traces.length).toBeLessThan(0.05);
    const runaways = day.traces.filter((t) => t.runaway);
    expect(runaways.length).toBe(3);
    for (const trace of runaways) expect(spansOf(trace.root).filter(isModelCall).length).toBeGreaterThanOrEqual(41);
  });

  it("fails Anthropic calls over during the outage, and those runs still succeed", () => {
    const recovered = day.traces.filter((trace) => {
      const calls = spansOf(trace.root).filter((span) => span.attributes["gen_ai.operation.name"] === "chat");
      const failedAnthropic = calls.findIndex((span) => span.error && span.attributes["gen_ai.provider.name"] === "anthropic");
      const fallback = calls.slice(failedAnthropic + 1).find((span) => !span.error);
      return failedAnthropic >= 0 && fallback?.attributes["gen_ai.provider.name"] === "openai" && !trace.root.error;
    });
    expect(recovered.length).toBeGreaterThan(5);
    for (const trace of recovered) {
      const start = trace.baseMs;
      expect(start + trace.root.endMs).toBeGreaterThan(day.outage.startMs);
      expect(start).toBeLessThan(day.outage.endMs);
    }
    const errorTypes = new Set(recovered.flatMap((t) => spansOf(t.root).map((s) => s.attributes["error.type"])).filter((e) => e !== undefined));
    expect([...errorTypes].sort()).toEqual(["503", "overloaded_error"]);
  });

  it("reports cache and reasoning tokens as subsets of input and output", () => {
    let cached = 0;
    let reasoning = 0;
    for (const trace of day.traces) {
      for (const span of spansOf(trace.root)) {
        const a = span.attributes;
        const input = a["gen_ai.usage.input_tokens"];
        const output = a["gen_ai.usage.output_tokens"];
        if (typeof input !== "number" || typeof output !== "number") continue;
        const read = Number(a["gen_ai.usage.cache_read.input_tokens"] ?? 0);
        const write = Number(a["gen_ai.usage.cache_creation.input_tokens"] ?? 0);
        const thought = Number(a["gen_ai.usage.reasoning.output_tokens"] ?? 0);
        expect(read + write).toBeLessThanOrEqual(input);
        expect(thought).toBeLessThanOrEqual(output);
        cached += read + write;
        reasoning += thought;
      }
    }
    expect(cached).toBeGreaterThan(0);
    expect(reasoning).toBeGreaterThan(0);
  });

  it("sends no content: only identifier-shaped strings outside a few structural keys", () => {
    // A subset of the content denylist in docs/semconv.md section 2.3.
    const content = /^gen_ai\.(input|output)\.messages$|^gen_ai\.(prompt|completion)|^gen_ai\.tool\.call\.(arguments|result)$|^(input|output)\.value$|^llm\.(input|output)_messages\.|^ai\.prompt|^ai\.response\.(text|toolCalls|providerMetadata)$|^ai\.toolCall\.(args|result)$|^exception\.(message|stacktrace)$/;
    const structural = new Set(["operation.name", "metadata"]);
    for (const trace of day.traces) {
      for (const span of spansOf(trace.root)) {
        for (const [key, value] of Object.entries(span.attributes)) {
          expect(key).not.toMatch(content);
          if (typeof value === "string" && !structural.has(key)) expect(value).toMatch(/^[\p{L}\p{N}_.:/@#+=-]{1,128}$/u);
        }
      }
    }
  });
});

describe("runDemo against a local OTLP receiver", () => {
  const seen = { protobuf: 0, json: 0, unauthorized: 0 };
  let server: Server;
  let url = "";

  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        if (req.headers.authorization !== "Bearer right-key") {
          seen.unauthorized += 1;
          res.statusCode = 401;
          res.end();
          return;
        }
        const json = req.headers["content-type"]?.startsWith("application/json") === true;
        if (json) seen.json += 1;
        else seen.protobuf += 1;
        res.setHeader("content-type", json ? "application/json" : "application/x-protobuf");
        res.end(json ? "{}" : undefined);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("sends every span over both encodings", async () => {
    const summary = await runDemo({ url, key: "right-key", hours: 24, traces: 120, seed: 5, live: false, endTime: END, log: () => undefined });
    const expected = planDay(5, 120).traces.reduce((total, t) => total + countSpans(t.root), 0);
    expect(summary.spans).toBe(expected);
    expect(summary.traces).toBe(120);
    expect(summary.requests.protobuf).toBeGreaterThan(0);
    expect(summary.requests.json).toBeGreaterThan(0);
    expect(seen.protobuf).toBe(summary.requests.protobuf);
    // The preflight is one extra JSON request.
    expect(seen.json).toBe(summary.requests.json + 1);
  });

  it("stops with an auth error on a wrong key", async () => {
    await expect(runDemo({ url, key: "wrong", hours: 1, traces: 5, seed: 1, live: false, log: () => undefined })).rejects.toMatchObject({ kind: "auth" });
  });
});
