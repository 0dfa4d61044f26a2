import { canonicalModel, firstPartyProvider } from "./canonical-model";
import type { ModelPrice } from "./types";

export { canonicalModel, firstPartyProvider } from "./canonical-model";

export interface PriceIndex {
  /** The price in force at `at` for a reported provider and model id, or null (unpriced). */
  find(provider: string | null, model: string | null, at: Date | number): ModelPrice | null;
}

interface TimedPrice {
  from: number;
  /** Exclusive; Infinity when open-ended. */
  to: number;
  price: ModelPrice;
}

/** One (provider, model id) price history, newest effectiveFrom first. */
type Timeline = readonly TimedPrice[];

// Distinct (provider, model) pairs per process are few; clearing when full keeps memory bounded.
const MEMO_LIMIT = 4096;

function buildTable(prices: readonly ModelPrice[]): Map<string, Map<string, Timeline>> {
  const rows = new Map<string, Map<string, { timed: TimedPrice; order: number }[]>>();
  prices.forEach((price, order) => {
    const model = canonicalModel(price.model)[0];
    const from = Date.parse(price.effectiveFrom);
    const to = price.effectiveTo == null ? Infinity : Date.parse(price.effectiveTo);
    // Rows with unreadable dates cannot be placed in time: they are left out.
    if (model === undefined || Number.isNaN(from) || Number.isNaN(to)) return;
    const provider = price.provider.trim().toLowerCase();
    let byProvider = rows.get(model);
    if (!byProvider) rows.set(model, (byProvider = new Map()));
    let list = byProvider.get(provider);
    if (!list) byProvider.set(provider, (list = []));
    list.push({ timed: { from, to, price }, order });
  });

  const table = new Map<string, Map<string, Timeline>>();
  for (const [model, byProvider] of rows) {
    const timelines = new Map<string, Timeline>();
    // Same effectiveFrom twice: the row given later (e.g. a user edit after the built-ins) wins.
    for (const [provider, list] of byProvider) {
      list.sort((a, b) => b.timed.from - a.timed.from || b.order - a.order);
      timelines.set(provider, list.map((r) => r.timed));
    }
    table.set(model, timelines);
  }
  return table;
}

/**
 * Index a price list once; `find` then costs a map lookup per span (memoized per provider+model).
 * Matching: the reported provider's rows first, most specific model candidate first; then the
 * model's first-party provider (or the only provider that prices it). Hosts and resellers
 * (azure.ai.openai, gcp.vertex_ai, aws.bedrock for Claude, OpenRouter…) thus get list prices of
 * the model's maker, which may differ from what the host bills: add host rows where they do.
 */
export function createPriceIndex(prices: readonly ModelPrice[]): PriceIndex {
  const table = buildTable(prices);
  const memo = new Map<string, readonly Timeline[]>();

  function resolve(provider: string, model: string): Timeline[] {
    const candidates = canonicalModel(model);
    const chain: Timeline[] = [];
    if (provider !== "") {
      for (const id of candidates) {
        const own = table.get(id)?.get(provider);
        if (own) chain.push(own);
      }
    }
    for (const id of candidates) {
      const byProvider = table.get(id);
      if (!byProvider) continue;
      const maker = firstPartyProvider(id);
      const fallback =
        maker !== null && byProvider.has(maker) ? maker : byProvider.size === 1 ? byProvider.keys().next().value : undefined;
      const timeline = fallback === undefined || fallback === provider ? undefined : byProvider.get(fallback);
      if (timeline) chain.push(timeline);
    }
    return chain;
  }

  return {
    find(provider, model, at) {
      if (model === null || model === "") return null;
      const atMs = typeof at === "number" ? at : at.getTime();
      if (Number.isNaN(atMs)) return null;
      const key = `${provider ?? ""}\u0000${model}`;
      let chain = memo.get(key);
      if (chain === undefined) {
        chain = resolve((provider ?? "").trim().toLowerCase(), model);
        if (memo.size >= MEMO_LIMIT) memo.clear();
        memo.set(key, chain);
      }
      // A history with no row in force at `at` falls through to the next, less preferred one.
      for (const timeline of chain) {
        for (const row of timeline) if (row.from <= atMs && atMs < row.to) return row.price;
      }
      return null;
    },
  };
}

/** One-off lookup; build a PriceIndex with createPriceIndex for repeated lookups. */
export function findPrice(
  prices: readonly ModelPrice[],
  provider: string | null,
  model: string | null,
  at: Date | number,
): ModelPrice | null {
  return createPriceIndex(prices).find(provider, model, at);
}
