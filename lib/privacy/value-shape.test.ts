import { describe, expect, it } from "vitest";
import { DropCounter, MAX_DROP_PATTERNS } from "./drop-counter";
import { dropPattern, isIdentifierValue, tripsContentWire } from "./value-shape";

describe("dropPattern", () => {
  it.each([
    ["llm.input_messages.0.message.content", "llm.input_messages.*.message.content"],
    ["0.a.10.b.007", "*.a.*.b.*"],
    ["a.b2.3c.v1", "a.b2.3c.v1"],
    ["gen_ai.prompt.12", "gen_ai.prompt.*"],
    ["has space.0", "*"],
    ["tab\tkey", "*"],
    ["__proto__", "*"],
    ["k".repeat(257), "*"],
    ["", "*"],
  ])("%s → %s", (key, pattern) => {
    expect(dropPattern(key)).toBe(pattern);
  });
});

describe("identifier shape and tripwire", () => {
  it("accepts identifier alphabets and rejects whitespace, quotes and control characters", () => {
    expect(isIdentifierValue("eu-west-1")).toBe(true);
    expect(isIdentifierValue("Ünïcødé_東京")).toBe(true);
    expect(isIdentifierValue("a b")).toBe(false);
    expect(isIdentifierValue("a\u00a0b")).toBe(false);
    expect(isIdentifierValue("a,b")).toBe(false);
    expect(isIdentifierValue("a\u0000")).toBe(false);
  });

  it("trips on strings over 256 chars, newlines (incl. U+2028), kvlists, bytes, nested in arrays", () => {
    expect(tripsContentWire("x".repeat(256))).toBe(false);
    expect(tripsContentWire("x".repeat(257))).toBe(true);
    expect(tripsContentWire("a\u2028b")).toBe(true);
    expect(tripsContentWire(["ok", ["a\nb"]])).toBe(true);
    expect(tripsContentWire({ kvlist: {} })).toBe(true);
    expect(tripsContentWire(new Uint8Array())).toBe(true);
    expect(tripsContentWire([1, "two words", true, null])).toBe(false);
  });
});

describe("DropCounter", () => {
  it("counts per pattern and folds patterns beyond the cap into *", () => {
    const drops = new DropCounter();
    for (let i = 0; i < MAX_DROP_PATTERNS + 5; i++) drops.drop(`k${i}`, i % 2 === 0);
    drops.drop("k0", false);
    expect(Object.keys(drops.droppedKeys)).toHaveLength(MAX_DROP_PATTERNS + 1);
    expect(drops.droppedKeys["k0"]).toBe(2);
    expect(drops.droppedKeys["*"]).toBe(5);
    expect(drops.contentHits).toBe(67);
  });

  it("does not read inherited properties for patterns like constructor", () => {
    const drops = new DropCounter();
    drops.drop("constructor", false);
    drops.drop("hasOwnProperty", false);
    drops.drop("constructor", false);
    expect(drops.droppedKeys).toEqual({ constructor: 2, hasOwnProperty: 1 });
  });
});
