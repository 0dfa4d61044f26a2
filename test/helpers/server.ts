// A plain node:http server around Skein's framework-free handlers, so tests
// exercise real HTTP (OTel exporters, curl-like clients) without a Next build.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Db } from "@/lib/db/client";
import { parseEnv } from "@/lib/env";
import { handleOtlpTraces } from "@/lib/ingest/http";
import { buildRuntime, type Runtime } from "@/lib/server/runtime";

export interface TestServer {
  url: string;
  runtime: Runtime;
  ingestKey: string;
  /** Lines the server printed (bootstrap output). */
  output: string[];
  close(): Promise<void>;
}

export const TEST_INGEST_KEY = "sk_ingest_test_key_0123456789";

export async function toWebRequest(req: http.IncomingMessage, base: string): Promise<Request> {
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) {
    if (Array.isArray(v)) v.forEach((x) => headers.append(k, x));
    else if (v !== undefined) headers.set(k, v);
  }
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  // The Node stream itself, as Next.js passes it (undici accepts async iterables;
  // Readable.toWeb throws on Node 20 when the handler cancels a body mid-flight).
  return new Request(new URL(req.url ?? "/", base), {
    method: req.method,
    headers,
    body: hasBody ? (req as unknown as BodyInit) : undefined,
    duplex: "half",
  } as RequestInit);
}

export async function sendWebResponse(res: http.ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((v, k) => res.setHeader(k, v));
  res.end(Buffer.from(await response.arrayBuffer()));
}

export async function startTestServer(
  db: Db,
  envOverrides: Record<string, string> = {},
  getRuntime?: () => Promise<Runtime>,
): Promise<TestServer> {
  const output: string[] = [];
  const runtime = await buildRuntime(db, parseEnv({ SKEIN_INGEST_KEY: TEST_INGEST_KEY, ...envOverrides }), (l) => output.push(l));
  const rt = getRuntime ?? (() => Promise.resolve(runtime));
  const server = http.createServer((req, res) => {
    void (async () => {
      const address = server.address() as AddressInfo;
      const request = await toWebRequest(req, `http://127.0.0.1:${address.port}`);
      const url = new URL(request.url);
      const response =
        url.pathname === "/v1/traces" && req.method === "POST"
          ? await handleOtlpTraces(request, rt)
          : new Response("not found", { status: 404 });
      await sendWebResponse(res, response);
    })().catch(() => {
      res.statusCode = 500;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    runtime,
    ingestKey: TEST_INGEST_KEY,
    output,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
