// decode → normalize → strip → price: turns decoded OTLP spans into the rows
// that may be written. Pure (no I/O); the only place raw attributes meet the
// privacy filter, and nothing raw leaves this function.
import { createHash } from "node:crypto";
import type { OtlpResource, OtlpScope, OtlpSpan } from "@/lib/otlp/types";
import { normalizeSpan } from "@/lib/semconv/normalize";
import { filterResource, filterScope, filterSpan } from "@/lib/privacy/filter";
import { pseudonymizeUserId } from "@/lib/privacy/pseudonymize";
import type { PrivacyOptions } from "@/lib/privacy/options";
import type { KeptAttributes } from "@/lib/privacy/types";
import type { PriceIndex } from "@/lib/pricing/match";
import { computeCostPico } from "@/lib/pricing/cost";
import type { SpanBatch, SpanRow } from "@/lib/db/span-writer";

export interface PrepareContext {
  privacy: PrivacyOptions;
  prices: PriceIndex;
  pseudonymKey: string;
}

export interface PreparedBatch extends SpanBatch {
  /** Content attributes dropped (denylist or value tripwire hits), for the partialSuccess warning. */
  contentHits: number;
  /** Distinct UTC start days, for partition creation. */
  startDaysMs: number[];
}

function jsonReplacer(_key: string, value: unknown): unknown {
  return typeof value === "bigint" ? value.toString() : value;
}

function addCounts(into: Map<string, number>, from: Record<string, number>): void {
  for (const k in from) into.set(k, (into.get(k) ?? 0) + (from[k] ?? 0));
}

const NS_PER_MS = 1_000_000n;
const DAY_NS = 86_400_000n * NS_PER_MS;

export function prepareBatch(spans: OtlpSpan[], ctx: PrepareContext): PreparedBatch {
  const resources = new Map<string, string>();
  const resourceHashes = new Map<OtlpResource, string>();
  const scopeAttrs = new Map<OtlpScope, KeptAttributes>();
  const droppedKeys = new Map<string, number>();
  const seen = new Set<string>();
  const days = new Set<bigint>();
  const rows: SpanRow[] = [];
  let contentHits = 0;

  for (const span of spans) {
    const identity = `${span.traceId}${span.spanId}`;
    if (seen.has(identity)) continue; // the same span twice in one request
    seen.add(identity);

    let resourceHash = resourceHashes.get(span.resource);
    if (resourceHash === undefined) {
      const filtered = filterResource(span.resource, ctx.privacy);
      const json = JSON.stringify(filtered.attributes);
      resourceHash = createHash("sha256").update(json).digest("hex").slice(0, 32);
      resourceHashes.set(span.resource, resourceHash);
      resources.set(resourceHash, json);
      addCounts(droppedKeys, filtered.droppedKeys);
      contentHits += filtered.contentHits;
    }
    let scope = scopeAttrs.get(span.scope);
    if (!scope) {
      const fs = filterScope(span.scope, ctx.privacy);
      scope = { ...fs.attributes };
      if (fs.name) scope["otel.scope.name"] = fs.name;
      if (fs.version) scope["otel.scope.version"] = fs.version;
      scopeAttrs.set(span.scope, scope);
      addCounts(droppedKeys, fs.droppedKeys);
      contentHits += fs.contentHits;
    }

    const n = normalizeSpan(span);
    const f = filterSpan(span, ctx.privacy);
    addCounts(droppedKeys, f.droppedKeys);
    contentHits += f.contentHits;

    const durationNs = span.endTimeUnixNano > span.startTimeUnixNano ? span.endTimeUnixNano - span.startTimeUnixNano : 0n;
    const model = n.responseModel ?? n.requestModel;
    let costPico: bigint | null = null;
    let priceId: number | null = null;
    if (n.billable) {
      const price = ctx.prices.find(n.provider, model, new Date(Number(span.startTimeUnixNano / NS_PER_MS)));
      if (price) {
        priceId = price.id ?? null;
        costPico = computeCostPico(
          {
            uncachedInputTokens: n.uncachedInputTokens,
            cacheReadTokens: n.cacheReadTokens,
            cacheWriteTokens: n.cacheWriteTokens,
            outputTokens: n.outputTokens,
            reasoningTokens: n.reasoningTokens,
            reasoningExclusive: n.reasoningExclusive,
          },
          price,
        );
      }
    }
    days.add(span.startTimeUnixNano / DAY_NS);
    const droppedKeyCount = Object.values(f.droppedKeys).reduce((a, b) => a + b, 0);
    rows.push({
      traceId: span.traceId,
      spanId: span.spanId,
      parentSpanId: span.parentSpanId,
      startNs: span.startTimeUnixNano,
      durationNs,
      name: f.name,
      kind: span.kind,
      statusCode: span.status.code,
      errorType: n.errorType,
      operation: n.operation,
      provider: n.provider,
      requestModel: n.requestModel,
      responseModel: n.responseModel,
      inputTokens: n.inputTokens,
      outputTokens: n.outputTokens,
      cacheReadTokens: n.cacheReadTokens,
      cacheWriteTokens: n.cacheWriteTokens,
      reasoningTokens: n.reasoningTokens,
      billable: n.billable,
      usageScope: n.usageScope,
      costPico,
      priceId,
      reportedCostUsd: n.reportedCostUsd,
      agentName: n.agentName,
      toolName: n.toolName,
      conversationId: n.conversationId,
      userId: n.userId === null ? null : pseudonymizeUserId(n.userId, ctx.pseudonymKey),
      serviceName: n.serviceName,
      environment: n.environment,
      resourceHash,
      finishReasons: n.finishReasons,
      // Object.assign, not spread: f.attributes has a null prototype and spreading it is ~6 µs/span (bench/README.md).
      attributes: JSON.stringify(Object.assign({}, scope, f.attributes)),
      events: f.events.length > 0 ? JSON.stringify(f.events, jsonReplacer) : null,
      droppedKeyCount,
    });
  }
  return {
    spans: rows,
    resources,
    droppedKeys,
    contentHits,
    startDaysMs: [...days].map((d) => Number(d * 86_400_000n)),
  };
}
