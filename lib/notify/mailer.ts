// E-mail over SMTP through nodemailer, configured by SKEIN_SMTP_URL
// (smtp://user:pass@host:587, smtps://… for implicit TLS) and SKEIN_SMTP_FROM.
import nodemailer, { type Transporter } from "nodemailer";
import type { EmailMessage } from "./notice";

export interface MailConfig {
  url: string;
  from: string;
}

const transports = new Map<string, Transporter>();

function transport(url: string): Transporter {
  let t = transports.get(url);
  if (!t) {
    // Short timeouts: a delivery pass must not hang on a dead server; the queue retries.
    t = nodemailer.createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
    transports.set(url, t);
  }
  return t;
}

export interface MailOutcome {
  ok: boolean;
  /** The SMTP reply code when the server answered. */
  code: number | null;
  /** A fixed reason, never the server's text. */
  error: string | null;
  retry: boolean;
}

export async function sendMail(config: MailConfig, to: string, m: EmailMessage): Promise<MailOutcome> {
  try {
    await transport(config.url).sendMail({ from: config.from, to, subject: m.subject, text: m.text, attachments: m.attachments });
    return { ok: true, code: 250, error: null, retry: false };
  } catch (err) {
    const code = typeof (err as { responseCode?: unknown }).responseCode === "number" ? (err as { responseCode: number }).responseCode : null;
    // 5xx is a permanent rejection (unknown mailbox, policy): retrying will not help.
    return { ok: false, code, error: "smtp error", retry: code === null || code < 500 };
  }
}
