import { describe, expect, it } from "vitest";
import { LayeredAttributes, toAmount, toCount, toIdentifier } from "./attribute-reader";

describe("LayeredAttributes", () => {
  it("reads the span first, then the scope, then the resource", () => {
    const attrs = new LayeredAttributes({ a: "span" }, { a: "scope", b: "scope" }, { a: "res", b: "res", c: "res" });
    expect(attrs.get("a")).toBe("span");
    expect(attrs.get("b")).toBe("scope");
    expect(attrs.get("c")).toBe("res");
    expect(attrs.get("d")).toBeUndefined();
  });

  it("treats the empty AnyValue as absent and falls through", () => {
    const attrs = new LayeredAttributes({ a: null }, {}, { a: "res", b: null });
    expect(attrs.get("a")).toBe("res");
    expect(attrs.get("b")).toBeUndefined();
    expect(attrs.has("b")).toBe(false);
  });

  it("firstCount skips invalid values and takes the next key", () => {
    const attrs = new LayeredAttributes({ x: -5, y: "abc", z: 7 }, {}, {});
    expect(attrs.firstCount(["missing", "x", "y", "z"])).toBe(7);
    expect(attrs.firstCount(["missing", "x"])).toBeNull();
  });

  it("firstIdentifier takes the first usable string", () => {
    const attrs = new LayeredAttributes({ x: "", y: "two\nlines", z: "ok" }, {}, {});
    expect(attrs.firstIdentifier(["x", "y", "z"])).toBe("ok");
  });
});

describe("toCount", () => {
  it("accepts non-negative numbers and numeric strings", () => {
    expect(toCount(0)).toBe(0);
    expect(toCount(123)).toBe(123);
    expect(toCount("456")).toBe(456);
    expect(toCount("12.0")).toBe(12);
    expect(toCount(7.6)).toBe(8);
  });

  it("rejects negatives, NaN, infinities and non-numeric values", () => {
    expect(toCount(-1)).toBeNull();
    expect(toCount("-3")).toBeNull();
    expect(toCount(Number.NaN)).toBeNull();
    expect(toCount(Number.POSITIVE_INFINITY)).toBeNull();
    expect(toCount("")).toBeNull();
    expect(toCount(" 5")).toBeNull();
    expect(toCount("0x10")).toBeNull();
    expect(toCount("1e3")).toBeNull();
    expect(toCount(true)).toBeNull();
    expect(toCount(null)).toBeNull();
    expect(toCount(undefined)).toBeNull();
    expect(toCount([5])).toBeNull();
  });

  it("rejects counts the per-span int4 columns cannot hold", () => {
    expect(toCount(2_147_483_647)).toBe(2_147_483_647);
    expect(toCount("2147483647")).toBe(2_147_483_647);
    expect(toCount(2_147_483_647.4)).toBeNull();
    expect(toCount(2 ** 31)).toBeNull();
    expect(toCount(2 ** 40)).toBeNull();
    expect(toCount("9007199254740991")).toBeNull();
  });

  it("never returns negative zero", () => {
    expect(Object.is(toCount(-0), 0)).toBe(true);
    expect(Object.is(toCount(-0.2), null)).toBe(true);
  });
});

describe("toAmount", () => {
  it("accepts fractional numbers and decimal strings", () => {
    expect(toAmount(0.0125)).toBe(0.0125);
    expect(toAmount("0.5")).toBe(0.5);
    expect(toAmount("1e-4")).toBe(0.0001);
  });

  it("rejects negatives, NaN and text", () => {
    expect(toAmount(-0.1)).toBeNull();
    expect(toAmount(Number.NaN)).toBeNull();
    expect(toAmount("free")).toBeNull();
    expect(toAmount("")).toBeNull();
  });
});

describe("toIdentifier", () => {
  it("keeps short single-line strings and integers", () => {
    expect(toIdentifier("billing-agent")).toBe("billing-agent");
    expect(toIdentifier(503)).toBe("503");
  });

  it("caps strings at 256 characters", () => {
    expect(toIdentifier("a".repeat(300))).toBe("a".repeat(256));
  });

  it("does not split a surrogate pair at the cap", () => {
    const value = `${"a".repeat(255)}😀tail`;
    expect(toIdentifier(value)).toBe("a".repeat(255));
  });

  it("rejects empty strings, line breaks, fractions and non-strings", () => {
    expect(toIdentifier("")).toBeNull();
    expect(toIdentifier("a\nb")).toBeNull();
    expect(toIdentifier("a\r\nb")).toBeNull();
    expect(toIdentifier(1.5)).toBeNull();
    expect(toIdentifier(true)).toBeNull();
    expect(toIdentifier(["x"])).toBeNull();
    expect(toIdentifier({ kvlist: {} })).toBeNull();
  });
});
