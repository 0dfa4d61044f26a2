import { describe, expect, it } from "vitest";
import { buildSpanTree, walkTree } from "./build-tree";
import type { SpanTree } from "./types";
import { span } from "./test-spans";

/** Pre-order "depth:id" listing, the easiest exact picture of a tree. */
const shape = (tree: SpanTree) => walkTree(tree).map((n) => `${n.depth}:${n.id}`);

describe("buildSpanTree", () => {
  it("links children to parents, sorted by start time, with depths and offsets", () => {
    const tree = buildSpanTree([
      span("c", "root", 50, 10),
      span("root", null, 0, 100),
      span("a", "root", 10, 30),
      span("a1", "a", 12, 5),
      span("b", "root", 10, 20), // same start as a: input order breaks the tie
    ]);
    expect(shape(tree)).toEqual(["0:root", "1:a", "2:a1", "1:b", "1:c"]);
    expect(tree.roots.map((n) => n.id)).toEqual(["root"]);
    expect(tree.orphans).toEqual([]);
    expect(tree.totalMs).toBe(100);
    expect(tree.traceStartMs).toBe(Date.parse("2026-01-01T00:00:00.000Z"));
    const a1 = tree.byId.get("a1")!;
    expect([a1.startMs, a1.endMs, a1.parentId, a1.orphan]).toEqual([12, 17, "a", false]);
  });

  it("measures offsets from the earliest span even when it is not the root", () => {
    const tree = buildSpanTree([span("root", null, 5, 10), span("early", "root", 0, 20)]);
    expect(tree.byId.get("root")!.startMs).toBe(5);
    expect(tree.byId.get("early")!.startMs).toBe(0);
    expect(tree.totalMs).toBe(20);
  });

  it("lists spans whose parent is missing as top-level orphans after the roots", () => {
    const tree = buildSpanTree([span("x", "gone", 30, 5), span("x1", "x", 31, 1), span("w", "lost", 10, 5), span("root", null, 40, 5)]);
    expect(shape(tree)).toEqual(["0:root", "0:w", "0:x", "1:x1"]);
    expect(tree.orphans.map((n) => [n.id, n.orphan, n.parentId])).toEqual([
      ["w", true, null],
      ["x", true, null],
    ]);
  });

  it("treats a self-parented span as an orphan", () => {
    const tree = buildSpanTree([span("s", "s", 0, 5)]);
    expect(tree.roots).toEqual([]);
    expect(tree.orphans.map((n) => n.id)).toEqual(["s"]);
    expect(shape(tree)).toEqual(["0:s"]);
  });

  it("cuts a parent cycle open instead of hanging, keeping every span exactly once", () => {
    // a → b → c → a, plus d hanging under c, plus an unrelated root.
    const tree = buildSpanTree([span("a", "c", 0, 10), span("b", "a", 1, 5), span("c", "b", 2, 3), span("d", "c", 3, 1), span("r", null, 20, 1)]);
    expect(shape(tree)).toEqual(["0:r", "0:a", "1:b", "2:c", "3:d"]);
    expect(tree.byId.get("a")!.orphan).toBe(true);
    expect(tree.byId.get("a")!.parentId).toBeNull();
  });

  it("keeps the first of two spans with the same id", () => {
    const tree = buildSpanTree([span("a", null, 0, 10), span("a", null, 5, 10, { name: "dup" })]);
    expect(tree.byId.size).toBe(1);
    expect(tree.byId.get("a")!.span.name).toBe("a");
  });

  it("handles an empty trace and a 10,000-deep chain without recursion", () => {
    expect(buildSpanTree([])).toMatchObject({ roots: [], orphans: [], traceStartMs: 0, totalMs: 0 });
    const chain = [span("n0", null, 0, 10_000)];
    for (let i = 1; i < 10_000; i++) chain.push(span(`n${i}`, `n${i - 1}`, i, 1));
    const tree = buildSpanTree(chain);
    expect(tree.byId.get("n9999")!.depth).toBe(9999);
    expect(walkTree(tree)).toHaveLength(10_000);
  });
});
