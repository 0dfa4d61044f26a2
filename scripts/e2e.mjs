#!/usr/bin/env node
// End-to-end tests: a production build served on a fresh embedded database,
// driven by Playwright in Debian's chromium. Refuses to run against DATABASE_URL.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import net from "node:net";
import { serverNodeFlags } from "./node-flags.mjs";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
// A free port unless one is given, so parallel runs on one machine don't collide.
async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(String(port)));
    });
  });
}
const port = process.env.SKEIN_E2E_PORT ?? (await freePort());
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "skein-e2e-"));
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");

if (!process.env.SKEIN_E2E_SKIP_BUILD) {
  const b = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, stdio: "inherit" });
  if (b.status !== 0) process.exit(b.status ?? 1);
}

const env = {
  ...process.env,
  DATABASE_URL: "",
  PORT: port,
  SKEIN_DATA_DIR: dataDir,
  SKEIN_INGEST_KEY: "sk_ingest_e2e_key_0123456789",
  SKEIN_ADMIN_PASSWORD: "e2e-admin-password",
};
delete env.DATABASE_URL;
const logFile = path.join(dataDir, "server.log");
const log = fs.openSync(logFile, "w");
const server = spawn(process.execPath, [...serverNodeFlags(), nextBin, "start", "-p", port], { cwd: root, env, stdio: ["ignore", log, log] });

async function waitForHealth() {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (r.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("server did not become healthy within 90 s");
}

let code = 1;
try {
  await waitForHealth();
  const r = spawnSync(process.execPath, [path.join(root, "node_modules", "@playwright", "test", "cli.js"), "test", ...process.argv.slice(2)], {
    cwd: root,
    stdio: "inherit",
    env: { ...env, SKEIN_E2E_URL: `http://127.0.0.1:${port}`, SKEIN_E2E_SERVER_LOG: logFile },
  });
  code = r.status ?? 1;
} catch (err) {
  console.error(String(err));
  console.error(fs.readFileSync(logFile, "utf8").slice(-4000));
} finally {
  server.kill("SIGTERM");
}
process.exit(code);
