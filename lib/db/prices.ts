import { asc } from "drizzle-orm";
import { prices } from "@/drizzle/schema";
import type { Db } from "./client";
import { createPriceIndex, type PriceIndex } from "@/lib/pricing/match";
import type { ModelPrice } from "@/lib/pricing/types";

export async function listPrices(db: Db): Promise<ModelPrice[]> {
  // Id order: built-ins were seeded first, so user rows with the same start date win.
  const rows = await db.orm.select().from(prices).orderBy(asc(prices.id));
  return rows.map((r) => ({
    id: r.id,
    provider: r.provider,
    model: r.model,
    input: r.input,
    output: r.output,
    cacheRead: r.cacheRead,
    cacheWrite: r.cacheWrite,
    reasoning: r.reasoning,
    effectiveFrom: r.effectiveFrom.toISOString(),
    effectiveTo: r.effectiveTo ? r.effectiveTo.toISOString() : null,
  }));
}

export async function loadPriceIndex(db: Db): Promise<PriceIndex> {
  return createPriceIndex(await listPrices(db));
}
