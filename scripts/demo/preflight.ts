import { DemoError } from "./errors";

export type PreflightResult = { ok: true } | { ok: false; status: number };

/** Sends an empty OTLP request (which must succeed) to fail fast on a bad key or a server that is not there. */
export async function preflight(tracesUrl: string, key: string, timeoutMs = 10_000): Promise<PreflightResult> {
  let response: Response;
  try {
    response = await fetch(tracesUrl, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
      body: JSON.stringify({ resourceSpans: [] }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error && "code" in error.cause ? String(error.cause.code) : error instanceof Error ? error.name : "unknown error";
    throw new DemoError("unreachable", `Cannot reach Skein at ${tracesUrl} (${cause}). Is it running? Start it with \`npm start\`, or set SKEIN_URL.`);
  }
  await response.body?.cancel();
  if (response.status === 401 || response.status === 403) {
    throw new DemoError("auth", `Skein rejected the ingest key (HTTP ${response.status}). Check SKEIN_INGEST_KEY or --key.`);
  }
  if (response.status === 404) {
    throw new DemoError("unreachable", `${tracesUrl} answered 404: is SKEIN_URL pointing at Skein?`);
  }
  return response.ok ? { ok: true } : { ok: false, status: response.status };
}
