// A notice is one message in the three shapes the channels take. Every builder
// puts only configuration, sums and ids in it: never span content.
import type { BudgetChannelJson } from "@/drizzle/schema";

export type Channel = BudgetChannelJson;
export type ChannelType = Channel["type"];

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface EmailMessage {
  subject: string;
  text: string;
  attachments?: MailAttachment[];
}

export interface Notice {
  /** Webhook JSON; the sender appends `timestamp` (unix seconds, = X-Skein-Timestamp) and signs the result. */
  webhook: Record<string, unknown>;
  /** Slack incoming-webhook text (mrkdwn, already escaped). */
  slackText: string;
  /** Built only for e-mail channels (a report renders its PDF here). */
  email(): Promise<EmailMessage>;
}

// Slack treats &, < and > as control characters in message text.
export const slackEscape = (v: string): string => v.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** A Slack link when the url is absolute (SKEIN_PUBLIC_URL set), else nothing. */
export const slackLink = (url: string, label: string): string => (/^https?:\/\//.test(url) ? ` <${url}|${label}>` : "");

/** Joins SKEIN_PUBLIC_URL (if any) and a path. */
export const absoluteUrl = (path: string, publicUrl = ""): string => `${publicUrl.replace(/\/+$/, "")}${path}`;

/** "$1,234.57"; amounts under a cent keep up to 6 decimals ("$0.0042") so they don't read as $0.00. */
export const usd = (v: number): string =>
  `$${v.toLocaleString("en-US", Math.abs(v) > 0 && Math.abs(v) < 0.01 ? { maximumSignificantDigits: 2, maximumFractionDigits: 6 } : { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
