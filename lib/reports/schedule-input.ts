// Report schedule JSON on the wire: the zod schema for create/patch and the response shape.
// Browser-safe types (the dialog and list import them).
import { z } from "zod";
import type { DeliveryJson } from "@/lib/budgets/alert-list";
import type { BudgetChannelJson } from "@/drizzle/schema";
import { budgetChannel } from "@/lib/budgets/budget-input";
import { isValidTimeZone } from "@/lib/budgets/period";
import type { Cadence } from "./schedule-period";

export const SCHEDULE_GROUP_BYS = ["day", "agent", "model"] as const;
export type ScheduleGroupBy = (typeof SCHEDULE_GROUP_BYS)[number];

export const scheduleInput = z
  .object({
    name: z.string().trim().min(1).max(200),
    cadence: z.enum(["weekly", "monthly"]),
    timezone: z.string().trim().min(1).max(64).default("UTC").refine(isValidTimeZone, "unknown IANA time zone"),
    groupBy: z.enum(SCHEDULE_GROUP_BYS).default("day"),
    enabled: z.boolean().default(true),
    channels: z.array(budgetChannel).min(1, "add at least one channel").max(10),
  })
  .strict();

/** A patch is any subset of the fields; it is merged onto the stored schedule and re-validated whole. */
export const schedulePatch = z.record(z.string(), z.unknown());

export type ScheduleInput = z.infer<typeof scheduleInput>;

/** Every attempt, as GET /api/alerts shows them (nextAttemptAt while pending). */
export type ScheduleDeliveryJson = DeliveryJson;

export interface ScheduleRunJson {
  runId: number;
  periodStart: string;
  periodEnd: string;
  manual: boolean;
  createdAt: string;
  deliveries: ScheduleDeliveryJson[];
}

export interface ScheduleJson {
  id: number;
  name: string;
  cadence: Cadence;
  timezone: string;
  groupBy: ScheduleGroupBy;
  enabled: boolean;
  channels: BudgetChannelJson[];
  /** When the next scheduled report goes out (null while disabled). */
  nextRunAt: string | null;
  /** The last 5 runs, newest first. */
  lastRuns: ScheduleRunJson[];
  createdAt: string;
  updatedAt: string;
}
