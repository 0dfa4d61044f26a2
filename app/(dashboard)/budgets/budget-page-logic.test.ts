// The budgets page's pure parts (components/budgets/*.ts and components/channels/channel-checks.ts):
// vitest collects tests under app/, lib/ and test/ only, so they are tested from here.
import { describe, expect, it } from "vitest";
import { barGeometry, budgetTone, budgetUsd, forecastDeadline, percentLabel, periodLabel, previewSentence, scopeChips, tracesHref } from "@/components/budgets/budget-display";
import { addThreshold, draftFrom, draftIssues, previewBody, thresholdIssue, toBody, type BudgetDraft } from "@/components/budgets/budget-draft";
import { channelIssues } from "@/components/channels/channel-checks";
import type { BudgetPreview } from "@/lib/budgets/preview";

describe("budget display", () => {
  it("turns amber at 80 % and red at 100 %", () => {
    expect([0, 79.99, 80, 99.99, 100, 250].map(budgetTone)).toEqual(["ok", "ok", "warning", "warning", "over", "over"]);
  });

  it("writes figures like the card: $612 of $1,000, cents below $100, a $0.01 budget readable", () => {
    expect([612.4, 1000, 1140.5, 8.2, 6.96037, 12, 0.01, 0.0042, 0].map(budgetUsd)).toEqual(["$612", "$1,000", "$1,141", "$8.20", "$6.96", "$12", "$0.01", "$0.0042", "$0"]);
    // Floored: 79.9 % has not reached the 80 % threshold.
    expect([61.7, 79.99, 100, 1234.5].map(percentLabel)).toEqual(["61 %", "79 %", "100 %", "1,234 %"]);
  });

  it("keeps the 100 % mark on the bar, draws the forecast after the spend, and caps the scale", () => {
    const g = barGeometry(61, 114, [50, 80, 100]);
    expect(g.scaleMax).toBe(114);
    expect(g.spentWidth).toBeCloseTo((61 / 114) * 100);
    expect(g.spentWidth + g.forecastWidth).toBeCloseTo(100);
    expect(g.ticks.map((t) => [t.threshold, t.reached])).toEqual([[50, true], [80, false], [100, false]]);
    expect(barGeometry(30, null, [50, 80, 100])).toMatchObject({ scaleMax: 100, spentWidth: 30, forecastWidth: 0 });
    // A forecast below the spend (spend slowed down) draws no ghost.
    expect(barGeometry(90, 85, [100]).forecastWidth).toBe(0);
    const over = barGeometry(400, 900, [50, 80, 100, 300]);
    expect(over).toMatchObject({ scaleMax: 150, spentWidth: 100, forecastWidth: 0 });
    expect(over.ticks.map((t) => t.threshold)).toEqual([50, 80, 100]);
  });

  it("labels periods in the budget's time zone", () => {
    const nov = { periodStart: "2026-10-31T23:00:00.000Z", periodEnd: "2026-11-30T23:00:00.000Z" };
    expect(periodLabel({ period: "month", timezone: "Europe/Paris" }, nov)).toBe("Monthly · Nov 1 – Nov 30 · Europe/Paris");
    expect(forecastDeadline("month", nov.periodEnd, "Europe/Paris")).toBe("by Nov 30");
    expect(forecastDeadline("month", nov.periodEnd, "UTC")).toBe("by Nov 30");
    expect(forecastDeadline("day", nov.periodEnd, "UTC")).toBe("by midnight");
    expect(periodLabel({ period: "day", timezone: "UTC" }, { periodStart: "2026-11-23T00:00:00.000Z", periodEnd: "2026-11-24T00:00:00.000Z" })).toBe("Daily · Nov 23 · UTC");
    expect(periodLabel({ period: "rolling", windowHours: 6, timezone: "UTC" })).toBe("Rolling · last 6 h");
    expect(periodLabel({ period: "rolling", windowHours: 168, timezone: "UTC" })).toBe("Rolling · last 7 days");
  });

  it("shows the scope as chips and links the traces of the period", () => {
    expect(scopeChips({})).toEqual([]);
    expect(scopeChips({ agent: "a", environment: "prod", metadata: { "app.tier": "pro" } })).toEqual([
      { label: "agent", value: "a" },
      { label: "env", value: "prod" },
      { label: "app.tier", value: "pro" },
    ]);
    const href = tracesHref("p", { agent: "a b", userId: "u1" }, { periodStart: "2026-11-01T00:00:00.000Z", periodEnd: "2026-12-01T00:00:00.000Z" });
    expect(href).toBe("/traces?project=p&from=2026-11-01T00%3A00%3A00.000Z&to=2026-12-01T00%3A00%3A00.000Z&agent=a+b");
  });

  it("says what the scope matches", () => {
    const p: BudgetPreview = {
      periodStart: "",
      periodEnd: "",
      spentUsd: 412.3,
      forecastUsd: 1140,
      traceCount: 1204,
      spanCount: 9000,
      unpricedCalls: 0,
      agents: ["a", "b", "c", "d"],
      agentCount: 4,
      models: [],
      modelCount: 0,
    };
    expect(previewSentence(p, "month", null, 1000).text).toBe("Matches 4 agents (a, b, c +1), $412 so far this month · 41 % of the amount · 1.2k traces · on track for $1,140");
    expect(previewSentence({ ...p, agents: [], agentCount: 0, traceCount: 1, forecastUsd: null, unpricedCalls: 2 }, "rolling", 6, null).text).toBe(
      "Matches 1 trace, $412 so far in the last 6 h · 2 unpriced calls not counted",
    );
    expect(previewSentence({ ...p, spanCount: 0, traceCount: 0 }, "day", null, null)).toEqual({ text: "Matches nothing today: no spans in this scope so far.", empty: true });
  });
});

describe("budget form", () => {
  const valid = (): BudgetDraft => ({ ...draftFrom(), name: "n", amount: "1,000", timezone: "UTC" });

  it("starts a new budget at 50/80/100 % with a month in the browser's zone", () => {
    const d = draftFrom();
    expect(d).toMatchObject({ period: "month", thresholds: [50, 80, 100], forecast: false, channels: [], metadata: [] });
    expect(d.timezone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });

  it("sends only filled scope fields, whole metadata rows, and the window only when rolling", () => {
    const d: BudgetDraft = { ...valid(), scope: { ...valid().scope, agent: " bot " }, metadata: [{ key: "app.tier", value: "pro" }], period: "rolling", windowHours: "6", forecast: true };
    expect(toBody(d)).toEqual({
      name: "n",
      amountUsd: 1000,
      scope: { agent: "bot", metadata: { "app.tier": "pro" } },
      period: "rolling",
      timezone: "UTC",
      windowHours: 6,
      thresholds: [50, 80, 100],
      forecast: false,
      channels: [],
    });
    expect(previewBody({ ...d, period: "week" })).toEqual({ scope: { agent: "bot", metadata: { "app.tier": "pro" } }, period: "week", timezone: "UTC" });
    // Editing keeps what was saved.
    const again = draftFrom({ id: 1, name: "x", scope: { model: "m", metadata: { k: "v" } }, period: "rolling", windowHours: 6, timezone: "Asia/Tokyo", amountUsd: 0.01, thresholds: [90], forecast: false, channels: [{ type: "email", to: "a@b.co" }], createdAt: "", updatedAt: "" });
    expect(toBody(again)).toMatchObject({ amountUsd: 0.01, scope: { model: "m", metadata: { k: "v" } }, windowHours: 6, timezone: "Asia/Tokyo", thresholds: [90], channels: [{ type: "email", to: "a@b.co" }] });
  });

  it("names what is wrong, keyed like the API's issue paths", () => {
    expect(draftIssues(valid())).toEqual({});
    expect(draftIssues({ ...valid(), name: " ", amount: "abc", timezone: "Mars/Olympus", thresholds: [] })).toEqual({
      name: "required",
      amountUsd: "must be a number",
      timezone: "unknown IANA time zone",
      thresholds: "at least one threshold",
    });
    expect(draftIssues({ ...valid(), amount: "0" }).amountUsd).toBe("must be more than $0");
    expect(draftIssues({ ...valid(), period: "rolling", windowHours: "1.5" }).windowHours).toBeDefined();
    expect(draftIssues({ ...valid(), metadata: [{ key: "k", value: "" }, { key: "j", value: "1" }, { key: "j", value: "2" }] })).toEqual({
      "scope.metadata.0": "needs a value",
      "scope.metadata.2": "key already used",
    });
    expect(draftIssues({ ...valid(), channels: [{ type: "webhook", url: "ftp://x", secret: "short" }, { type: "email", to: "nope" }] })).toEqual({
      "channels.0.url": "must be an http(s) URL",
      "channels.0.secret": "at least 8 characters",
      "channels.1.to": "not an e-mail address",
    });
    expect(channelIssues([{ type: "slack", url: "https://hooks.slack.com/services/x" }])).toEqual({});
  });

  it("keeps thresholds sorted and unique, 1 to 1000 %", () => {
    expect(addThreshold([50, 100], 80)).toEqual([50, 80, 100]);
    expect(addThreshold([50, 80], 80)).toEqual([50, 80]);
    expect(["", "x", "0", "1001", "12.5"].map(thresholdIssue).every((i) => i !== null)).toBe(true);
    expect(thresholdIssue("120")).toBeNull();
  });
});
