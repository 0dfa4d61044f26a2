// Alert rule JSON on the wire: zod schema (with per-kind defaults) and types.
import { z } from "zod";
import type { AlertRuleKind, BudgetChannelJson, RuleScopeJson } from "@/drizzle/schema";
import { budgetChannel } from "@/lib/budgets/budget-input";

export const RULE_KINDS = ["trace_cost", "error_rate", "p95_latency", "unpriced_model"] as const satisfies readonly AlertRuleKind[];

const label = z.string().trim().min(1).max(200);

export const ruleScope = z.object({ agent: label.optional(), service: label.optional(), environment: label.optional(), model: label.optional() }).strict();

/** Kinds measured over a sliding window of recent traces. */
export const isWindowKind = (k: AlertRuleKind): boolean => k === "error_rate" || k === "p95_latency";

export const DEFAULT_WINDOW_MINUTES = 15;
export const DEFAULT_MIN_TRACES = 10;

export const ruleInput = z
  .object({
    name: label,
    kind: z.enum(RULE_KINDS),
    scope: ruleScope.default({}),
    threshold: z.number().positive("must be above 0").max(1e9).nullable().optional(),
    windowMinutes: z.number().int().min(5, "at least 5 minutes").max(1440, "at most 24 hours").nullable().optional(),
    minTraces: z.number().int().min(1).max(1_000_000).nullable().optional(),
    enabled: z.boolean().default(true),
    channels: z.array(budgetChannel).max(10).default([]),
  })
  .strict()
  .superRefine((r, ctx) => {
    const has = (v: unknown) => v !== undefined && v !== null;
    if (r.kind === "unpriced_model") {
      if (has(r.threshold)) ctx.addIssue({ code: "custom", path: ["threshold"], message: "not used by unpriced_model" });
    } else if (!has(r.threshold)) {
      ctx.addIssue({ code: "custom", path: ["threshold"], message: "required" });
    }
    if (r.kind === "error_rate" && (r.threshold ?? 0) > 100) ctx.addIssue({ code: "custom", path: ["threshold"], message: "a percent: at most 100" });
    if (!isWindowKind(r.kind)) {
      for (const k of ["windowMinutes", "minTraces"] as const) {
        if (has(r[k])) ctx.addIssue({ code: "custom", path: [k], message: `only for error_rate and p95_latency` });
      }
    }
  })
  .transform((r) => ({
    ...r,
    threshold: r.kind === "unpriced_model" ? null : (r.threshold ?? null),
    windowMinutes: isWindowKind(r.kind) ? (r.windowMinutes ?? DEFAULT_WINDOW_MINUTES) : null,
    minTraces: isWindowKind(r.kind) ? (r.minTraces ?? DEFAULT_MIN_TRACES) : null,
  }));

export type RuleInput = z.output<typeof ruleInput>;

export interface RuleJson {
  id: number;
  name: string;
  kind: AlertRuleKind;
  scope: RuleScopeJson;
  threshold: number | null;
  windowMinutes: number | null;
  minTraces: number | null;
  enabled: boolean;
  channels: BudgetChannelJson[];
  state: "ok" | "firing";
  createdAt: string;
  updatedAt: string;
}
