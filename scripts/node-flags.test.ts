import { describe, expect, it } from "vitest";
import { availableCores, serverNodeFlags } from "./node-flags.mjs";

describe("serverNodeFlags", () => {
  it("runs GC on the allocating threads on two cores or fewer, with V8's helpers above that", () => {
    expect(serverNodeFlags(1)).toEqual(["--single-threaded-gc"]);
    expect(serverNodeFlags(2)).toEqual(["--single-threaded-gc"]);
    expect(serverNodeFlags(3)).toEqual([]);
    expect(serverNodeFlags(16)).toEqual([]);
  });

  it("is a flag this Node accepts", async () => {
    const { execFileSync } = await import("node:child_process");
    const out = execFileSync(process.execPath, [...serverNodeFlags(2), "-e", "process.stdout.write('ok')"], { encoding: "utf8" });
    expect(out).toBe("ok");
  });

  it("counts a cgroup CPU quota as the machine's size", () => {
    expect(availableCores("200000 100000\n", 16)).toBe(2);
    expect(availableCores("150000 100000", 16)).toBe(2);
    expect(availableCores("max 100000", 16)).toBe(16);
    expect(availableCores(null, 8)).toBe(8);
    expect(availableCores("800000 100000", 2)).toBe(2);
  });
});
