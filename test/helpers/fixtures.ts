// The shared OTLP fixtures (../shared/fixtures/otlp) and how to send them.
import fs from "node:fs";
import path from "node:path";
import { decodeJson } from "@/lib/otlp/decode-json";
import { decodeProtobuf } from "@/lib/otlp/decode-protobuf";
import type { TestServer } from "./server";

export const FIXTURES_DIR = path.resolve(__dirname, "../../../shared/fixtures/otlp");

export interface Expected {
  spanCount: number;
  billableSpans: number;
  rootName?: string;
  status: string;
  provider?: string;
  model?: string;
  models?: string[];
  agentName?: string;
  serviceName?: string;
  traceId?: string;
  inputTokens?: number;
  outputTokens?: number;
  cacheReadTokens?: number;
  reasoningTokens?: number;
  llmErrors?: number;
  userMetadata?: Record<string, string>;
}

export const expectedFixtures = (
  JSON.parse(fs.readFileSync(path.join(FIXTURES_DIR, "expected.json"), "utf8")) as { fixtures: Record<string, Expected> }
).fixtures;

export function fixtureFiles(): string[] {
  return Object.keys(expectedFixtures);
}

export function fixtureTraceId(file: string): string {
  const buf = fs.readFileSync(path.join(FIXTURES_DIR, file));
  const decoded = file.endsWith(".pb") ? decodeProtobuf(buf) : decodeJson(buf);
  const ids = [...new Set(decoded.spans.map((s) => s.traceId))];
  if (ids.length !== 1) throw new Error(`${file}: expected one trace, found ${ids.length}`);
  return ids[0]!;
}

export async function postFixture(server: TestServer, file: string): Promise<Response> {
  return fetch(`${server.url}/v1/traces`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${server.ingestKey}`,
      "content-type": file.endsWith(".pb") ? "application/x-protobuf" : "application/json",
    },
    body: fs.readFileSync(path.join(FIXTURES_DIR, file)),
  });
}
