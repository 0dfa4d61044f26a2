"use client";

// The agents and models tables: which agent costs what per successful run, which model fails or caches.
import type { UseQueryResult } from "@tanstack/react-query";
import type { BreakdownItem, BreakdownResponse } from "@/lib/metrics/breakdown-types";
import { bySpend, cacheHitRatio } from "@/lib/overview/breakdown-rows";
import { formatPercent, formatPercentExact } from "@/lib/overview/format-percent";
import { formatCount, formatDuration, formatUsd, formatUsdExact } from "@/lib/format";
import { BreakdownTable, type Column } from "./breakdown-table";

/** Below this a model's error rate is routine noise and stays uncoloured. */
const NOTABLE_ERROR_RATE = 0.05;
const count = (n: number) => n.toLocaleString("en-US");
const p95 = (i: BreakdownItem) => `p50 ${formatDuration(i.p50Ms)} · p95 ${formatDuration(i.p95Ms)} · p99 ${formatDuration(i.p99Ms)}`;

const AGENT_COLUMNS: Column[] = [
  { label: "Runs", render: (i) => formatCount(i.traces), title: (i) => `${count(i.traces)} runs · ${count(i.calls)} LLM calls` },
  { label: "Success", help: "Successful runs / runs with a root span", render: (i) => formatPercent(i.successRate), title: (i) => formatPercentExact(i.successRate) },
  { label: "p95", help: "Run duration", render: (i) => formatDuration(i.p95Ms), title: p95 },
  {
    label: "Cost / success",
    help: "Cost per successful transaction: all spend of the agent's runs (failed ones too) / successful runs",
    render: (i) => (i.costPerSuccessfulTraceUsd === null ? "—" : formatUsd(i.costPerSuccessfulTraceUsd)),
    title: (i) => (i.costPerSuccessfulTraceUsd === null ? "No successful run" : formatUsdExact(i.costPerSuccessfulTraceUsd)),
  },
];

const MODEL_COLUMNS: Column[] = [
  { label: "Calls", render: (i) => formatCount(i.calls), title: (i) => `${count(i.calls)} LLM calls in ${count(i.traces)} runs` },
  {
    label: "Error rate",
    help: "LLM calls with error status / LLM calls (red from 5%)",
    render: (i) => <span className={(i.llmErrorRate ?? 0) >= NOTABLE_ERROR_RATE ? "text-danger" : undefined}>{formatPercent(i.llmErrorRate)}</span>,
    title: (i) => formatPercentExact(i.llmErrorRate),
  },
  { label: "p95", help: "Call duration", render: (i) => formatDuration(i.p95Ms), title: p95 },
  {
    label: "Tokens in / out",
    render: (i) => `${formatCount(i.inputTokens)} / ${formatCount(i.outputTokens)}`,
    title: (i) => `${count(i.inputTokens)} input (${count(i.cacheReadTokens)} cache read) · ${count(i.outputTokens)} output tokens`,
  },
  {
    label: "Cache hit",
    help: "Cache-read tokens / input tokens",
    render: (i) => formatPercent(cacheHitRatio(i)),
    title: (i) => `${formatPercentExact(cacheHitRatio(i))} of input tokens read from cache`,
  },
];

interface Props {
  agents: UseQueryResult<BreakdownResponse>;
  models: UseQueryResult<BreakdownResponse>;
  hrefFor: (by: "agent" | "model", key: string) => string;
}

export function BreakdownTables({ agents, models, hrefFor }: Props) {
  return (
    <div className="grid gap-3 2xl:grid-cols-2">
      <BreakdownTable
        title="Agents"
        keyLabel="Agent"
        columns={AGENT_COLUMNS}
        items={agents.data ? bySpend(agents.data.items) : undefined}
        pending={agents.isPending}
        error={agents.error}
        onRetry={() => void agents.refetch()}
        hrefFor={(i) => hrefFor("agent", i.key)}
        emptyText="No agent runs in this time range. Runs are attributed to an agent by gen_ai.agent.name (or the dialect's equivalent)."
      />
      <BreakdownTable
        title="Models"
        keyLabel="Model"
        columns={MODEL_COLUMNS}
        items={models.data ? bySpend(models.data.items) : undefined}
        pending={models.isPending}
        error={models.error}
        onRetry={() => void models.refetch()}
        hrefFor={(i) => hrefFor("model", i.key)}
        emptyText="No LLM calls in this time range."
      />
    </div>
  );
}
