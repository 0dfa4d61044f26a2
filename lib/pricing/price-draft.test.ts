import { describe, expect, it } from "vitest";
import { EMPTY_PRICE_DRAFT, priceDraftBody, priceDraftProblem, type PriceDraft } from "./price-draft";

const ok: PriceDraft = { ...EMPTY_PRICE_DRAFT, provider: "acme", model: "house-1", input: "1.5", output: "2" };

describe("price draft", () => {
  it("names the first problem by the form's labels, with the API's own amount rules", () => {
    expect(priceDraftProblem(ok)).toBeNull();
    expect(priceDraftProblem({ ...ok, provider: " " })).toMatch(/^Provider: required/);
    expect(priceDraftProblem({ ...ok, output: "" })).toMatch(/^Output \$: required/);
    expect(priceDraftProblem({ ...ok, output: "abc" })).toMatch(/^Output \$: price must be a non-negative decimal/);
    expect(priceDraftProblem({ ...ok, input: "0.1234567" })).toMatch(/^Input \$: price has more than 6 decimal places/);
    expect(priceDraftProblem({ ...ok, input: "1.2500000" })).toBeNull();
    expect(priceDraftProblem({ ...ok, cacheWrite: "99999999999999" })).toMatch(/^Cache write \$: price is too large/);
    expect(priceDraftProblem({ ...ok, cacheRead: "", cacheWrite: "" })).toBeNull();
  });

  it("starts at local midnight of today when no date is picked, and of the picked date", () => {
    const now = new Date("2026-12-07T16:30:00Z");
    const midnight = new Date(now.getFullYear(), now.getMonth(), now.getDate()).toISOString();
    expect(priceDraftBody(ok, now)).toEqual({ provider: "acme", model: "house-1", inputUsdPerMtok: "1.5", outputUsdPerMtok: "2", effectiveFrom: midnight });
    const picked = priceDraftBody({ ...ok, effectiveFrom: "2026-12-01", cacheWrite: "3.75" }, now);
    expect(picked.effectiveFrom).toBe(new Date(2026, 11, 1).toISOString());
    expect(picked.cacheWriteUsdPerMtok).toBe("3.75");
  });
});
