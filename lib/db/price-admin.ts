// Prices API: rows in µUSD per Mtok in the database, USD per 1M tokens on the wire.
import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { prices } from "@/drizzle/schema";
import { AppError, BadRequestError, NotFoundError } from "@/lib/errors";
import { canonicalModel } from "@/lib/pricing/match";
import { microPerMtokToUsd, usdToMicroPerMtok } from "@/lib/pricing/cost";
import type { Db } from "./client";

export interface PriceJson {
  id: number;
  provider: string;
  model: string;
  inputUsdPerMtok: number;
  outputUsdPerMtok: number;
  cacheReadUsdPerMtok: number | null;
  cacheWriteUsdPerMtok: number | null;
  reasoningUsdPerMtok: number | null;
  effectiveFrom: string;
  effectiveTo: string | null;
  source: "builtin" | "user";
}

const usd = z.union([z.number().nonnegative(), z.string()]);
export const priceInput = z.object({
  provider: z.string().trim().min(1).max(64),
  model: z.string().trim().min(1).max(200),
  inputUsdPerMtok: usd,
  outputUsdPerMtok: usd,
  cacheReadUsdPerMtok: usd.nullable().optional(),
  cacheWriteUsdPerMtok: usd.nullable().optional(),
  reasoningUsdPerMtok: usd.nullable().optional(),
  effectiveFrom: z.iso.datetime({ offset: true }).or(z.iso.date()),
  effectiveTo: z.iso.datetime({ offset: true }).or(z.iso.date()).nullable().optional(),
});
export const pricePatch = priceInput.partial();

function micro(v: string | number, field: string): number {
  try {
    return usdToMicroPerMtok(v);
  } catch (e) {
    throw new BadRequestError(`${field}: ${e instanceof RangeError ? e.message : "invalid amount"}`);
  }
}
const microOrNull = (v: string | number | null | undefined, field: string) => (v === null || v === undefined ? null : micro(v, field));

type Row = typeof prices.$inferSelect;

function toJson(r: Row): PriceJson {
  const opt = (v: number | null) => (v === null ? null : microPerMtokToUsd(v));
  return {
    id: r.id,
    provider: r.provider,
    model: r.model,
    inputUsdPerMtok: microPerMtokToUsd(r.input),
    outputUsdPerMtok: microPerMtokToUsd(r.output),
    cacheReadUsdPerMtok: opt(r.cacheRead),
    cacheWriteUsdPerMtok: opt(r.cacheWrite),
    reasoningUsdPerMtok: opt(r.reasoning),
    effectiveFrom: r.effectiveFrom.toISOString(),
    effectiveTo: r.effectiveTo ? r.effectiveTo.toISOString() : null,
    source: r.source,
  };
}

export async function listPriceRows(db: Db): Promise<PriceJson[]> {
  return (await db.orm.select().from(prices).orderBy(asc(prices.provider), asc(prices.model), asc(prices.effectiveFrom))).map(toJson);
}

function toColumns(p: z.infer<typeof pricePatch>) {
  return {
    ...(p.provider !== undefined && { provider: p.provider.toLowerCase() }),
    // Stored in the canonical form the matcher looks up (lower case, no vendor path or date suffix).
    ...(p.model !== undefined && { model: canonicalModel(p.model)[0] ?? p.model.toLowerCase() }),
    ...(p.inputUsdPerMtok !== undefined && { input: micro(p.inputUsdPerMtok, "inputUsdPerMtok") }),
    ...(p.outputUsdPerMtok !== undefined && { output: micro(p.outputUsdPerMtok, "outputUsdPerMtok") }),
    ...(p.cacheReadUsdPerMtok !== undefined && { cacheRead: microOrNull(p.cacheReadUsdPerMtok, "cacheReadUsdPerMtok") }),
    ...(p.cacheWriteUsdPerMtok !== undefined && { cacheWrite: microOrNull(p.cacheWriteUsdPerMtok, "cacheWriteUsdPerMtok") }),
    ...(p.reasoningUsdPerMtok !== undefined && { reasoning: microOrNull(p.reasoningUsdPerMtok, "reasoningUsdPerMtok") }),
    ...(p.effectiveFrom !== undefined && { effectiveFrom: new Date(p.effectiveFrom) }),
    ...(p.effectiveTo !== undefined && { effectiveTo: p.effectiveTo === null ? null : new Date(p.effectiveTo) }),
  };
}

export async function createPrice(db: Db, input: z.infer<typeof priceInput>): Promise<PriceJson> {
  const cols = toColumns(input);
  const rows = await db.orm
    .insert(prices)
    .values({ ...cols, provider: cols.provider!, model: cols.model!, input: cols.input!, output: cols.output!, effectiveFrom: cols.effectiveFrom!, source: "user" })
    .onConflictDoNothing()
    .returning();
  if (!rows[0]) throw new AppError(409, "a price for this provider, model and start date already exists; edit it instead");
  return toJson(rows[0]);
}

export async function updatePrice(db: Db, id: number, patch: z.infer<typeof pricePatch>): Promise<PriceJson> {
  const cols = toColumns(patch);
  if (Object.keys(cols).length === 0) throw new BadRequestError("nothing to change");
  const rows = await db.orm.update(prices).set(cols).where(eq(prices.id, id)).returning();
  if (!rows[0]) throw new NotFoundError("price not found");
  return toJson(rows[0]);
}

export async function deletePrice(db: Db, id: number): Promise<void> {
  const rows = await db.orm.delete(prices).where(and(eq(prices.id, id))).returning({ id: prices.id });
  if (!rows[0]) throw new NotFoundError("price not found");
}
