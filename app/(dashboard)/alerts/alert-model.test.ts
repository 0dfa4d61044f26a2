// The alerts timeline's pure parts (components/alerts/alert-model.ts): normalizing what
// /api/alerts sends (old and new shapes), links, grouping, filters, relative times.
import { describe, expect, it } from "vitest";
import {
  clockTime,
  deliveriesByChannel,
  groupByDay,
  matchesTypes,
  normalizeAlert,
  parseTypes,
  relativeTime,
  traceLink,
  typesParam,
  usdShort,
  type Alert,
} from "@/components/alerts/alert-model";

const oldBudgetAlert = {
  id: 12,
  budgetId: 3,
  budgetName: "Monthly OpenAI",
  type: "budget.threshold" as const,
  threshold: 80,
  periodStart: "2025-11-01T00:00:00.000Z",
  periodEnd: "2025-12-01T00:00:00.000Z",
  spentUsd: 812,
  amountUsd: 1000,
  percent: 81.2,
  forecastUsd: null,
  firedAt: "2025-11-20T10:00:00.000Z",
  deliveries: [
    { channelIndex: 0, channelType: "webhook", attempt: 1, status: "failed" as const, httpStatus: 500, error: "http error", createdAt: "2025-11-20T10:00:01.000Z", nextAttemptAt: null },
    { channelIndex: 0, channelType: "webhook", attempt: 2, status: "pending" as const, httpStatus: null, error: null, createdAt: "2025-11-20T10:00:01.000Z", nextAttemptAt: "2025-11-20T10:00:31.000Z" },
  ],
};

describe("normalizeAlert", () => {
  it("fills key, source, state, title and url for a budget alert from a server without them", () => {
    const a = normalizeAlert(oldBudgetAlert);
    expect(a.key).toBe("budget:12");
    expect(a.source).toBe("budget");
    expect(a.state).toBe("fired");
    expect(a.title).toBe("Monthly OpenAI reached 80 % ($812 of $1,000)");
    expect(a.url).toBe("/traces?from=2025-11-01T00%3A00%3A00.000Z&to=2025-12-01T00%3A00%3A00.000Z");
    expect(a.deliveries).toHaveLength(2);
    expect(a.deliveries[1]!.nextAttemptAt).toBe("2025-11-20T10:00:31.000Z");
  });

  it("keeps the server's key, title, url and state for a rule event", () => {
    const a = normalizeAlert({
      id: 7,
      key: "rule:7",
      source: "rule",
      type: "rule.error_rate",
      state: "resolved",
      title: "Error rate back to 2 % (limit 10 %)",
      firedAt: "2025-11-20T10:00:00.000Z",
      url: "/traces?agent=a",
      deliveries: [],
      ruleId: 1,
    } as Parameters<typeof normalizeAlert>[0]);
    expect(a).toMatchObject({ key: "rule:7", source: "rule", type: "rule.error_rate", state: "resolved", title: "Error rate back to 2 % (limit 10 %)", url: "/traces?agent=a" });
  });

  it("survives missing fields and an unknown type", () => {
    const a = normalizeAlert({ id: 3, type: "rule.something_new" as never, ruleName: "R" });
    expect(a.source).toBe("rule");
    expect(a.type).toBe("rule.trace_cost");
    expect(a.key).toBe("rule:3");
    expect(a.title).toBe("R: runaway trace");
    expect(a.deliveries).toEqual([]);
    expect(a.url).toBeNull();
  });

  it("titles a forecast alert with and without a forecast figure", () => {
    expect(normalizeAlert({ ...oldBudgetAlert, type: "budget.forecast", forecastUsd: 1140.5 }).title).toBe("Monthly OpenAI is forecast at $1,140.50 (budget $1,000)");
    expect(normalizeAlert({ ...oldBudgetAlert, type: "budget.forecast", forecastUsd: null }).title).toBe("Monthly OpenAI is forecast to exceed $1,000");
  });

  it("drops nextAttemptAt of settled deliveries and treats an unknown status as pending", () => {
    const a = normalizeAlert({ ...oldBudgetAlert, deliveries: [{ channelIndex: 1, status: "ok", nextAttemptAt: "2025-11-20T10:00:00Z" }, { channelIndex: 2, status: "weird" as never }] });
    expect(a.deliveries[0]!.nextAttemptAt).toBeNull();
    expect(a.deliveries[1]!.status).toBe("pending");
  });
});

describe("usdShort", () => {
  it("keeps whole dollars whole and small amounts readable", () => {
    expect(usdShort(1000)).toBe("$1,000");
    expect(usdShort(12.5)).toBe("$12.50");
    expect(usdShort(0.0042)).toBe("$0.0042");
    expect(usdShort(0)).toBe("$0");
  });
});

describe("traceLink", () => {
  it("adds a non-default project to a relative link", () => {
    expect(traceLink("/traces?from=a&to=b", "team-x")).toBe("/traces?from=a&to=b&project=team-x");
    expect(traceLink("/traces", "team x")).toBe("/traces?project=team%20x");
  });
  it("leaves the default project and links that name one alone", () => {
    expect(traceLink("/traces?from=a", "default")).toBe("/traces?from=a");
    expect(traceLink("/traces?project=p&from=a", "q")).toBe("/traces?project=p&from=a");
  });
  it("refuses anything that is not a same-site path", () => {
    expect(traceLink("https://evil.example/traces", "default")).toBeNull();
    expect(traceLink("//evil.example/traces", "default")).toBeNull();
    expect(traceLink("javascript:alert(1)", "default")).toBeNull();
    expect(traceLink(null, "default")).toBeNull();
  });
});

describe("deliveriesByChannel", () => {
  it("orders channels and attempts, and takes the newest attempt as the channel's status", () => {
    const a = normalizeAlert(oldBudgetAlert);
    const rows = deliveriesByChannel([...a.deliveries].reverse());
    expect(rows).toHaveLength(1);
    expect(rows[0]!.attempts.map((d) => d.attempt)).toEqual([1, 2]);
    expect(rows[0]!.latest.status).toBe("pending");
    expect(rows[0]!.channelType).toBe("webhook");
  });
});

const at = (key: string, firedAt: string, type: Alert["type"] = "budget.threshold"): Alert => normalizeAlert({ key, id: 1, type, firedAt, title: key });

describe("groupByDay", () => {
  it("groups consecutive alerts by calendar day with Today and Yesterday labels", () => {
    const now = new Date("2025-11-20T12:00:00Z");
    const groups = groupByDay([at("a", "2025-11-20T11:00:00Z"), at("b", "2025-11-20T00:10:00Z"), at("c", "2025-11-19T23:00:00Z"), at("d", "2025-11-03T09:00:00Z")], now, "UTC");
    expect(groups.map((g) => [g.label, g.alerts.map((x) => x.key)])).toEqual([
      ["Today", ["a", "b"]],
      ["Yesterday", ["c"]],
      ["Mon, 3 Nov 2025", ["d"]],
    ]);
  });
  it("uses the given time zone for day boundaries", () => {
    const now = new Date("2025-11-20T12:00:00Z");
    const groups = groupByDay([at("a", "2025-11-20T02:00:00Z")], now, "America/New_York");
    expect(groups[0]!.label).toBe("Yesterday");
  });
});

describe("type filters", () => {
  it("round-trips through the URL and ignores unknown types", () => {
    const set = parseTypes("rule.trace_cost,bogus,budget.threshold");
    expect([...set].sort()).toEqual(["budget.threshold", "rule.trace_cost"]);
    expect(typesParam(set)).toBe("budget.threshold,rule.trace_cost");
    expect(typesParam(new Set())).toBeNull();
    expect(parseTypes(null).size).toBe(0);
  });
  it("matches everything when nothing is selected", () => {
    const a = at("a", "2025-11-20T11:00:00Z", "rule.p95_latency");
    expect(matchesTypes(a, new Set())).toBe(true);
    expect(matchesTypes(a, new Set(["rule.p95_latency"]))).toBe(true);
    expect(matchesTypes(a, new Set(["budget.threshold"]))).toBe(false);
  });
});

describe("relativeTime / clockTime", () => {
  const now = new Date("2025-11-20T12:00:00Z");
  it("reads past and future times", () => {
    expect(relativeTime("2025-11-20T11:59:50Z", now)).toBe("just now");
    expect(relativeTime("2025-11-20T11:56:00Z", now)).toBe("4 min ago");
    expect(relativeTime("2025-11-20T09:00:00Z", now)).toBe("3 h ago");
    expect(relativeTime("2025-11-18T12:00:00Z", now)).toBe("2 d ago");
    expect(relativeTime("2025-11-20T12:00:30Z", now)).toBe("in 30 s");
    expect(relativeTime("2025-11-20T12:02:00Z", now)).toBe("in 2 min");
  });
  it("prints a 24-hour clock", () => {
    expect(clockTime("2025-11-20T14:05:10Z", "UTC")).toBe("14:05:10");
  });
});
