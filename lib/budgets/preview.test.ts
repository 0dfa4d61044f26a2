import { describe, expect, it } from "vitest";
import { budgetPreviewInput } from "./preview";

const issues = (v: unknown) => {
  const r = budgetPreviewInput.safeParse(v);
  return r.success ? [] : r.error.issues.map((i) => i.path.join("."));
};

describe("budgetPreviewInput", () => {
  it("accepts what the budget form sends and defaults the rest", () => {
    expect(budgetPreviewInput.parse({ period: "month" })).toEqual({ period: "month", scope: {}, timezone: "UTC" });
    expect(budgetPreviewInput.parse({ period: "rolling", windowHours: 6, timezone: "Europe/Paris", scope: { agent: "a", metadata: { tier: "pro" } } })).toMatchObject({
      windowHours: 6,
      scope: { agent: "a", metadata: { tier: "pro" } },
    });
  });

  it("names the field that is wrong, like the budget itself", () => {
    expect(issues({ period: "year" })).toEqual(["period"]);
    expect(issues({ period: "day", timezone: "Mars/Olympus" })).toEqual(["timezone"]);
    expect(issues({ period: "rolling" })).toEqual(["windowHours"]);
    expect(issues({ period: "rolling", windowHours: 0 })).toEqual(["windowHours"]);
    expect(issues({ period: "day", scope: { team: "x" } })).toEqual(["scope"]);
    expect(issues({ period: "day", scope: { agent: " " } })).toEqual(["scope.agent"]);
  });
});
