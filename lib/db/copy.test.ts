import { describe, expect, it } from "vitest";
import { createRng } from "@/lib/prng";
import { copyJson, copyValue } from "./copy";

describe("copyJson", () => {
  it("escapes JSON text exactly as copyValue does", () => {
    const r = createRng(5);
    const chars = ["a", "\\", "\t", "\n", "\r", '"', "\u0000", "\u2028", "é", "😀", "\\N"];
    for (let i = 0; i < 500; i++) {
      const value = Array.from({ length: r.int(0, 12) }, () => r.pick(chars)).join("");
      const json = JSON.stringify({ [value]: [value, { v: value }] });
      expect(copyJson(json)).toBe(copyValue(json));
    }
    expect(copyJson(null)).toBe("\\N");
    expect(copyJson(JSON.stringify("a\\b"))).toBe('"a\\\\\\\\b"');
  });
});
