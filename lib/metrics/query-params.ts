// Query-string schemas of GET /api/metrics/overview, /timeseries and /breakdown.
// from/to default to the last 24 hours; the window is [from, to) of trace start times.
import { z } from "zod";
import { BadRequestError } from "@/lib/errors";
import { BREAKDOWN_BYS, type BreakdownBy } from "./breakdown-types";
import type { TimeseriesQuery } from "./timeseries";
import { GROUP_BYS, INTERVALS, TIMESERIES_METRICS, type MetricsFilter } from "./types";

const DEFAULT_WINDOW_MS = 86_400_000;
const dim = z.string().min(1).max(256).optional();

export const metricsFilterQuery = z.object({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  agent: dim,
  model: dim,
  provider: dim,
  service: dim,
  environment: dim,
  project: z.string().optional(),
});

export const timeseriesQuery = metricsFilterQuery.extend({
  interval: z.enum(["auto", ...INTERVALS]).default("auto"),
  metric: z.enum(TIMESERIES_METRICS).default("cost"),
  groupBy: z.enum(GROUP_BYS).optional(),
});

function params(url: URL): Record<string, string> {
  return Object.fromEntries([...url.searchParams.entries()].filter(([, v]) => v !== ""));
}

function toFilter(q: z.infer<typeof metricsFilterQuery>, projectId: number, now: Date): MetricsFilter {
  const to = q.to ? new Date(q.to) : now;
  const from = q.from ? new Date(q.from) : new Date(to.getTime() - DEFAULT_WINDOW_MS);
  if (from >= to) throw new BadRequestError("from must be before to");
  return {
    projectId,
    from,
    to,
    ...(q.agent && { agent: q.agent }),
    ...(q.model && { model: q.model }),
    ...(q.provider && { provider: q.provider }),
    ...(q.service && { service: q.service }),
    ...(q.environment && { environment: q.environment }),
  };
}

export function parseOverviewQuery(url: URL, projectId: number, now = new Date()): MetricsFilter {
  return toFilter(metricsFilterQuery.parse(params(url)), projectId, now);
}

export function parseTimeseriesQuery(url: URL, projectId: number, now = new Date()): TimeseriesQuery {
  const q = timeseriesQuery.parse(params(url));
  return { filter: toFilter(q, projectId, now), interval: q.interval, metric: q.metric, groupBy: q.groupBy ?? null };
}

export const breakdownQuery = metricsFilterQuery.extend({ by: z.enum(BREAKDOWN_BYS) });

export function parseBreakdownQuery(url: URL, projectId: number, now = new Date()): { filter: MetricsFilter; by: BreakdownBy } {
  const q = breakdownQuery.parse(params(url));
  return { filter: toFilter(q, projectId, now), by: q.by };
}
