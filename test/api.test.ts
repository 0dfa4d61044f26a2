// The JSON API through its real route handlers: authentication, roles,
// project isolation, trace list filters and cursor pagination.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as login } from "@/app/api/auth/login/route";
import { GET as me } from "@/app/api/auth/me/route";
import { GET as listTracesRoute } from "@/app/api/traces/route";
import { GET as getTraceRoute } from "@/app/api/traces/[traceId]/route";
import { GET as listKeys, POST as createKey } from "@/app/api/ingest-keys/route";
import { POST as createToken } from "@/app/api/tokens/route";
import { POST as createProjectRoute } from "@/app/api/projects/route";
import { POST as createUserRoute } from "@/app/api/users/route";
import { GET as droppedKeysRoute } from "@/app/api/dropped-keys/route";
import { BACKENDS, createTestDb, type TestDb } from "./helpers/db";
import { startTestServer, type TestServer } from "./helpers/server";
import { installRuntime } from "./helpers/runtime";
import { fixtureFiles, fixtureTraceId, postFixture } from "./helpers/fixtures";

const BASE = "http://skein.test";
const ADMIN_PASSWORD = "admin-password-123";

function req(path: string, init: RequestInit & { cookie?: string; bearer?: string } = {}): Request {
  const headers = new Headers(init.headers);
  if (init.cookie) headers.set("cookie", init.cookie);
  if (init.bearer) headers.set("authorization", `Bearer ${init.bearer}`);
  if (init.body) headers.set("content-type", "application/json");
  headers.set("host", "skein.test");
  return new Request(`${BASE}${path}`, { ...init, headers });
}

// Next.js passes no params object to routes without dynamic segments.
const noParams = {} as { params: Promise<Record<string, string>> };

async function signIn(username: string, password: string): Promise<string> {
  const res = await login(req("/api/auth/login", { method: "POST", body: JSON.stringify({ username, password }), headers: { origin: BASE } }));
  expect(res.status).toBe(200);
  const cookie = res.headers.get("set-cookie") ?? "";
  expect(cookie).toMatch(/HttpOnly/);
  expect(cookie).toMatch(/SameSite=Lax/);
  return cookie.split(";")[0]!;
}

describe.each(BACKENDS)("JSON API on %s", (backend) => {
  let t: TestDb;
  let server: TestServer;
  let restore: () => void;
  let admin: string;

  beforeAll(async () => {
    t = await createTestDb(backend);
    server = await startTestServer(t.db, { SKEIN_ADMIN_PASSWORD: ADMIN_PASSWORD });
    restore = installRuntime(server.runtime);
    for (const f of fixtureFiles()) expect((await postFixture(server, f)).status).toBe(200);
    admin = await signIn("admin", ADMIN_PASSWORD);
  });

  afterAll(async () => {
    restore?.();
    await server?.close();
    await t?.drop();
  });

  it("rejects missing or wrong credentials", async () => {
    expect((await listTracesRoute(req("/api/traces"), noParams)).status).toBe(401);
    expect((await listTracesRoute(req("/api/traces", { cookie: "skein_session=nope" }), noParams)).status).toBe(401);
    expect((await listTracesRoute(req("/api/traces", { bearer: "sk_api_nope" }), noParams)).status).toBe(401);
    const bad = await login(req("/api/auth/login", { method: "POST", body: JSON.stringify({ username: "admin", password: "pw-guess-7731" }) }));
    expect(bad.status).toBe(401);
    const body = await bad.text();
    expect(body).not.toContain("pw-guess-7731");
  });

  it("knows who is signed in", async () => {
    const res = await me(req("/api/auth/me", { cookie: admin }), noParams);
    expect(await res.json()).toEqual({ kind: "user", username: "admin", role: "admin" });
  });

  it("lists traces with filters and returns one with its spans", async () => {
    const res = await listTracesRoute(req("/api/traces?limit=100", { cookie: admin }), noParams);
    expect(res.status).toBe(200);
    const page = (await res.json()) as { items: { traceId: string; status: string; agentName: string | null; costUsd: number }[]; nextCursor: string | null };
    expect(page.items).toHaveLength(fixtureFiles().length);
    expect(page.nextCursor).toBeNull();

    const agent = (await (await listTracesRoute(req("/api/traces?agent=billing-agent", { cookie: admin }), noParams)).json()) as typeof page;
    expect(agent.items.map((i) => i.traceId).sort()).toEqual(
      [fixtureTraceId("genai-agent-failover-0.pb"), fixtureTraceId("genai-agent-failover-json-0.json")].sort(),
    );
    const incomplete = (await (await listTracesRoute(req("/api/traces?status=incomplete", { cookie: admin }), noParams)).json()) as typeof page;
    expect(incomplete.items.map((i) => i.traceId)).toEqual(["5b8efff798038103d269b633813fc60c"]);
    const model = (await (await listTracesRoute(req("/api/traces?model=gpt-4.1", { cookie: admin }), noParams)).json()) as typeof page;
    expect(model.items).toHaveLength(2);
    const q = (await (await listTracesRoute(req("/api/traces?q=REFUND_FLOW", { cookie: admin }), noParams)).json()) as typeof page;
    expect(q.items).toHaveLength(1);
    const costly = (await (await listTracesRoute(req("/api/traces?sort=-costUsd&limit=1", { cookie: admin }), noParams)).json()) as typeof page;
    expect(costly.items[0]!.costUsd).toBe(Math.max(...page.items.map((i) => i.costUsd)));

    const id = fixtureTraceId("genai-agent-failover-0.pb");
    const detail = await getTraceRoute(req(`/api/traces/${id.toUpperCase()}`, { cookie: admin }), { params: Promise.resolve({ traceId: id.toUpperCase() }) });
    expect(detail.status).toBe(200);
    const body = (await detail.json()) as { trace: { spanCount: number }; spans: { spanId: string }[] };
    expect(body.trace.spanCount).toBe(8);
    expect(body.spans).toHaveLength(8);
    const missing = await getTraceRoute(req(`/api/traces/${"0".repeat(31)}1`, { cookie: admin }), { params: Promise.resolve({ traceId: `${"0".repeat(31)}1` }) });
    expect(missing.status).toBe(404);
  });

  it("reports what the privacy filter dropped, by key pattern only", async () => {
    const res = await droppedKeysRoute(req("/api/dropped-keys", { cookie: admin }), noParams);
    const body = await res.text();
    const { items } = JSON.parse(body) as { items: { pattern: string; count: number }[] };
    const patterns = items.map((i) => i.pattern);
    expect(patterns).toContain("gen_ai.input.messages");
    expect(patterns).toContain("process.command_line");
    expect(patterns).toContain("llm.input_messages.*.message.content");
    expect(items.every((i) => i.count > 0)).toBe(true);
    expect(body).not.toMatch(/canary/i);
  });

  it("rejects bad query parameters with 400 and says which", async () => {
    const res = await listTracesRoute(req("/api/traces?sort=bogus&limit=0", { cookie: admin }), noParams);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { issues: { path: string }[] };
    expect(body.issues.map((i) => i.path).sort()).toEqual(["limit", "sort"]);
    expect((await listTracesRoute(req("/api/traces?cursor=@@@", { cookie: admin }), noParams)).status).toBe(400);
  });

  it("pages with a stable cursor: no duplicates or gaps while new traces arrive", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let i = 0;
    do {
      const url: string = `/api/traces?limit=2${cursor ? `&cursor=${cursor}` : ""}`;
      const page = (await (await listTracesRoute(req(url, { cookie: admin }), noParams)).json()) as { items: { traceId: string }[]; nextCursor: string | null };
      seen.push(...page.items.map((x) => x.traceId));
      cursor = page.nextCursor;
      // New traces (newer start times) arrive between pages.
      if (i++ === 0) {
        const body = JSON.stringify({
          resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: "ab".repeat(16), spanId: "cd".repeat(8), name: "late", startTimeUnixNano: String(BigInt(Date.now()) * 1_000_000n), endTimeUnixNano: String(BigInt(Date.now() + 5) * 1_000_000n) }] }] }],
        });
        const r = await fetch(`${server.url}/v1/traces`, { method: "POST", headers: { authorization: `Bearer ${server.ingestKey}`, "content-type": "application/json" }, body });
        expect(r.status).toBe(200);
      }
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength(fixtureFiles().length);
  });

  it("lets admins create ingest keys and viewers only read", async () => {
    const created = await createKey(req("/api/ingest-keys", { method: "POST", cookie: admin, body: JSON.stringify({ name: "ci" }), headers: { origin: BASE } }), noParams);
    expect(created.status).toBe(201);
    const { key } = (await created.json()) as { key: string };
    expect(key).toMatch(/^sk_ingest_/);
    const listed = (await (await listKeys(req("/api/ingest-keys", { cookie: admin }), noParams)).json()) as { items: { prefix: string }[] };
    expect(JSON.stringify(listed)).not.toContain(key);
    // The new key works for ingest.
    const ok = await fetch(`${server.url}/v1/traces`, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: "{}" });
    expect(ok.status).toBe(200);

    const u = await createUserRoute(
      req("/api/users", { method: "POST", cookie: admin, body: JSON.stringify({ username: "vera", password: "viewer-pass-1", role: "viewer" }), headers: { origin: BASE } }),
      noParams,
    );
    expect(u.status).toBe(201);
    const viewer = await signIn("vera", "viewer-pass-1");
    expect((await listTracesRoute(req("/api/traces", { cookie: viewer }), noParams)).status).toBe(200);
    const denied = await createKey(req("/api/ingest-keys", { method: "POST", cookie: viewer, body: JSON.stringify({ name: "x" }), headers: { origin: BASE } }), noParams);
    expect(denied.status).toBe(403);
  });

  it("refuses cross-site writes made with a session cookie", async () => {
    const res = await createKey(req("/api/ingest-keys", { method: "POST", cookie: admin, body: JSON.stringify({ name: "evil" }), headers: { origin: "https://evil.example" } }), noParams);
    expect(res.status).toBe(403);
  });

  it("keeps projects apart: API tokens see only their own project", async () => {
    const p = await createProjectRoute(req("/api/projects", { method: "POST", cookie: admin, body: JSON.stringify({ name: "Other team" }), headers: { origin: BASE } }), noParams);
    expect(p.status).toBe(201);
    const other = (await p.json()) as { slug: string };
    const tok = await createToken(
      req(`/api/tokens?project=${other.slug}`, { method: "POST", cookie: admin, body: JSON.stringify({ name: "ro", role: "viewer" }), headers: { origin: BASE } }),
      noParams,
    );
    const { token } = (await tok.json()) as { token: string };
    const own = (await (await listTracesRoute(req("/api/traces", { bearer: token }), noParams)).json()) as { items: unknown[] };
    expect(own.items).toHaveLength(0);
    expect((await listTracesRoute(req("/api/traces?project=default", { bearer: token }), noParams)).status).toBe(403);
    const id = fixtureTraceId("genai-agent-failover-0.pb");
    expect((await getTraceRoute(req(`/api/traces/${id}`, { bearer: token }), { params: Promise.resolve({ traceId: id }) })).status).toBe(404);
    // A viewer token cannot write.
    expect((await createKey(req("/api/ingest-keys", { method: "POST", bearer: token, body: JSON.stringify({ name: "x" }) }), noParams)).status).toBe(403);
    // The other project's list through a session is empty too.
    const viaSession = (await (await listTracesRoute(req(`/api/traces?project=${other.slug}`, { cookie: admin }), noParams)).json()) as { items: unknown[] };
    expect(viaSession.items).toHaveLength(0);
  });
});
