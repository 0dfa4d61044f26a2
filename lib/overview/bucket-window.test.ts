import { describe, expect, it } from "vitest";
import { bucketWindow, dragWindow } from "./bucket-window";
import { toChartData } from "./chart-data";
import { costByModel } from "./test-fixtures";

const rows = toChartData(costByModel).rows;

describe("bucketWindow", () => {
  it("is the clicked bucket's start and end", () => {
    expect(bucketWindow(rows, 1)).toEqual({ from: "2025-03-12T13:00:00.000Z", to: "2025-03-12T14:00:00.000Z" });
    expect(bucketWindow(rows, 9)).toBeNull();
  });
});

describe("dragWindow", () => {
  it("covers both end buckets whichever way the drag went", () => {
    const w = { from: "2025-03-12T12:00:00.000Z", to: "2025-03-12T15:00:00.000Z" };
    expect(dragWindow(rows, 0, 2)).toEqual(w);
    expect(dragWindow(rows, 2, 0)).toEqual(w);
    expect(dragWindow(rows, 0, 7)).toBeNull();
  });
});
