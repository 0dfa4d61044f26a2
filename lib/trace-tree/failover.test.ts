import { describe, expect, it } from "vitest";
import { buildSpanTree } from "./build-tree";
import { detectFailovers, failoverLabel } from "./failover";
import { llm, span } from "./test-spans";

describe("detectFailovers", () => {
  it("marks a failed call followed by a later successful sibling call", () => {
    const tree = buildSpanTree([
      span("agent", null, 0, 100),
      llm("first", "agent", 0, 10, { model: "gpt-4o-mini" }),
      span("retrieve", "agent", 10, 5),
      llm("claude", "agent", 20, 10, { model: "claude-sonnet-4-5", status: "error", costUsd: 0 }),
      span("tool-err", "agent", 30, 1, { status: "error" }),
      llm("gpt41", "agent", 31, 10, { model: "gpt-4.1" }),
    ]);
    const f = detectFailovers(tree);
    expect([...f.entries()]).toEqual([["claude", { fallbackSpanId: "gpt41", fallbackModel: "gpt-4.1" }]]);
    expect(failoverLabel(f.get("claude")!)).toBe("failover → gpt-4.1");
  });

  it("points every failure in a row at the first success after it, and uses the name when the model is unknown", () => {
    const tree = buildSpanTree([
      span("agent", null, 0, 100),
      llm("e1", "agent", 0, 5, { status: "error" }),
      llm("e2", "agent", 5, 5, { status: "error" }),
      llm("ok", "agent", 10, 5, { model: null, name: "chat backup", status: "unset" }),
      llm("e3", "agent", 20, 5, { status: "error" }),
    ]);
    expect(Object.fromEntries(detectFailovers(tree))).toEqual({
      e1: { fallbackSpanId: "ok", fallbackModel: "chat backup" },
      e2: { fallbackSpanId: "ok", fallbackModel: "chat backup" },
    });
  });

  it("ignores successes that came earlier, in other branches, or on non-billable spans", () => {
    const tree = buildSpanTree([
      span("agent", null, 0, 100),
      llm("ok-before", "agent", 0, 5),
      llm("err", "agent", 10, 5, { status: "error" }),
      span("step", "agent", 20, 20),
      llm("ok-nested", "step", 21, 5),
      span("wrapper-ok", "agent", 50, 5, { model: "gpt-4.1" }),
    ]);
    expect(detectFailovers(tree).size).toBe(0);
  });

  it("looks among top-level orphans too", () => {
    const tree = buildSpanTree([llm("a", "gone", 0, 5, { status: "error" }), llm("b", "gone2", 10, 5, { model: "gpt-4.1" })]);
    expect(detectFailovers(tree).get("a")).toEqual({ fallbackSpanId: "b", fallbackModel: "gpt-4.1" });
  });
});
