import { describe, expect, it } from "vitest";
import { buildSpanTree } from "./build-tree";
import { ancestorIds, rowIndexOf, visibleRows } from "./visible-rows";
import { searchSpans } from "./search";
import type { TraceRow } from "./types";
import { span } from "./test-spans";

const label = (rows: TraceRow[]) =>
  rows.map((r) => (r.kind === "orphans" ? `orphans(${r.count})` : `${r.node.depth}:${r.node.id}${r.hasChildren ? (r.expanded ? "-" : "+") : ""}`));

const tree = buildSpanTree([
  span("root", null, 0, 100, { name: "invoke_agent planner" }),
  span("plan", "root", 1, 10, { name: "chat gpt-4o" }),
  span("step", "root", 20, 50, { name: "workflow step" }),
  span("tool", "step", 21, 5, { name: "execute_tool search" }),
  span("chat", "step", 30, 5, { name: "chat gpt-4.1" }),
  span("lost", "missing", 40, 5, { name: "retrieve docs" }),
  span("lost1", "lost", 41, 1, { name: "embed" }),
]);

describe("visibleRows", () => {
  it("lists every span expanded, then the orphans under a marker", () => {
    expect(label(visibleRows(tree, new Set()))).toEqual(["0:root-", "1:plan", "1:step-", "2:tool", "2:chat", "orphans(1)", "0:lost-", "1:lost1"]);
  });

  it("hides the descendants of collapsed spans", () => {
    expect(label(visibleRows(tree, new Set(["step", "lost"])))).toEqual(["0:root-", "1:plan", "1:step+", "orphans(1)", "0:lost+"]);
    expect(label(visibleRows(tree, new Set(["root"])))).toEqual(["0:root+", "orphans(1)", "0:lost-", "1:lost1"]);
  });

  it("shows only matches and their ancestors while searching, and drops the marker when no orphan matches", () => {
    const search = searchSpans(tree, "  CHAT GPT-4.1 ")!;
    expect([...search.matches]).toEqual(["chat"]);
    expect(label(visibleRows(tree, new Set(), search.keep))).toEqual(["0:root-", "1:step-", "2:chat"]);
    const chats = searchSpans(tree, "chat")!;
    expect(label(visibleRows(tree, new Set(), chats.keep))).toEqual(["0:root-", "1:plan", "1:step-", "2:chat"]);
    const embed = searchSpans(tree, "embed")!;
    expect(label(visibleRows(tree, new Set(), embed.keep))).toEqual(["orphans(1)", "0:lost-", "1:lost1"]);
  });

  it("finds rows and ancestors", () => {
    const rows = visibleRows(tree, new Set());
    expect(rowIndexOf(rows, "chat")).toBe(4);
    expect(rowIndexOf(rows, "lost1")).toBe(7);
    expect(rowIndexOf(rows, null)).toBe(-1);
    expect(rowIndexOf(rows, "nope")).toBe(-1);
    expect(ancestorIds(tree, "chat")).toEqual(["step", "root"]);
    expect(ancestorIds(tree, "lost1")).toEqual(["lost"]);
  });
});

describe("searchSpans", () => {
  it("returns null for a blank query and empty sets when nothing matches", () => {
    expect(searchSpans(tree, "   ")).toBeNull();
    const none = searchSpans(tree, "zzz")!;
    expect([none.matches.size, none.keep.size]).toEqual([0, 0]);
    expect(visibleRows(tree, new Set(), none.keep)).toEqual([]);
  });
});
