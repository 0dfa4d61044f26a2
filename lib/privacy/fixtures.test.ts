// Real instrumentation output: every CANARY string is content and must not survive the filter.

import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { decodeJson } from "../otlp/decode-json";
import { decodeProtobuf } from "../otlp/decode-protobuf";
import { filterResource, filterScope, filterSpan } from "./filter";
import { dump, testOptions } from "./test-helpers";

const FIXTURES = path.resolve(__dirname, "../../../shared/fixtures/otlp");
const expected = JSON.parse(fs.readFileSync(path.join(FIXTURES, "expected.json"), "utf8")) as {
  fixtures: Record<string, { userMetadata?: Record<string, string> }>;
};
const names = Object.keys(expected.fixtures);

function filterFixture(name: string) {
  const buf = fs.readFileSync(path.join(FIXTURES, name));
  const { spans } = name.endsWith(".pb") ? decodeProtobuf(buf) : decodeJson(buf);
  const opts = { ...testOptions, userIdKey: "fixture-key" };
  return {
    raw: spans,
    spans: spans.map((s) => filterSpan(s, opts)),
    resources: [...new Set(spans.map((s) => s.resource))].map((r) => filterResource(r, opts)),
    scopes: [...new Set(spans.map((s) => s.scope))].map((s) => filterScope(s, opts)),
  };
}

describe("privacy filter on the OTLP fixtures", () => {
  it("has fixtures to check", () => {
    expect(names.length).toBeGreaterThanOrEqual(8);
  });

  it.each(names)("%s: no CANARY survives anywhere in the output", (name) => {
    const out = filterFixture(name);
    expect(out.spans.length).toBeGreaterThan(0);
    expect(dump(out.raw).toLowerCase().includes("canary")).toBe(name !== "otlp-spec-example.json");
    const text = dump({ spans: out.spans, resources: out.resources, scopes: out.scopes });
    expect(text).not.toMatch(/canary/i);
  });

  it.each(names)("%s: expected user metadata is kept", (name) => {
    const metadata = expected.fixtures[name]?.userMetadata ?? {};
    const kept = filterFixture(name).spans.map((s) => s.attributes);
    for (const [key, value] of Object.entries(metadata)) {
      expect(kept.some((attributes) => attributes[key] === value), `${key}=${value}`).toBe(true);
    }
  });

  it("reports content hits for payloads that carry content, none for the spec example", () => {
    const hits = (name: string) => {
      const out = filterFixture(name);
      return [...out.spans, ...out.resources].reduce((sum, f) => sum + f.contentHits, 0);
    };
    for (const name of names) {
      if (name === "otlp-spec-example.json") expect(hits(name)).toBe(0);
      else expect(hits(name), name).toBeGreaterThan(0);
    }
  });

  it("keeps the failover fixture's metadata and drops its content, key by key", () => {
    const out = filterFixture("genai-agent-failover-0.pb");
    const root = out.spans.find((s) => s.name === "invoke_agent billing-agent");
    expect(root?.attributes).toEqual({
      "gen_ai.operation.name": "invoke_agent",
      "gen_ai.agent.name": "billing-agent",
      "gen_ai.conversation.id": "conv-0",
      "user.id": expect.stringMatching(/^u_[0-9a-f]{32}$/),
      "app.customer_tier": "gold",
    });
    const failed = out.spans.find((s) => s.name === "chat claude-sonnet-4-5");
    expect(failed?.attributes).toEqual({
      "gen_ai.operation.name": "chat",
      "gen_ai.provider.name": "anthropic",
      "gen_ai.request.model": "claude-sonnet-4-5",
      "error.type": "503",
    });
    expect(failed?.events).toEqual([
      { name: "exception", timeUnixNano: expect.any(BigInt), attributes: { "exception.type": "APIError" } },
    ]);
    expect(failed?.droppedKeys).toEqual({
      "gen_ai.input.messages": 1,
      "gen_ai.system_instructions": 1,
      "exception.message": 1,
    });
    expect(failed?.contentHits).toBe(3);
    expect(out.resources).toEqual([
      {
        attributes: {
          "service.name": "billing-agent",
          "process.runtime.name": "nodejs",
          "telemetry.sdk.language": "nodejs",
          "telemetry.sdk.name": "opentelemetry",
          "telemetry.sdk.version": "2.12.0",
        },
        droppedKeys: { "host.name": 1, "process.command_line": 1 },
        contentHits: 1,
      },
    ]);
  });
});
