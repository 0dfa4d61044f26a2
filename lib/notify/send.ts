// Sends one notice through one channel: a signed webhook POST, a Slack
// incoming-webhook POST, or an e-mail. Outcomes carry fixed reasons only.
import { createHmac } from "node:crypto";
import { sendMail, type MailConfig } from "./mailer";
import type { Channel, Notice } from "./notice";

export interface SendOptions {
  /** Per-request timeout (default 10 s). */
  timeoutMs?: number;
  /** SKEIN_PUBLIC_URL: prefix of links in payloads; relative links without it. */
  publicUrl?: string;
  /** SMTP settings; e-mail channels fail with "smtp not configured" without them. */
  mail?: MailConfig | null;
}

export interface Outcome {
  ok: boolean;
  /** HTTP status, or the SMTP reply code for e-mail. */
  httpStatus: number | null;
  /** A fixed reason, never response content. */
  error: string | null;
  retry: boolean;
}

/** `sha256=<hex HMAC-SHA256 of the raw body>` with the channel secret. */
export function signature(rawBody: string, secret: string): string {
  return `sha256=${createHmac("sha256", secret).update(rawBody, "utf8").digest("hex")}`;
}

async function post(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<Outcome> {
  try {
    const res = await fetch(url, { method: "POST", body, headers: { "content-type": "application/json", ...headers }, signal: AbortSignal.timeout(timeoutMs), redirect: "manual" });
    await res.body?.cancel();
    if (res.ok) return { ok: true, httpStatus: res.status, error: null, retry: false };
    return { ok: false, httpStatus: res.status, error: "http error", retry: true };
  } catch (err) {
    const timeout = err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError");
    return { ok: false, httpStatus: null, error: timeout ? "timeout" : "network error", retry: true };
  }
}

export async function sendNotice(channel: Channel, notice: Notice, opts: SendOptions = {}, now: Date = new Date()): Promise<Outcome> {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  if (channel.type === "webhook") {
    const timestamp = Math.floor(now.getTime() / 1000);
    const raw = JSON.stringify({ ...notice.webhook, timestamp });
    return post(channel.url, raw, { "x-skein-signature": signature(raw, channel.secret), "x-skein-timestamp": String(timestamp) }, timeoutMs);
  }
  if (channel.type === "slack") return post(channel.url, JSON.stringify({ text: notice.slackText }), {}, timeoutMs);
  if (!opts.mail) return { ok: false, httpStatus: null, error: "smtp not configured", retry: false };
  let message;
  try {
    message = await notice.email();
  } catch {
    // Building the message failed (e.g. a report's PDF): a fixed reason, retried later.
    return { ok: false, httpStatus: null, error: "message build failed", retry: true };
  }
  const m = await sendMail(opts.mail, channel.to, message);
  return { ok: m.ok, httpStatus: m.code, error: m.error, retry: m.retry };
}
