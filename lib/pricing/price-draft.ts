// The Settings › Prices form's draft: what is wrong with it, in the form's own words, and
// the POST /api/prices body it becomes. Amounts are checked by the same parser the API
// uses, so the form never lets through what the server would refuse.
import { usdToMicroPerMtok } from "./cost";

export interface PriceDraft {
  provider: string;
  model: string;
  input: string;
  output: string;
  cacheRead: string;
  cacheWrite: string;
  /** yyyy-mm-dd from a date input (a local date), or "" for today. */
  effectiveFrom: string;
}

export const EMPTY_PRICE_DRAFT: PriceDraft = { provider: "", model: "", input: "", output: "", cacheRead: "", cacheWrite: "", effectiveFrom: "" };

const AMOUNTS: [keyof PriceDraft, string, boolean][] = [
  ["input", "Input $", true],
  ["output", "Output $", true],
  ["cacheRead", "Cache read $", false],
  ["cacheWrite", "Cache write $", false],
];

/** The first thing wrong with the draft, or null. */
export function priceDraftProblem(d: PriceDraft): string | null {
  if (!d.provider.trim()) return "Provider: required (e.g. openai)";
  if (!d.model.trim()) return "Model: required (e.g. gpt-4o)";
  for (const [key, label, required] of AMOUNTS) {
    const v = d[key].trim();
    if (!v) {
      if (required) return `${label}: required, in USD per million tokens`;
      continue;
    }
    try {
      usdToMicroPerMtok(v);
    } catch (e) {
      return `${label}: ${e instanceof RangeError ? e.message : "invalid amount"}`;
    }
  }
  if (d.effectiveFrom && Number.isNaN(effectiveStart(d.effectiveFrom, new Date()).getTime())) return "From: not a date";
  return null;
}

/**
 * Local midnight of the picked day, or of today when none is picked: a price added to
 * cover an unpriced model then also prices today's calls that are still on their way.
 */
export function effectiveStart(picked: string, now: Date): Date {
  return picked ? new Date(`${picked}T00:00:00`) : new Date(now.getFullYear(), now.getMonth(), now.getDate());
}

/** The API body: empty optional amounts left out, amounts as typed (the API reads decimal text exactly). */
export function priceDraftBody(d: PriceDraft, now: Date) {
  return {
    provider: d.provider.trim(),
    model: d.model.trim(),
    inputUsdPerMtok: d.input.trim(),
    outputUsdPerMtok: d.output.trim(),
    ...(d.cacheRead.trim() && { cacheReadUsdPerMtok: d.cacheRead.trim() }),
    ...(d.cacheWrite.trim() && { cacheWriteUsdPerMtok: d.cacheWrite.trim() }),
    effectiveFrom: effectiveStart(d.effectiveFrom, now).toISOString(),
  };
}
