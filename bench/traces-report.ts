// The printed tables and the JSON result file of bench/traces.ts.
import fs from "node:fs";
import path from "node:path";
import type { CaseResult } from "./traces-measure";
import { planSummary } from "./traces-measure";

function pad(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length)));
  return rows.map((r) => r.map((v, c) => (c === 0 ? v.padEnd(widths[c]!) : v.padStart(widths[c]!))).join("  ")).join("\n");
}

const ms = (t: CaseResult["ms"]) => `${t.medianMs.toFixed(1)}${t.runs < 20 ? ` (n=${t.runs})` : ""}`;
const met = (r: CaseResult) => (r.met === null ? "-" : r.met ? "yes" : "NO");

/** One row per case id: each phase's median, its baseline median, ratio and target. */
export function table(results: CaseResult[], phases: string[]): string {
  const ids = [...new Set(results.map((r) => r.id))];
  const head = ["case"];
  for (const p of phases) head.push(`${p} ms`, "baseline ms", "ratio", "<50ms");
  const rows = [head];
  for (const id of ids) {
    const row = [id];
    for (const p of phases) {
      const r = results.find((x) => x.id === id && x.phase === p);
      row.push(...(r ? [ms(r.ms), r.baselineMs.medianMs.toFixed(1), `${r.ratio}×`, met(r)] : ["", "", "", ""]));
    }
    rows.push(row);
  }
  return pad(rows);
}

/** Plans (summarized) of the cases that miss the target, or all when `all`. */
export function slowPlans(results: CaseResult[], all = false): string {
  const out: string[] = [];
  for (const r of results) {
    if (!all && r.met !== false) continue;
    out.push(`--- [${r.phase}] ${r.id}: ${r.ms.medianMs} ms`);
    for (const p of r.plans.filter((x) => !x.sql.startsWith("baseline:"))) out.push(...planSummary(p.plan).map((l) => `  ${l}`));
  }
  return out.join("\n");
}

export function writeJson(dir: string, report: unknown): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `traces-${new Date().toISOString().slice(0, 19).replaceAll(":", "-")}.json`);
  fs.writeFileSync(file, JSON.stringify(report, null, 2) + "\n");
  return file;
}
