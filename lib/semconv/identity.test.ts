import { describe, expect, it } from "vitest";
import type { Attributes } from "@/lib/otlp/types";
import { normalizeSpan } from "./normalize";
import { makeSpan } from "./test-helpers";
import type { NormalizedSpan } from "./types";

const normalize = (attrs: Attributes): NormalizedSpan => normalizeSpan(makeSpan(attrs));

/** Drops the first `skip` keys of an ordered chain. */
const tail = (chain: [string, string][], skip: number): Attributes => Object.fromEntries(chain.slice(skip));

describe("agentName", () => {
  it("gen_ai.agent.name → agent.name → ai.telemetry.metadata.agent", () => {
    const chain: [string, string][] = [
      ["gen_ai.agent.name", "a1"],
      ["agent.name", "a2"],
      ["ai.telemetry.metadata.agent", "a5"],
    ];
    expect(normalize(tail(chain, 0)).agentName).toBe("a1");
    expect(normalize(tail(chain, 1)).agentName).toBe("a2");
    expect(normalize(tail(chain, 2)).agentName).toBe("a5");
    expect(normalize({}).agentName).toBeNull();
  });

  it("traceloop.entity.name only on Traceloop agent spans, before workflow.name", () => {
    const agent = { "traceloop.span.kind": "agent", "traceloop.entity.name": "a3", "traceloop.workflow.name": "a4" };
    expect(normalize(agent).agentName).toBe("a3");
    expect(normalize({ ...agent, "traceloop.span.kind": "task" }).agentName).toBeNull();
  });

  it("traceloop.workflow.name on agent spans only", () => {
    expect(normalize({ "traceloop.span.kind": "agent", "traceloop.workflow.name": "a4" }).agentName).toBe("a4");
    expect(normalize({ "gen_ai.operation.name": "invoke_agent", "traceloop.workflow.name": "a4" }).agentName).toBe("a4");
    expect(normalize({ "traceloop.span.kind": "workflow", "traceloop.workflow.name": "flow" }).agentName).toBeNull();
  });

  it("Traceloop keys come before ai.telemetry.metadata.agent", () => {
    expect(
      normalize({ "traceloop.span.kind": "agent", "traceloop.workflow.name": "a4", "ai.telemetry.metadata.agent": "a5" })
        .agentName,
    ).toBe("a4");
  });
});

describe("toolName", () => {
  const chain: [string, string][] = [
    ["gen_ai.tool.name", "t1"],
    ["tool.name", "t2"],
    ["ai.toolCall.name", "t3"],
  ];
  it("gen_ai.tool.name → tool.name → ai.toolCall.name", () => {
    expect(normalize(tail(chain, 0)).toolName).toBe("t1");
    expect(normalize(tail(chain, 1)).toolName).toBe("t2");
    expect(normalize(tail(chain, 2)).toolName).toBe("t3");
  });

  it("then traceloop.entity.name on Traceloop tool spans only", () => {
    expect(normalize({ "traceloop.span.kind": "tool", "traceloop.entity.name": "t4" }).toolName).toBe("t4");
    expect(normalize({ "traceloop.span.kind": "task", "traceloop.entity.name": "t4" }).toolName).toBeNull();
    expect(
      normalize({ "traceloop.span.kind": "tool", "traceloop.entity.name": "t4", "ai.toolCall.name": "t3" }).toolName,
    ).toBe("t3");
  });
});

describe("conversationId", () => {
  const chain: [string, string][] = [
    ["gen_ai.conversation.id", "c1"],
    ["session.id", "c2"],
    ["langfuse.session.id", "c3"],
    ["traceloop.association.properties.session_id", "c4"],
    ["ai.telemetry.metadata.conversationId", "c5"],
    ["ai.telemetry.metadata.sessionId", "c6"],
  ];
  it.each(chain.map((_, i) => i))("with the first %i keys absent", (skip) => {
    expect(normalize(tail(chain, skip)).conversationId).toBe(chain[skip]![1]);
  });
});

describe("userId", () => {
  const chain: [string, string][] = [
    ["user.id", "u1"],
    ["langfuse.user.id", "u2"],
    ["traceloop.association.properties.user_id", "u3"],
    ["ai.telemetry.metadata.userId", "u4"],
    ["enduser.id", "u5"],
  ];
  it.each(chain.map((_, i) => i))("with the first %i keys absent", (skip) => {
    expect(normalize(tail(chain, skip)).userId).toBe(chain[skip]![1]);
  });

  it("keeps an integer id as its decimal string and caps long ids", () => {
    expect(normalize({ "user.id": 4242 }).userId).toBe("4242");
    expect(normalize({ "user.id": "u".repeat(400) }).userId).toBe("u".repeat(256));
  });
});

describe("serviceName and environment", () => {
  it("serviceName is the resource's service.name only", () => {
    const span = makeSpan({ "service.name": "span-level" }, { resourceAttributes: { "service.name": "billing" } });
    expect(normalizeSpan(span).serviceName).toBe("billing");
    expect(normalizeSpan(makeSpan({ "service.name": "span-level" })).serviceName).toBeNull();
  });

  it("environment: deployment.environment.name → deployment.environment → langfuse.environment", () => {
    const env = (resourceAttributes: Attributes, attrs: Attributes = {}) =>
      normalizeSpan(makeSpan(attrs, { resourceAttributes })).environment;
    expect(env({ "deployment.environment.name": "prod", "deployment.environment": "old" })).toBe("prod");
    expect(env({ "deployment.environment": "staging" }, { "langfuse.environment": "dev" })).toBe("staging");
    expect(env({}, { "langfuse.environment": "dev" })).toBe("dev");
    expect(env({})).toBeNull();
  });
});
