// Budget JSON on the wire: zod schemas for create/patch and the mapping to rows.
import { z } from "zod";
import type { BudgetChannelJson, BudgetScopeJson } from "@/drizzle/schema";
import { isValidTimeZone, type BudgetPeriod } from "./period";

const label = z.string().trim().min(1).max(200);

const httpUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((v) => {
    try {
      const u = new URL(v);
      return u.protocol === "http:" || u.protocol === "https:";
    } catch {
      return false;
    }
  }, "must be an http(s) URL");

export const budgetScope = z
  .object({
    agent: label.optional(),
    service: label.optional(),
    environment: label.optional(),
    model: label.optional(),
    provider: label.optional(),
    userId: label.optional(),
    metadata: z
      .record(z.string().trim().min(1).max(200), label)
      .refine((m) => Object.keys(m).length <= 10, "at most 10 metadata keys")
      .optional(),
  })
  .strict();

export const budgetChannel = z.discriminatedUnion("type", [
  z.object({ type: z.literal("webhook"), url: httpUrl, secret: z.string().min(8).max(256) }).strict(),
  z.object({ type: z.literal("slack"), url: httpUrl }).strict(),
  z.object({ type: z.literal("email"), to: z.email() }).strict(),
]);

const fields = z
  .object({
    name: label,
    scope: budgetScope.default({}),
    period: z.enum(["day", "week", "month", "rolling"]),
    windowHours: z.number().int().min(1).max(24 * 366).nullable().optional(),
    timezone: z.string().trim().min(1).max(64).default("UTC").refine(isValidTimeZone, "unknown IANA time zone"),
    amountUsd: z.number().min(0.000001, "must be at least $0.000001").max(1e9),
    thresholds: z
      .array(z.number().int().min(1).max(1000))
      .min(1)
      .max(20)
      .default([50, 80, 100])
      .refine((a) => a.every((v, i) => i === 0 || v > (a[i - 1] ?? 0)), "must be sorted ascending without duplicates"),
    forecast: z.boolean().default(false),
    channels: z.array(budgetChannel).max(10).default([]),
  })
  .strict();

export const budgetInput = fields.superRefine((b, ctx) => {
  if (b.period === "rolling" && (b.windowHours === undefined || b.windowHours === null)) {
    ctx.addIssue({ code: "custom", path: ["windowHours"], message: "required for a rolling period" });
  }
  if (b.period !== "rolling" && b.windowHours !== undefined && b.windowHours !== null) {
    ctx.addIssue({ code: "custom", path: ["windowHours"], message: "only allowed for a rolling period" });
  }
});

/** A patch is any subset of the fields; it is merged onto the stored budget and re-validated whole. */
export const budgetPatch = z.record(z.string(), z.unknown());

export type BudgetInput = z.infer<typeof budgetInput>;

export interface BudgetJson {
  id: number;
  name: string;
  scope: BudgetScopeJson;
  period: BudgetPeriod;
  windowHours?: number;
  timezone: string;
  amountUsd: number;
  thresholds: number[];
  forecast: boolean;
  channels: BudgetChannelJson[];
  createdAt: string;
  updatedAt: string;
}

export const usdToMicro = (usd: number): number => Math.round(usd * 1e6);
export const microToUsd = (micro: number): number => micro / 1e6;
