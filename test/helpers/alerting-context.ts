// The setup the alerting suites share (budgets, alert rules, report schedules): a fresh
// database, the test server (ingest over real HTTP) with its runtime installed for the
// route handlers, and an admin and a viewer API token in the default project.
// Call it at the top of a describe(); it registers its own hooks.
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { createTestDb, type Backend, type TestDb } from "./db";
import { startTestServer, type TestServer } from "./server";
import { installRuntime } from "./runtime";

export interface AlertingContext {
  readonly t: TestDb;
  readonly server: TestServer;
  /** Bearer tokens in the default project. */
  readonly admin: string;
  readonly viewer: string;
  /** POSTs an OTLP/JSON body to /v1/traces and expects 200. */
  ingest(body: string): Promise<void>;
  /** Runs these after the current test, in order (a receiver to close, a worker to stop). */
  cleanup(...fns: (() => Promise<void>)[]): void;
}

export interface AlertingOptions {
  /** Server settings (SKEIN_SMTP_URL …); runs once the database exists, so it may start what they point at. */
  env?: () => Record<string, string> | Promise<Record<string, string>>;
  /** Tables emptied after each test. */
  clear?: string[];
}

export function alertingContext(backend: Backend, opts: AlertingOptions = {}): AlertingContext {
  let t: TestDb | undefined;
  let server: TestServer | undefined;
  let restore: (() => void) | undefined;
  let admin: string | undefined;
  let viewer: string | undefined;
  const cleanups: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    t = await createTestDb(backend);
    server = await startTestServer(t.db, (await opts.env?.()) ?? {});
    restore = installRuntime(server.runtime);
    const { createApiToken } = await import("@/lib/auth/api-tokens");
    const projectId = server.runtime.defaultProjectId;
    admin = (await createApiToken(t.db, { projectId, name: "a", role: "admin", createdBy: null })).token;
    viewer = (await createApiToken(t.db, { projectId, name: "v", role: "viewer", createdBy: null })).token;
  });
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
    for (const table of opts.clear ?? []) await t?.db.query(`delete from ${table}`);
  });
  afterAll(async () => {
    restore?.();
    await server?.close();
    await t?.drop();
  });

  const ready = <T>(v: T | undefined): T => {
    if (v === undefined) throw new Error("alertingContext: read before its beforeAll ran");
    return v;
  };
  return {
    get t() {
      return ready(t);
    },
    get server() {
      return ready(server);
    },
    get admin() {
      return ready(admin);
    },
    get viewer() {
      return ready(viewer);
    },
    async ingest(body) {
      const s = ready(server);
      const res = await fetch(`${s.url}/v1/traces`, { method: "POST", headers: { authorization: `Bearer ${s.ingestKey}`, "content-type": "application/json" }, body });
      expect(res.status).toBe(200);
    },
    cleanup(...fns) {
      cleanups.push(...fns);
    },
  };
}
