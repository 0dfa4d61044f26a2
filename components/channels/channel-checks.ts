// Channels as the API takes them (budgets, alert rules, report schedules), and the
// checks the browser can make before the server's own (lib/budgets/budget-input.ts).
import type { BudgetChannelJson } from "@/drizzle/schema";

export type Channel = BudgetChannelJson;
export type ChannelType = Channel["type"];

export const CHANNEL_TYPES: { type: ChannelType; label: string }[] = [
  { type: "webhook", label: "Webhook" },
  { type: "slack", label: "Slack" },
  { type: "email", label: "E-mail" },
];

/** A random webhook secret (hex, 32 bytes) for a new channel. */
export function newSecret(): string {
  const bytes = new Uint8Array(32);
  crypto.getRandomValues(bytes);
  return `whsec_${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

export function emptyChannel(type: ChannelType): Channel {
  if (type === "webhook") return { type, url: "", secret: newSecret() };
  if (type === "slack") return { type, url: "" };
  return { type, to: "" };
}

function urlIssue(v: string): string | null {
  if (!v.trim()) return "required";
  try {
    const u = new URL(v.trim());
    return u.protocol === "http:" || u.protocol === "https:" ? null : "must be an http(s) URL";
  } catch {
    return "must be an http(s) URL";
  }
}

/** Field issues keyed like the API's paths under the channel list ("0.url", "1.to"). */
export function channelIssues(channels: readonly Channel[]): Record<string, string> {
  const out: Record<string, string> = {};
  channels.forEach((c, i) => {
    if (c.type === "webhook" || c.type === "slack") {
      const u = urlIssue(c.url);
      if (u) out[`${i}.url`] = u;
    }
    if (c.type === "webhook" && c.secret.length < 8) out[`${i}.secret`] = "at least 8 characters";
    if (c.type === "email" && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(c.to.trim())) out[`${i}.to`] = c.to.trim() ? "not an e-mail address" : "required";
  });
  return out;
}

/** The channel as it is sent: trimmed. */
export function cleanChannel(c: Channel): Channel {
  if (c.type === "email") return { type: "email", to: c.to.trim() };
  if (c.type === "slack") return { type: "slack", url: c.url.trim() };
  return { type: "webhook", url: c.url.trim(), secret: c.secret };
}
