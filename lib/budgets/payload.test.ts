import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signature, slackMessage, tracesUrl, webhookBody, type AlertFacts } from "./payload";

const facts: AlertFacts = {
  alertId: 7,
  kind: "threshold",
  threshold: 80,
  budgetId: 3,
  budgetName: "<prod> & co",
  projectSlug: "default",
  scope: { agent: "planner", userId: "alice@example.com", metadata: { tenant: "t1" } },
  periodStart: new Date("2026-11-01T04:00:00Z"),
  periodEnd: new Date("2026-12-01T05:00:00Z"),
  spentPico: 8_500_000_000_000n,
  forecastPico: null,
  amountMicroUsd: 10_000_000,
  firedAt: new Date("2026-11-20T10:00:00Z"),
};

describe("payloads", () => {
  it("builds the webhook body without the raw user id", () => {
    const body = webhookBody(facts, new Date("2026-11-20T10:00:05Z"), "https://skein.example.com/");
    expect(body).toEqual({
      type: "budget.threshold",
      alertId: 7,
      budgetId: 3,
      budgetName: "<prod> & co",
      threshold: 80,
      periodStart: "2026-11-01T04:00:00.000Z",
      periodEnd: "2026-12-01T05:00:00.000Z",
      spentUsd: 8.5,
      amountUsd: 10,
      percent: 85,
      forecastUsd: null,
      firedAt: "2026-11-20T10:00:00.000Z",
      url: "https://skein.example.com/traces?project=default&from=2026-11-01T04%3A00%3A00.000Z&to=2026-12-01T05%3A00%3A00.000Z&agent=planner",
      timestamp: 1795168805,
    });
    expect(JSON.stringify(body)).not.toContain("alice");
  });

  it("signs the raw body with HMAC-SHA256", () => {
    const raw = '{"a":1}';
    expect(signature(raw, "s3cret-key")).toBe(`sha256=${createHmac("sha256", "s3cret-key").update(raw).digest("hex")}`);
  });

  it("escapes Slack control characters and links the traces", () => {
    expect(slackMessage(facts, "https://skein.example.com").text).toBe(
      `Budget "&lt;prod&gt; &amp; co" reached 80% of its budget: $8.50 of $10.00 (85%) spent since 2026-11-01T04:00:00.000Z. <${tracesUrl(facts, "https://skein.example.com")}|View traces>`,
    );
  });
});
