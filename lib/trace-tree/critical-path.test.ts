import { describe, expect, it } from "vitest";
import { buildSpanTree } from "./build-tree";
import { criticalPath } from "./critical-path";
import { span } from "./test-spans";
import type { TreeSpanInput } from "./types";

const path = (spans: TreeSpanInput[]) => [...criticalPath(buildSpanTree(spans))].sort();

describe("criticalPath", () => {
  it("follows a sequential chain of children end to end", () => {
    expect(path([span("p", null, 0, 100), span("a", "p", 0, 30), span("b", "p", 30, 30), span("c", "p", 60, 40)])).toEqual(["a", "b", "c", "p"]);
  });

  it("takes the child that ends last and skips children that overlap it", () => {
    // a [0,60] overlaps b [50,100]: only b decided the end.
    expect(path([span("p", null, 0, 100), span("a", "p", 0, 60), span("b", "p", 50, 50)])).toEqual(["b", "p"]);
    // a long parallel child covers everything from the start.
    expect(path([span("p", null, 0, 100), span("a", "p", 0, 90), span("b", "p", 10, 40), span("c", "p", 60, 20)])).toEqual(["a", "p"]);
  });

  it("walks back across gaps to earlier children that ended before the chosen one started", () => {
    expect(path([span("p", null, 0, 100), span("a", "p", 0, 20), span("x", "p", 5, 10), span("b", "p", 70, 20)])).toEqual(["a", "b", "p"]);
  });

  it("descends into grandchildren inside the window they were chosen for", () => {
    const spans = [
      span("p", null, 0, 100),
      span("a", "p", 0, 40),
      span("a1", "a", 0, 10),
      span("a2", "a", 5, 30), // ends 35 inside a
      span("b", "p", 40, 60),
      span("b1", "b", 45, 20),
      span("b2", "b", 50, 45), // ends 95: overlaps b1, so b1 is off the path
    ];
    expect(path(spans)).toEqual(["a", "a2", "b", "b2", "p"]);
  });

  it("clamps a child that runs past its parent's end (clock skew)", () => {
    expect(path([span("p", null, 0, 100), span("a", "p", 0, 40), span("b", "p", 50, 80)])).toEqual(["a", "b", "p"]);
  });

  it("clamps grandchildren to the time their parent was chosen for", () => {
    // b1 [55,90] overruns its parent b [0,60]: it counts as ending at 60, and b0 before it still joins the path.
    const spans = [span("p", null, 0, 100), span("b", "p", 0, 60), span("b1", "b", 55, 35), span("b0", "b", 0, 50), span("c", "p", 60, 40)];
    expect(path(spans)).toEqual(["b", "b0", "b1", "c", "p"]);
  });

  it("starts from the root, or from the orphan that ends last when no root arrived", () => {
    expect(path([span("o1", "gone", 0, 10), span("o2", "gone", 0, 50), span("o2a", "o2", 10, 40), span("o1a", "o1", 0, 10)])).toEqual(["o2", "o2a"]);
    expect(path([])).toEqual([]);
  });
});
