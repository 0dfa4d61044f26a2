// Summarizes a V8 .cpuprofile (from `BENCH_PROF=1 npm run bench:ingest`, written
// under bench/results/prof/): self time by area of the code and by function.
// Run: npx tsx bench/cpuprofile-summary.ts bench/results/prof/<file>.cpuprofile [topN]
import fs from "node:fs";

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

/** Coarse buckets: which module of Skein, which dependency, or the runtime. */
function area(url: string, fn: string): string {
  if (fn === "(garbage collector)") return "GC";
  if (fn === "(idle)" || fn === "(program)" || fn === "(root)") return fn;
  const lib = /\/lib\/([a-z-]+)\//.exec(url);
  if (lib && !url.includes("node_modules")) return `lib/${lib[1]}`;
  const dep = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (dep) return dep[1]!;
  if (url.startsWith("node:")) return url.replace(/^node:(internal\/)?/, "node:").split("/").slice(0, 2).join("/");
  if (url.includes("/test/helpers/")) return "test/helpers (node:http ↔ Web Request glue)";
  return url ? url.replace(/^.*\/work\/main\//, "") : "(native / builtins)";
}

function main(): void {
  const [file, topArg] = process.argv.slice(2);
  if (!file) throw new Error("usage: cpuprofile-summary.ts <file.cpuprofile> [topN]");
  const top = Number(topArg ?? 25);
  const p = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const busy = total - [...self].filter(([id]) => byId.get(id)?.callFrame.functionName === "(idle)").reduce((a, [, v]) => a + v, 0);

  const areas = new Map<string, number>();
  const fns = new Map<string, number>();
  for (const [id, us] of self) {
    const n = byId.get(id)!;
    const { functionName, url, lineNumber } = n.callFrame;
    const a = area(url, functionName);
    areas.set(a, (areas.get(a) ?? 0) + us);
    const key = `${functionName || "(anonymous)"} ${url.replace(/^.*\/(node_modules|work\/main)\//, "")}:${lineNumber + 1}`;
    fns.set(key, (fns.get(key) ?? 0) + us);
  }
  const pct = (us: number) => `${((us / busy) * 100).toFixed(1).padStart(5)} %`;
  console.log(`profile: ${(total / 1e6).toFixed(1)} s, busy ${(busy / 1e6).toFixed(1)} s (percentages of busy time)\n`);
  console.log("by area:");
  for (const [a, us] of [...areas].sort((x, y) => y[1] - x[1]).filter(([a]) => a !== "(idle)").slice(0, 15)) console.log(`  ${pct(us)}  ${a}`);
  console.log(`\ntop ${top} functions (self time):`);
  for (const [f, us] of [...fns].sort((x, y) => y[1] - x[1]).filter(([f]) => !f.startsWith("(idle)")).slice(0, top)) console.log(`  ${pct(us)}  ${f}`);
}

main();
