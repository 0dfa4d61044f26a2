#!/usr/bin/env node
// `npm start`: builds the app when there is no build or the sources are newer
// than it, then serves it (`next start`) on $PORT (default 3000).
import { spawnSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { serverNodeFlags } from "./node-flags.mjs";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const buildId = path.join(root, ".next", "BUILD_ID");
const sources = ["app", "components", "lib", "drizzle", "instrumentation.ts", "next.config.ts", "package.json", "postcss.config.mjs"];

function newestMtime(p) {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

const built = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
const stale = sources.some((s) => newestMtime(path.join(root, s)) > built);
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
if (stale || process.env.SKEIN_REBUILD === "1") {
  console.log(built ? "Sources changed since the last build: rebuilding…" : "First start: building Skein (about a minute)…");
  const r = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const port = process.env.PORT ?? "3000";
const child = spawn(process.execPath, [...serverNodeFlags(), nextBin, "start", "-p", port], { cwd: root, stdio: "inherit" });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code) => process.exit(code ?? 0));
