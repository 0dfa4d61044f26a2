// Prototype for BENCH_PREPARE=patched: loads lib/ingest/{http,ingest,prepare}.ts
// copied into bench/results/patched/ (git-ignored) with one line of prepareBatch
// changed, so the whole HTTP path can be measured with the fix before lib/ adopts it.
// `{ ...scope, ...f.attributes }` spreads a null-prototype object, which V8 copies on
// a slow path (~6 µs per span here); Object.assign builds the same JSON in ~1 µs.
import fs from "node:fs";
import path from "node:path";
import type { handleOtlpTraces } from "../lib/ingest/http";

const ROOT = path.resolve(__dirname, "..");
const FROM = "JSON.stringify({ ...scope, ...f.attributes })";
const TO = "JSON.stringify(Object.assign({}, scope, f.attributes))";

export async function loadHandler(patched: boolean): Promise<typeof handleOtlpTraces> {
  if (!patched) return (await import("../lib/ingest/http")).handleOtlpTraces;
  const dir = path.join(ROOT, "bench", "results", "patched", "lib", "ingest");
  fs.mkdirSync(dir, { recursive: true });
  for (const file of ["http.ts", "ingest.ts", "prepare.ts"]) {
    let text = fs.readFileSync(path.join(ROOT, "lib", "ingest", file), "utf8");
    if (file === "prepare.ts") {
      if (!text.includes(FROM)) throw new Error("lib/ingest/prepare.ts changed: the prototype patch no longer applies");
      text = text.replace(FROM, TO);
    }
    fs.writeFileSync(path.join(dir, file), text);
  }
  const mod = (await import(path.join(dir, "http.ts"))) as { handleOtlpTraces: typeof handleOtlpTraces };
  return mod.handleOtlpTraces;
}
