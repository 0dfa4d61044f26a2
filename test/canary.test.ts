// The zero-content guarantee end to end: a unique canary in every content
// position, sent over real HTTP as OTLP/JSON and OTLP/protobuf, must appear
// nowhere in the database (every table, pg_dump), the server's output or the
// HTTP responses — while the legitimate metadata next to it is kept.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKENDS, createTestDb, type TestDb } from "./helpers/db";
import { startTestServer, type TestServer } from "./helpers/server";
import { captureOutput } from "./helpers/capture-output";
import { buildCanaryRequest, LEGIT, type CanaryRequest } from "./helpers/canary-payload";
import { CanaryRegistry, findLeaks, findStrayCanaries, leaksByPosition, type Evidence } from "./helpers/canaries";
import { decodedText, dumpDatabase, ENCODINGS, send, type DbEvidence, type Encoding, type SentResponse } from "./helpers/canary-run";
import { raiseAlerts, type AlertEvidence } from "./helpers/canary-alerts";

/**
 * Positions whose canary is known to reach storage or output (reported to the
 * lead; lib/ is fixed there, not here). Their tests are expected to fail.
 */
const KNOWN_LEAKS: ReadonlySet<string> = new Set<string>([]);

/** Skein's decoder never reads link attributes or trace states (OtlpLink holds ids and flags only). */
const NOT_DECODED = ["link traceState", "link attribute", "link kvlist attribute"];

type SpanRow = {
  span_id: string;
  name: string;
  provider: string | null;
  request_model: string | null;
  input_tokens: number | null;
  output_tokens: number | null;
  user_id: string | null;
  resource_hash: string | null;
  attributes: string;
  events: string | null;
};

describe.each(BACKENDS)("no canary reaches the database, output or responses on %s", (backend) => {
  // Built at collection time so every position gets its own test.
  const nowNs = BigInt(Date.now()) * 1_000_000n;
  const registries: Record<Encoding, CanaryRegistry> = { json: new CanaryRegistry(), protobuf: new CanaryRegistry() };
  const requests: Record<Encoding, CanaryRequest> = {
    json: buildCanaryRequest((p) => registries.json.make(p), nowNs),
    protobuf: buildCanaryRequest((p) => registries.protobuf.make(p), nowNs),
  };
  const positions = registries.json.positions();
  const allCanaries = () => [...registries.json.all(), ...registries.protobuf.all()];

  let t: TestDb;
  let server: TestServer;
  const responses: SentResponse[] = [];
  let db: DbEvidence;
  let evidence: Evidence[] = [];
  let ingestOutput = "";
  let alerts: AlertEvidence;
  /** position → "encoding: where (form)" */
  const leaked = new Map<string, string[]>();

  beforeAll(async () => {
    t = await createTestDb(backend);
    server = await startTestServer(t.db, { SKEIN_LOG_REQUESTS: "1" });
    const capture = captureOutput();
    try {
      for (const encoding of ENCODINGS) responses.push(await send(server, encoding, requests[encoding]));
      alerts = await raiseAlerts(t, server);
    } finally {
      ingestOutput = capture.text();
      capture.restore();
    }
    db = await dumpDatabase(t);
    evidence = [
      { where: "server bootstrap output", text: server.output.join("\n") },
      { where: "stdout/stderr/console during ingest", text: ingestOutput },
      ...responses.map((r) => ({ where: `${r.encoding} response`, text: `${r.headers}\n${r.raw.toString("utf8")}\n${JSON.stringify(r.body)}` })),
      ...db.evidence,
      ...alerts.evidence,
    ];
    for (const encoding of ENCODINGS) {
      for (const [position, wheres] of leaksByPosition(findLeaks(registries[encoding].all(), evidence))) {
        leaked.set(position, [...(leaked.get(position) ?? []), ...wheres.map((w) => `${encoding}: ${w}`)]);
      }
    }
  });

  afterAll(async () => {
    await server?.close();
    await t?.drop();
  });

  const spansOf = (encoding: Encoding) =>
    t.db.query<SpanRow>(
      `select span_id, name, provider, request_model, input_tokens, output_tokens, user_id, resource_hash,
              attributes::text as attributes, events::text as events
         from spans where project_id = $1 and trace_id = $2 order by start_ns`,
      [server.runtime.defaultProjectId, requests[encoding].request.traceId],
    );

  it("accepts both encodings with a content warning and no rejected spans", () => {
    expect(responses.map((r) => [r.encoding, r.status])).toEqual([
      ["json", 200],
      ["protobuf", 200],
    ]);
    for (const r of responses) {
      const partial = r.body.partialSuccess as { rejectedSpans?: number | string; errorMessage?: string } | undefined;
      expect(Number(partial?.rejectedSpans ?? 0), r.encoding).toBe(0);
      expect(partial?.errorMessage, r.encoding).toMatch(/content attribute\(s\) dropped by Skein's privacy filter/);
    }
  });

  it("really sends every canary, and the decoder hands all but the link ones to the filter", () => {
    for (const r of responses) {
      const all = registries[r.encoding].all();
      const sent = new Set(findLeaks(all, [{ where: "request", text: r.requestBody.toString("latin1") }]).map((l) => l.position));
      expect(positions.filter((p) => !sent.has(p)), `${r.encoding} body`).toEqual([]);
      const decoded = new Set(findLeaks(all, [{ where: "decoded", text: decodedText(r.encoding, r.requestBody) }]).map((l) => l.position));
      expect(positions.filter((p) => !decoded.has(p)), `${r.encoding} decoded`).toEqual(NOT_DECODED);
    }
  });

  it("stores every span of both requests (an ingest that keeps nothing cannot pass)", async () => {
    for (const encoding of ENCODINGS) {
      const spans = await spansOf(encoding);
      expect(spans.map((s) => s.name), encoding).toEqual(requests[encoding].request.spans.map((s) => s.name));
      const [trace] = await t.db.query<{ span_count: number; first_name: string }>(
        "select span_count, first_name from traces where project_id = $1 and trace_id = $2",
        [server.runtime.defaultProjectId, requests[encoding].request.traceId],
      );
      expect(trace, encoding).toEqual({ span_count: 7, first_name: `invoke_agent ${LEGIT.agentName}` });
    }
  });

  it("keeps the legitimate metadata next to the canaries", async () => {
    for (const encoding of ENCODINGS) {
      const spans = await spansOf(encoding);
      const byName = new Map(spans.map((s) => [s.name, s]));
      for (const [name, e] of Object.entries(LEGIT.llmSpans)) {
        const s = byName.get(name);
        expect([s?.request_model, s?.provider, s?.input_tokens, s?.output_tokens], `${encoding} ${name}`).toEqual([
          e.model,
          e.provider,
          e.input,
          e.output,
        ]);
      }
      const root = byName.get(`invoke_agent ${LEGIT.agentName}`)!;
      expect(JSON.parse(root.attributes), encoding).toMatchObject({
        "gen_ai.agent.name": LEGIT.agentName,
        "ai.telemetry.metadata.tenant": LEGIT.tenant,
        "app.plan": LEGIT.plan,
        "custom.retries": 3,
        "otel.scope.name": LEGIT.scopeName,
      });
      expect(root.user_id, `${encoding} pseudonymized user id`).toMatch(/^u_[0-9a-f]+$/);
      const events = JSON.parse(root.events ?? "[]") as { name: string; attributes: Record<string, unknown> }[];
      expect(events.map((e) => [e.name, e.attributes]), encoding).toEqual([
        ["exception", { "exception.type": LEGIT.exceptionType, "exception.escaped": false }],
      ]);
      expect(JSON.parse(byName.get("openinference llm")!.attributes), encoding).toMatchObject({ "metadata.tenant": LEGIT.tenant });
      expect(JSON.parse(byName.get("ai.generateText.doGenerate")!.attributes), encoding).toMatchObject({
        "ai.telemetry.metadata.tenant": LEGIT.tenant,
      });
      const [resource] = await t.db.query<{ attributes: string }>("select attributes::text as attributes from resources where hash = $1", [
        root.resource_hash,
      ]);
      expect(JSON.parse(resource!.attributes), encoding).toEqual({
        "service.name": LEGIT.serviceName,
        "deployment.environment.name": LEGIT.environment,
      });
    }
    const patterns = (await t.db.query<{ pattern: string }>("select pattern from dropped_keys")).map((r) => r.pattern);
    expect(patterns).toEqual(
      expect.arrayContaining([
        "gen_ai.input.messages",
        "llm.input_messages.*.message.content",
        "process.command_line",
        "event:gen_ai.user.message",
        "exception.message",
        "custom.big",
      ]),
    );
  });

  it("captured the server's own log lines while ingesting", () => {
    expect(ingestOutput.match(/ ingest\.ok /g)).toHaveLength(2);
  });

  it("raised budget and rule alerts on the canary traffic and delivered them by webhook, Slack and e-mail", () => {
    // (No forecast alert: the budget is already spent. No unpriced-model alert: every canary model has a price.)
    expect(new Set(alerts.webhookTypes)).toEqual(new Set(["budget.threshold", "rule.trace_cost", "rule.p95_latency", "rule.error_rate"]));
    expect(alerts.emails).toBeGreaterThanOrEqual(4);
  });

  it("reads every table, the spans partitions included", () => {
    expect(db.scan.tables).toEqual(
      expect.arrayContaining(["public.traces", "public.resources", "public.dropped_keys", "drizzle.__drizzle_migrations"]),
    );
    expect(db.scan.tables.some((name) => /^public\.spans_p\d{8}$/.test(name))).toBe(true);
    expect(db.scan.rows).toBeGreaterThan(14);
  });

  it.runIf(backend === "postgres")("dumps the database with pg_dump", (ctx) => {
    if (!db.pgDump?.ok) {
      // Evidence then comes from the table scan alone.
      console.warn(`pg_dump unusable, falling back to reading every table: ${db.pgDump?.detail ?? "not checked"}`);
      ctx.skip();
    }
    expect(db.evidence.some((e) => e.where.startsWith("pg_dump --data-only COPY public.spans"))).toBe(true);
    expect(db.evidence.some((e) => e.where.startsWith("pg_dump COPY public.dropped_keys"))).toBe(true);
  });

  it("no canary position leaks anywhere (summary)", () => {
    const unexpected = [...leaked].filter(([p]) => !KNOWN_LEAKS.has(p)).map(([p, wheres]) => `${p} → ${wheres.join("; ")}`);
    expect(unexpected).toEqual([]);
  });

  for (const position of positions) {
    (KNOWN_LEAKS.has(position) ? it.fails : it)(`leaves no trace of: ${position}`, () => {
      expect(leaked.get(position) ?? []).toEqual([]);
    });
  }

  it("finds no stray CANARY text (e.g. a canary cut short)", () => {
    expect(findStrayCanaries(allCanaries(), evidence)).toEqual([]);
  });

  it("self-check: the same search finds canaries planted in tables, output and cut-short text", async () => {
    const plants = new CanaryRegistry();
    const capture = captureOutput();
    try {
      process.stdout.write(`log line ${plants.make("stdout")}\n`);
      console.error(plants.make("console.error"));
    } finally {
      capture.restore();
    }
    const outputLeaks = findLeaks(plants.all(), [{ where: "output", text: capture.text() }]);
    expect(outputLeaks.map((l) => l.position)).toEqual(["stdout", "console.error"]);

    const projectId = server.runtime.defaultProjectId;
    const raw = plants.make("dropped_keys.pattern (raw)");
    const hex = Buffer.from(plants.make("dropped_keys.pattern (hex-encoded)")).toString("hex");
    const b64 = Buffer.from(plants.make("dropped_keys.pattern (base64)")).toString("base64");
    const inJsonb = plants.make("spans.attributes (jsonb)");
    const root = requests.json.rootSpanId;
    const planted = [raw, hex, b64];
    for (const pattern of planted) {
      await t.db.query("insert into dropped_keys (project_id, pattern, count, last_seen) values ($1, $2, 1, now())", [projectId, pattern]);
    }
    await t.db.query("update spans set attributes = attributes || jsonb_build_object('planted', $1::text) where span_id = $2", [inJsonb, root]);
    try {
      const found = leaksByPosition(findLeaks(plants.all(), (await dumpDatabase(t)).evidence));
      const where = (p: string) => found.get(p) ?? [];
      expect(where("dropped_keys.pattern (raw)")).toContain("table public.dropped_keys column pattern (text)");
      expect(where("dropped_keys.pattern (hex-encoded)")).toContain("table public.dropped_keys column pattern (hex)");
      expect(where("dropped_keys.pattern (base64)")).toContain("table public.dropped_keys column pattern (base64)");
      expect(where("spans.attributes (jsonb)").some((w) => /^table public\.spans_p\d{8} column attributes/.test(w))).toBe(true);
      if (db.pgDump?.ok) {
        expect(where("dropped_keys.pattern (raw)")).toContain("pg_dump --data-only COPY public.dropped_keys (text)");
        expect(where("spans.attributes (jsonb)").some((w) => /^pg_dump COPY public\.spans_p\d{8}/.test(w))).toBe(true);
      }
    } finally {
      await t.db.query("delete from dropped_keys where project_id = $1 and pattern = any($2::text[])", [projectId, planted]);
      await t.db.query("update spans set attributes = attributes - 'planted' where span_id = $1", [root]);
    }
    expect(findLeaks(plants.all(), (await dumpDatabase(t)).evidence)).toEqual([]);

    const cut = registries.json.all()[0]!.value.slice(0, 20);
    expect(findStrayCanaries(allCanaries(), [{ where: "log", text: `x ${cut}` }])).toEqual([`log: ${cut.toLowerCase()}`]);
  });
});
