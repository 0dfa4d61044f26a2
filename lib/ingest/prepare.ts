// decode → normalize → strip → price: turns decoded OTLP spans into the rows
// that may be written. Pure (no I/O); the only place raw attributes meet the
// privacy filter, and nothing raw leaves this function.
import { createHash } from "node:crypto";
import type { Attributes, OtlpResource, OtlpScope, OtlpSpan } from "@/lib/otlp/types";
import { normalizeSpan } from "@/lib/semconv/normalize";
import { filterResource, filterScope, filterSpan } from "@/lib/privacy/filter";
import { pseudonymizeUserIdMemo } from "@/lib/privacy/pseudonymize";
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

/** Adds per-pattern counts into `into`; returns their total. */
function addCounts(into: Map<string, number>, from: Record<string, number>): number {
  let total = 0;
  for (const k in from) {
    const n = from[k] ?? 0;
    into.set(k, (into.get(k) ?? 0) + n);
    total += n;
  }
  return total;
}

const NS_PER_MS = 1_000_000n;
const DAY_MS = 86_400_000;

/** The kept attributes' JSON with the scope's entries first (as Object.assign({}, scope, attributes) would order them). */
function attributesJson(scope: KeptAttributes, scopeJson: string, attributes: KeptAttributes): string {
  let empty = true;
  for (const k in attributes) {
    empty = false;
    // A span key repeating a scope key takes the scope key's place: let Object.assign order it.
    if (Object.hasOwn(scope, k)) return JSON.stringify(Object.assign({}, scope, attributes));
  }
  if (empty) return scopeJson;
  if (scopeJson === "{}") return JSON.stringify(attributes);
  // "{…scope…}" + "{…span…}" → "{…scope…,…span…}"
  return `${scopeJson.slice(0, -1)},${JSON.stringify(attributes).slice(1)}`;
}

export function prepareBatch(spans: OtlpSpan[], ctx: PrepareContext): PreparedBatch {
  const p = new BatchPreparer(ctx);
  const rows: SpanRow[] = [];
  for (const span of spans) {
    const row = p.add(span);
    if (row) rows.push(row);
  }
  return { spans: rows, ...p.finish() };
}

/**
 * prepareBatch one span at a time: add() turns each span into its row as it arrives (null
 * for a span repeated in the request), so a caller can encode the row and let the span and
 * the row go (the worker path does, keeping a request's live objects few); finish() gives
 * what the batch as a whole produced.
 */
export class BatchPreparer {
  private readonly resources = new Map<string, string>();
  /**
   * Per resource and scope object, made again when its attributes object is another one: a
   * decoder that meets a resource or scope field after some of its spans gives it a new one
   * (wire-reader.ts), and the spans that follow must see what came.
   */
  private readonly resourceHashes = new Map<OtlpResource, { from: Attributes; hash: string }>();
  private readonly scopeAttrs = new Map<OtlpScope, { from: Attributes; attributes: KeptAttributes; json: string }>();
  private readonly droppedKeys = new Map<string, number>();
  private readonly seen = new Set<string>();
  private readonly days = new Set<number>();
  private contentHits = 0;
  // One batch's pseudonyms, shared by the filter (user id attributes) and the user_id column.
  private readonly pseudonyms = new Map<string, string>();
  private readonly privacy: PrivacyOptions;

  constructor(private readonly ctx: PrepareContext) {
    this.privacy = { ...ctx.privacy, pseudonyms: this.pseudonyms };
  }

  add(span: OtlpSpan): SpanRow | null {
    const { ctx, privacy, droppedKeys } = this;
    const identity = `${span.traceId}${span.spanId}`;
    if (this.seen.has(identity)) return null; // the same span twice in one request
    this.seen.add(identity);

    const known = this.resourceHashes.get(span.resource);
    let resourceHash = known?.from === span.resource.attributes ? known.hash : undefined;
    if (resourceHash === undefined) {
      const filtered = filterResource(span.resource, privacy);
      const json = JSON.stringify(filtered.attributes);
      resourceHash = createHash("sha256").update(json).digest("hex").slice(0, 32);
      this.resourceHashes.set(span.resource, { from: span.resource.attributes, hash: resourceHash });
      this.resources.set(resourceHash, json);
      addCounts(droppedKeys, filtered.droppedKeys);
      this.contentHits += filtered.contentHits;
    }
    let scope = this.scopeAttrs.get(span.scope);
    if (!scope || scope.from !== span.scope.attributes) {
      const fs = filterScope(span.scope, privacy);
      const attributes: KeptAttributes = { ...fs.attributes };
      if (fs.name) attributes["otel.scope.name"] = fs.name;
      if (fs.version) attributes["otel.scope.version"] = fs.version;
      scope = { from: span.scope.attributes, attributes, json: JSON.stringify(attributes) };
      this.scopeAttrs.set(span.scope, scope);
      addCounts(droppedKeys, fs.droppedKeys);
      this.contentHits += fs.contentHits;
    }

    const n = normalizeSpan(span);
    const f = filterSpan(span, privacy);
    const droppedKeyCount = addCounts(droppedKeys, f.droppedKeys);
    this.contentHits += f.contentHits;

    const durationNs = span.endTimeUnixNano > span.startTimeUnixNano ? span.endTimeUnixNano - span.startTimeUnixNano : 0n;
    // Exact: whole milliseconds since 1970 fit a double; floor division as BigInt division does for ≥ 0.
    const startMs = Number(span.startTimeUnixNano / NS_PER_MS);
    const model = n.responseModel ?? n.requestModel;
    let costPico: bigint | null = null;
    let priceId: number | null = null;
    if (n.billable) {
      const price = ctx.prices.find(n.provider, model, startMs);
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
    this.days.add(Math.floor(startMs / DAY_MS));
    return {
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
      userId: n.userId === null ? null : pseudonymizeUserIdMemo(n.userId, ctx.pseudonymKey, this.pseudonyms),
      serviceName: n.serviceName,
      environment: n.environment,
      resourceHash,
      finishReasons: n.finishReasons,
      attributes: attributesJson(scope.attributes, scope.json, f.attributes),
      events: f.events.length > 0 ? JSON.stringify(f.events, jsonReplacer) : null,
      droppedKeyCount,
    };
  }

  /** Everything but the rows: resources, dropped-key counts, content hits, start days. */
  finish(): Omit<PreparedBatch, "spans"> {
    return {
      resources: this.resources,
      droppedKeys: this.droppedKeys,
      contentHits: this.contentHits,
      startDaysMs: [...this.days].map((d) => d * DAY_MS),
    };
  }
}
