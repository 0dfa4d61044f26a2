// POST /v1/traces through the worker pool, end to end over HTTP: the same stored spans and
// answers as decoding in the server thread; a worker that dies mid-request gives that
// request a retryable 503 with Retry-After (not a 500), the next request is served by a
// fresh worker, and the retried request stores everything once; nothing of the body is
// printed on the way.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createIngestKey } from "@/lib/auth/ingest-keys";
import { randomRequest, randomRequestObject } from "@/lib/otlp/random-request";
import { ExportTraceServiceRequestType } from "@/lib/otlp/trace-schema";
import { captureOutput } from "../../test/helpers/capture-output";
import { createTestDb, type TestDb } from "../../test/helpers/db";
import { postOtlp, readExportResponse } from "../../test/helpers/otlp-client";
import { startTestServer, type TestServer } from "../../test/helpers/server";
import { configureIngestPool, defaultWorkerCount, ingestPool } from "./pool";

const FIXTURES = path.resolve(__dirname, "../../../shared/fixtures/otlp");
const CANARY = "CANARY-pool-7f3a";

/** 40k random spans, a canary in a content attribute and in a status message of each resource's first span. */
function bigRequestWithCanary(): Buffer {
  const req = randomRequestObject(77, { spans: 40_000 }) as { resourceSpans: { scopeSpans: { spans: Record<string, unknown>[] }[] }[] };
  for (const rs of req.resourceSpans) {
    const span = rs.scopeSpans[0]!.spans[0]!;
    span.attributes = [...((span.attributes as unknown[]) ?? []), { key: "gen_ai.input.messages", value: { stringValue: CANARY } }];
    span.status = { code: 2, message: CANARY };
  }
  return Buffer.from(ExportTraceServiceRequestType.encode(req).finish());
}

async function storedSpans(t: TestDb, projectId: number) {
  return t.db.query(
    `select trace_id, span_id, name, operation, provider, request_model, input_tokens, output_tokens, cost_pico::text, user_id, attributes::text
       from spans where project_id = $1 order by trace_id, span_id`,
    [projectId],
  );
}

describe("ingest over HTTP through the worker pool (PGlite)", () => {
  let t: TestDb;
  let server: TestServer;

  beforeAll(async () => {
    t = await createTestDb("pglite");
    server = await startTestServer(t.db);
  });
  afterAll(async () => {
    await server?.close();
    await t?.drop();
    await configureIngestPool({ workers: defaultWorkerCount() });
  });

  it("stores the same spans and answers the same way as decoding in the server thread", async () => {
    const bodies = [
      ...fs.readdirSync(FIXTURES).filter((f) => f.endsWith(".pb")).map((f) => fs.readFileSync(path.join(FIXTURES, f))),
      // Bodies over 64 KB, large then smaller: later ones are read into buffers the worker gave back.
      ...[300, 80, 300, 200, 300, 120].map((spans, i) => randomRequest(500 + i, { spans })),
    ];
    const answers: Record<string, unknown[]> = {};
    for (const workers of [1, 0]) {
      await configureIngestPool({ workers });
      const project = workers === 1 ? "via-worker" : "in-thread";
      const [p] = await t.db.query<{ id: number }>("insert into projects (slug, name) values ($1, $1) returning id", [project]);
      const key = `sk_ingest_${project}_0123456789`;
      await createIngestKey(t.db, p!.id, project, key);
      answers[project] = [];
      for (const body of bodies) {
        const res = await postOtlp(server, body, { authorization: `Bearer ${key}` });
        answers[project]!.push({ status: res.status, partial: await readExportResponse(res) });
      }
      expect(ingestPool().runsInThread).toBe(workers === 0);
      if (workers === 1) expect(ingestPool().bodyBuffer(64 * 1024), "bodies came back for reuse").toBeDefined();
      answers[`${project} spans`] = await storedSpans(t, p!.id);
    }
    expect(answers["via-worker"]).toEqual(answers["in-thread"]);
    expect(answers["via-worker"]!.every((a) => (a as { status: number }).status === 200)).toBe(true);
    expect(answers["via-worker spans"]).toEqual(answers["in-thread spans"]);
    expect((answers["via-worker spans"] as unknown[]).length).toBeGreaterThan(200);
  });

  it("a worker dying mid-request answers 503 with Retry-After, the pool recovers and the retry stores everything once", async () => {
    // A heap too small for a 40k-span request, plenty for a small one.
    await configureIngestPool({ workers: 1, resourceLimits: { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 8 } });
    const small = fs.readFileSync(path.join(FIXTURES, "openllmetry-openai-0.pb"));
    expect((await postOtlp(server, small)).status).toBe(200);

    const big = bigRequestWithCanary();
    const out = captureOutput();
    let res: Response;
    try {
      res = await postOtlp(server, big);
      await res.arrayBuffer();
    } finally {
      out.restore();
    }
    expect(res.status).toBe(503);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(out.text()).toContain("ingest.worker_stopped");
    expect(out.text()).not.toContain(CANARY);

    // The next request gets a fresh worker.
    const again = await postOtlp(server, randomRequest(78, { spans: 50 }));
    expect(again.status).toBe(200);
    expect(ingestPool().runsInThread).toBe(false);

    // The client's retry, with a worker that can hold it, stores the big request once.
    await configureIngestPool({ workers: 1 });
    const retry = await postOtlp(server, big);
    expect(retry.status).toBe(200);
    const partial = await readExportResponse(retry);
    const [n] = await t.db.query<{ n: number }>("select count(*)::int as n from spans where project_id = $1", [server.runtime.defaultProjectId]);
    expect(n!.n).toBeGreaterThan(30_000);
    expect(partial.rejectedSpans).toBeGreaterThan(0);
  });
});
