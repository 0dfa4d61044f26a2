// Shared by the alerting tests: a webhook receiver, a real SMTP server, signed
// API calls, and a one-span GenAI trace with a chosen cost.
import http from "node:http";
import { createHmac } from "node:crypto";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { simpleParser, type ParsedMail } from "mailparser";

export const BASE = "http://skein.test";
export const SECRET = "whsec_test_0123456789";
export const noParams = {} as { params: Promise<Record<string, string>> };
export const idParams = (id: number | string) => ({ params: Promise.resolve({ id: String(id) }) });
export const FAST = { backoffMs: [30, 30, 30, 30], timeoutMs: 2_000 };

/** A request to a route handler, as `token` (none: a stranger). */
export function call(path: string, init: RequestInit & { token?: string }): Request {
  const headers = new Headers(init.headers);
  if (init.token) headers.set("authorization", `Bearer ${init.token}`);
  if (init.body) headers.set("content-type", "application/json");
  return new Request(`${BASE}${path}`, { ...init, headers });
}

export interface Received {
  body: string;
  signature: string | undefined;
  timestamp: string | undefined;
}

/** A webhook receiver on 127.0.0.1 that answers 500 to the first `failFirst` requests. */
export async function startReceiver(failFirst = 0) {
  const received: Received[] = [];
  let attempts = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      attempts++;
      if (attempts <= failFirst) {
        res.statusCode = 500;
        res.end();
        return;
      }
      const h = (n: string) => (typeof req.headers[n] === "string" ? req.headers[n] : undefined);
      received.push({ body: Buffer.concat(chunks).toString("utf8"), signature: h("x-skein-signature"), timestamp: h("x-skein-timestamp") });
      res.statusCode = 204;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    attempts: () => attempts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export const sign = (raw: string, secret = SECRET) => `sha256=${createHmac("sha256", secret).update(raw).digest("hex")}`;

export interface SmtpMessage {
  from: string | undefined;
  to: string[];
  mail: ParsedMail;
}

/** A real SMTP server (smtp-server) on 127.0.0.1; `rejectWith` makes it refuse messages with that code. */
export async function startSmtp(opts: { rejectWith?: number } = {}) {
  const messages: SmtpMessage[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        if (opts.rejectWith) {
          const err = Object.assign(new Error("rejected"), { responseCode: opts.rejectWith });
          callback(err);
          return;
        }
        simpleParser(Buffer.concat(chunks))
          .then((mail) => {
            const from = session.envelope.mailFrom;
            messages.push({ from: from ? from.address : undefined, to: session.envelope.rcptTo.map((r) => r.address), mail });
            callback();
          })
          .catch((err: Error) => callback(err));
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface TraceOptions {
  model?: string;
  /** Root status ERROR. */
  error?: boolean;
  durationMs?: number;
  agent?: string;
}

/** One GenAI chat span (gpt-4o-mini: $0.15 per million input tokens) as the whole trace, starting at `startMs`. */
export function llmTrace(traceId: string, inputTokens: number, service = "svc", startMs = Date.now() - 1000, o: TraceOptions = {}): string {
  const ns = BigInt(startMs) * 1_000_000n;
  const attr = (key: string, value: object) => ({ key, value });
  return JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [attr("service.name", { stringValue: service })] },
        scopeSpans: [
          {
            spans: [
              {
                traceId,
                spanId: "1".repeat(16),
                name: `chat ${o.model ?? "gpt-4o-mini"}`,
                startTimeUnixNano: String(ns),
                endTimeUnixNano: String(ns + BigInt(Math.round((o.durationMs ?? 1) * 1e6))),
                ...(o.error && { status: { code: 2 } }),
                attributes: [
                  attr("gen_ai.operation.name", { stringValue: "chat" }),
                  attr("gen_ai.provider.name", { stringValue: "openai" }),
                  attr("gen_ai.request.model", { stringValue: o.model ?? "gpt-4o-mini" }),
                  attr("gen_ai.usage.input_tokens", { intValue: inputTokens }),
                  attr("gen_ai.usage.output_tokens", { intValue: 0 }),
                  ...(o.agent ? [attr("gen_ai.agent.name", { stringValue: o.agent })] : []),
                ],
              },
            ],
          },
        ],
      },
    ],
  });
}

export async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 5_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 40));
  }
}
