import { describe, expect, it } from "vitest";
import { describeLength, previousPeriod } from "./period";

describe("previousPeriod", () => {
  it("is the window of equal length ending where the current one starts", () => {
    const p = previousPeriod({ from: new Date("2025-03-12T00:00:00Z"), to: new Date("2025-03-13T06:00:00Z") });
    expect(p.from.toISOString()).toBe("2025-03-10T18:00:00.000Z");
    expect(p.to.toISOString()).toBe("2025-03-12T00:00:00.000Z");
  });
});

describe("describeLength", () => {
  it("names preset and custom lengths", () => {
    expect(describeLength(15 * 60_000)).toBe("15 min");
    expect(describeLength(3_600_000)).toBe("1 h");
    expect(describeLength(86_400_000)).toBe("24 h");
    expect(describeLength(7 * 86_400_000)).toBe("7 days");
    expect(describeLength(150 * 60_000)).toBe("2 h 30 min");
    expect(describeLength(60 * 3_600_000 + 60_000)).toBe("2.5 days");
    expect(describeLength(1000)).toBe("1 min");
  });
});
