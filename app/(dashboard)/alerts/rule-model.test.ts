// Alert rules in the browser (components/alerts/rule-model.ts): how a rule reads, the
// draft ↔ payload mapping and live validation (a 400's issues: field-errors.test.ts).
import { describe, expect, it } from "vitest";
import {
  describeRule,
  draftFromRule,
  payloadFromDraft,
  scopeEntries,
  usdLimit,
  validateDraft,
  windowLabel,
  withKind,
  type Rule,
} from "@/components/alerts/rule-model";

const rule = (over: Partial<Rule>): Rule => ({
  id: 1,
  name: "r",
  kind: "trace_cost",
  scope: {},
  threshold: 5,
  windowMinutes: null,
  minTraces: null,
  enabled: true,
  channels: [],
  state: "ok",
  createdAt: "2025-11-20T10:00:00Z",
  updatedAt: "2025-11-20T10:00:00Z",
  ...over,
});

const nbsp = (s: string) => s.replace(/\u00a0/g, " ");

describe("describeRule", () => {
  it("reads each kind as the UI shows it", () => {
    expect(describeRule(rule({ kind: "trace_cost", threshold: 5 }))).toBe("Trace cost > $5.00");
    expect(describeRule(rule({ kind: "trace_cost", threshold: 1250 }))).toBe("Trace cost > $1,250.00");
    expect(describeRule(rule({ kind: "trace_cost", threshold: 0.0005 }))).toBe("Trace cost > $0.0005");
    expect(describeRule(rule({ kind: "error_rate", threshold: 10, windowMinutes: 15, minTraces: 10 }))).toBe("Error rate > 10 % over 15 min (min 10 traces)");
    expect(nbsp(describeRule(rule({ kind: "p95_latency", threshold: 30000, windowMinutes: 15, minTraces: 10 })))).toBe("p95 > 30 000 ms over 15 min (min 10 traces)");
    expect(describeRule(rule({ kind: "unpriced_model", threshold: null }))).toBe("Model without a price");
  });
  it("falls back to the server's defaults for a window rule without window fields", () => {
    expect(describeRule(rule({ kind: "error_rate", threshold: 2.5, windowMinutes: null, minTraces: null }))).toBe("Error rate > 2.5 % over 15 min (min 10 traces)");
    expect(describeRule(rule({ kind: "error_rate", threshold: 5, windowMinutes: 60, minTraces: 1 }))).toBe("Error rate > 5 % over 1 h (min 1 trace)");
  });
  it("formats limits and windows", () => {
    expect(usdLimit(0.05)).toBe("$0.05");
    expect(windowLabel(90)).toBe("1 h 30 min");
    expect(windowLabel(1440)).toBe("24 h");
  });
});

describe("scopeEntries", () => {
  it("lists set scope keys in a fixed order", () => {
    expect(scopeEntries({ model: "gpt-4.1", agent: "support" })).toEqual([
      { key: "agent", value: "support" },
      { key: "model", value: "gpt-4.1" },
    ]);
    expect(scopeEntries(undefined)).toEqual([]);
  });
});

describe("draft and payload", () => {
  it("sends only the fields the kind uses, trimmed, with empty scope keys left out", () => {
    const d = { ...draftFromRule(), name: "  Runaway  ", threshold: "0.5", scope: { agent: " support ", service: "", environment: "", model: "" } };
    expect(payloadFromDraft(d)).toEqual({ name: "Runaway", kind: "trace_cost", scope: { agent: "support" }, threshold: 0.5, windowMinutes: null, minTraces: null, enabled: true, channels: [] });
    const w = withKind(d, "error_rate");
    expect(payloadFromDraft({ ...w, threshold: "12" })).toMatchObject({ kind: "error_rate", threshold: 12, windowMinutes: 15, minTraces: 10 });
    expect(payloadFromDraft(withKind(d, "unpriced_model"))).toMatchObject({ threshold: null, windowMinutes: null, minTraces: null });
  });
  it("trims channels the way the server stores them", () => {
    const d = { ...draftFromRule(), name: "x", channels: [{ type: "email" as const, to: " a@b.co " }] };
    expect(payloadFromDraft(d).channels).toEqual([{ type: "email", to: "a@b.co" }]);
  });
  it("round-trips a stored rule", () => {
    const r = rule({ kind: "p95_latency", threshold: 30000, windowMinutes: 30, minTraces: 5, scope: { environment: "prod" }, enabled: false });
    expect(payloadFromDraft(draftFromRule(r))).toEqual({ name: "r", kind: "p95_latency", scope: { environment: "prod" }, threshold: 30000, windowMinutes: 30, minTraces: 5, enabled: false, channels: [] });
  });
  it("swaps in the new kind's default threshold unless one was typed", () => {
    const d = draftFromRule();
    expect(withKind(d, "p95_latency").threshold).toBe("30000");
    expect(withKind({ ...d, threshold: "7" }, "p95_latency").threshold).toBe("7");
    expect(withKind(d, "trace_cost")).toBe(d);
  });
});

describe("validateDraft", () => {
  const ok = { ...draftFromRule(), name: "n" };
  it("passes a complete draft", () => {
    expect(validateDraft(ok)).toEqual({});
  });
  it("flags each field the server would refuse", () => {
    expect(validateDraft({ ...ok, name: " " }).name).toBeDefined();
    expect(validateDraft({ ...ok, threshold: "" }).threshold).toBe("Enter a number");
    expect(validateDraft({ ...ok, threshold: "0" }).threshold).toBe("Must be more than 0");
    expect(validateDraft({ ...ok, kind: "error_rate", threshold: "120" }).threshold).toMatch(/at most 100/);
    expect(validateDraft({ ...ok, kind: "error_rate", threshold: "5", windowMinutes: "2" }).windowMinutes).toBeDefined();
    expect(validateDraft({ ...ok, kind: "p95_latency", threshold: "5", minTraces: "0.5" }).minTraces).toBeDefined();
    expect(validateDraft({ ...ok, kind: "unpriced_model", threshold: "" })).toEqual({});
  });
  it("ignores window fields for kinds that have none", () => {
    expect(validateDraft({ ...ok, windowMinutes: "1", minTraces: "" })).toEqual({});
  });
  it("includes channel problems under channels.<i>.<field>", () => {
    const e = validateDraft({ ...ok, channels: [{ type: "webhook", url: "ftp://x", secret: "short" }] });
    expect(e["channels.0.url"]).toBe("must be an http(s) URL");
    expect(e["channels.0.secret"]).toBeDefined();
  });
});
