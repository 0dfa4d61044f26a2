import { describe, expect, it } from "vitest";
import { buildSpanTree } from "./build-tree";
import { navigate } from "./navigation";
import { visibleRows } from "./visible-rows";
import { span } from "./test-spans";

const tree = buildSpanTree([
  span("root", null, 0, 100),
  span("a", "root", 1, 10),
  span("a1", "a", 2, 1),
  span("b", "root", 20, 10),
  span("o", "gone", 30, 5),
]);
const rows = visibleRows(tree, new Set());
const collapsedRows = visibleRows(tree, new Set(["a"]));

describe("navigate", () => {
  it("steps up and down over span rows, skipping the orphan marker and stopping at the ends", () => {
    expect(navigate(rows, "root", "down")).toEqual({ selectedId: "a" });
    expect(navigate(rows, "b", "down")).toEqual({ selectedId: "o" });
    expect(navigate(rows, "o", "down")).toEqual({ selectedId: "o" });
    expect(navigate(rows, "o", "up")).toEqual({ selectedId: "b" });
    expect(navigate(rows, "root", "up")).toEqual({ selectedId: "root" });
    expect(navigate(rows, null, "down")).toEqual({ selectedId: "root" });
    expect(navigate(rows, "hidden", "up")).toEqual({ selectedId: "root" });
    expect(navigate(rows, "a", "last")).toEqual({ selectedId: "o" });
    expect(navigate(rows, "b", "first")).toEqual({ selectedId: "root" });
    expect(navigate([], "a", "down")).toEqual({ selectedId: null });
  });

  it("left collapses an expanded span, else climbs to the parent", () => {
    expect(navigate(rows, "a", "left")).toEqual({ selectedId: "a", toggle: { id: "a", collapsed: true } });
    expect(navigate(collapsedRows, "a", "left")).toEqual({ selectedId: "root" });
    expect(navigate(rows, "a1", "left")).toEqual({ selectedId: "a" });
    expect(navigate(rows, "o", "left")).toEqual({ selectedId: "o" });
  });

  it("right expands a collapsed span, else descends to its first child", () => {
    expect(navigate(collapsedRows, "a", "right")).toEqual({ selectedId: "a", toggle: { id: "a", collapsed: false } });
    expect(navigate(rows, "a", "right")).toEqual({ selectedId: "a1" });
    expect(navigate(rows, "b", "right")).toEqual({ selectedId: "b" });
  });
});
