"use client";

// Where alerts go: a list of webhook / Slack / e-mail channels, each with a "Send test"
// that reports the outcome inline. Controlled (value/onChange) so budgets, alert rules
// and report schedules can each hold the list in their own form.
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { clsx } from "clsx";
import { Mail, MessageSquare, Plus, RefreshCw, Send, Trash2, Webhook } from "lucide-react";
import { CHANNEL_TYPES, channelIssues, cleanChannel, emptyChannel, newSecret, type Channel, type ChannelType } from "./channel-checks";

interface TestOutcome {
  state: "sending" | "ok" | "failed" | "unavailable";
  text: string;
}

interface TestResponse {
  ok: boolean;
  httpStatus: number | null;
  error: string | null;
}

export const CHANNEL_ICONS = { webhook: Webhook, slack: MessageSquare, email: Mail } as const;

/** Sends one test message through the channel (admin only); never throws. */
export async function sendChannelTest(channel: Channel): Promise<TestOutcome> {
  let res: Response;
  try {
    res = await fetch("/api/channels/test", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ channel: cleanChannel(channel) }),
    });
  } catch {
    return { state: "failed", text: "Could not reach Skein" };
  }
  if (res.status === 404) return { state: "unavailable", text: "Test sending is not available on this server yet" };
  if (res.status === 403) return { state: "unavailable", text: "Only admins can send tests" };
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {}
  if (!res.ok) {
    const b = body as { error?: string; issues?: { path: string; message: string }[] } | null;
    const detail = b?.issues?.length ? b.issues.map((i) => `${i.path.replace(/^channel\.?/, "") || "channel"} ${i.message}`).join("; ") : b?.error;
    return { state: "failed", text: `Not sent (HTTP ${res.status}${detail ? `: ${detail}` : ""})` };
  }
  const r = body as TestResponse;
  if (r.ok) return { state: "ok", text: r.httpStatus !== null ? `Delivered (HTTP ${r.httpStatus})` : "Delivered" };
  const why = [r.error, r.httpStatus !== null ? `HTTP ${r.httpStatus}` : null].filter(Boolean).join(", ");
  return { state: "failed", text: `Failed: ${why || "unknown reason"}` };
}

export function ChannelEditor({
  value,
  onChange,
  errors = {},
  idPrefix = "channel",
  namePrefix = "",
  disabled = false,
  emptyText = "No channels: alerts will only be listed on the Alerts page.",
  what = "these alerts",
}: {
  value: Channel[];
  onChange: (next: Channel[]) => void;
  /** Issues keyed "0.url", "1.to" … (client checks and the server's 400 issues). */
  errors?: Record<string, string>;
  idPrefix?: string;
  /** Prepended to each input's name ("channels." gives "channels.0.url"), so a form can tell which field was left. */
  namePrefix?: string;
  disabled?: boolean;
  /** Shown when there is no channel yet. */
  emptyText?: string;
  /** What the channels carry, for the SMTP note ("these alerts", "this report"). */
  what?: string;
}) {
  const [outcomes, setOutcomes] = useState<Record<string, TestOutcome>>({});
  const capabilities = useQuery({
    queryKey: ["channel-capabilities"],
    queryFn: async () => {
      const res = await fetch("/api/channels/capabilities", { headers: { accept: "application/json" } });
      if (!res.ok) return null;
      return (await res.json()) as { email: boolean };
    },
    retry: false,
    staleTime: 5 * 60_000,
  });
  const local = channelIssues(value);
  const put = (i: number, c: Channel) => onChange(value.map((x, j) => (j === i ? c : x)));
  const add = (type: ChannelType) => onChange([...value, emptyChannel(type)]);
  const remove = (i: number) => onChange(value.filter((_, j) => j !== i));
  const test = async (c: Channel) => {
    const key = JSON.stringify(c);
    setOutcomes((o) => ({ ...o, [key]: { state: "sending", text: "Sending…" } }));
    const out = await sendChannelTest(c);
    setOutcomes((o) => ({ ...o, [key]: out }));
  };

  return (
    <div className="space-y-2">
      {value.length === 0 && <p className="text-muted">{emptyText}</p>}
      <ul className="space-y-2">
        {value.map((c, i) => {
          const Icon = CHANNEL_ICONS[c.type];
          const id = (f: string) => `${idPrefix}-${i}-${f}`;
          const err = (f: string) => errors[`${i}.${f}`];
          const outcome = outcomes[JSON.stringify(c)];
          const testable = !Object.keys(local).some((k) => k.startsWith(`${i}.`));
          const input = (f: string, props: React.InputHTMLAttributes<HTMLInputElement>) => (
            <>
              <input
                id={id(f)}
                name={`${namePrefix}${i}.${f}`}
                aria-invalid={err(f) ? true : undefined}
                aria-describedby={err(f) ? `${id(f)}-error` : undefined}
                disabled={disabled}
                className={clsx(
                  "h-8 w-full min-w-0 rounded-md border bg-background px-2",
                  err(f) ? "border-danger" : "border-border",
                )}
                {...props}
              />
              {err(f) && (
                <p id={`${id(f)}-error`} className="mt-0.5 text-xs text-danger">
                  {err(f)}
                </p>
              )}
            </>
          );
          const label = CHANNEL_TYPES.find((t) => t.type === c.type)?.label ?? c.type;
          return (
            <li key={i} className="rounded-md border border-border bg-surface p-2.5" aria-label={`${label} channel ${i + 1}`}>
              <div className="mb-1.5 flex items-center gap-1.5 text-xs font-medium">
                <Icon className="h-3.5 w-3.5 text-muted" aria-hidden />
                {label}
                <span className="flex-1" />
                <button
                  type="button"
                  disabled={disabled || !testable || outcome?.state === "sending"}
                  onClick={() => void test(c)}
                  title={testable ? "Send a test message through this channel now" : "Fill in the channel first"}
                  className="flex items-center gap-1 rounded-md border border-border px-2 py-0.5 font-normal hover:bg-surface-2 disabled:opacity-50"
                >
                  <Send className="h-3 w-3" aria-hidden />
                  Send test
                </button>
                <button
                  type="button"
                  disabled={disabled}
                  onClick={() => remove(i)}
                  aria-label={`Remove ${label.toLowerCase()} channel ${i + 1}`}
                  title="Remove"
                  className="rounded-md p-1 text-muted hover:bg-danger-soft hover:text-danger"
                >
                  <Trash2 className="h-3.5 w-3.5" aria-hidden />
                </button>
              </div>
              {c.type === "email" ? (
                <div>
                  <label htmlFor={id("to")} className="sr-only">
                    E-mail address
                  </label>
                  {input("to", { type: "email", value: c.to, placeholder: "oncall@example.com", onChange: (e) => put(i, { ...c, to: e.target.value }) })}
                  {capabilities.data?.email === false && <p className="mt-1 text-xs text-warning">E-mail needs SKEIN_SMTP_URL: until it is set, {what} {what === "these alerts" ? "are" : "is"} recorded but not sent.</p>}
                </div>
              ) : (
                <div className="space-y-1.5">
                  <div>
                    <label htmlFor={id("url")} className="sr-only">
                      {c.type === "slack" ? "Slack incoming-webhook URL" : "Webhook URL"}
                    </label>
                    {input("url", {
                      type: "url",
                      value: c.url,
                      placeholder: c.type === "slack" ? "https://hooks.slack.com/services/…" : "https://example.com/skein-hook",
                      onChange: (e) => put(i, { ...c, url: e.target.value }),
                    })}
                  </div>
                  {c.type === "webhook" && (
                    <div>
                      <div className="flex items-center gap-1.5">
                        <label htmlFor={id("secret")} className="shrink-0 text-xs text-muted">
                          Signing secret
                        </label>
                        <div className="min-w-0 flex-1">
                          <input
                            id={id("secret")}
                            name={`${namePrefix}${i}.secret`}
                            value={c.secret}
                            onChange={(e) => put(i, { ...c, secret: e.target.value })}
                            aria-invalid={err("secret") ? true : undefined}
                            aria-describedby={`${id("secret")}-hint`}
                            spellCheck={false}
                            autoComplete="off"
                            disabled={disabled}
                            className={clsx("h-7 w-full rounded-md border bg-background px-2 font-mono text-xs", err("secret") ? "border-danger" : "border-border")}
                          />
                        </div>
                        <button
                          type="button"
                          disabled={disabled}
                          onClick={() => put(i, { ...c, secret: newSecret() })}
                          title="Generate a new secret"
                          aria-label="Generate a new secret"
                          className="rounded-md p-1 text-muted hover:bg-surface-2 hover:text-foreground"
                        >
                          <RefreshCw className="h-3.5 w-3.5" aria-hidden />
                        </button>
                      </div>
                      <p id={`${id("secret")}-hint`} className={clsx("mt-0.5 text-xs", err("secret") ? "text-danger" : "text-muted")}>
                        {err("secret") ?? "Receivers check X-Skein-Signature: sha256=HMAC-SHA256(raw body, this secret)."}
                      </p>
                    </div>
                  )}
                </div>
              )}
              {outcome && (
                <p
                  role="status"
                  className={clsx(
                    "mt-1.5 text-xs",
                    outcome.state === "ok" ? "text-success" : outcome.state === "failed" ? "text-danger" : "text-muted",
                  )}
                >
                  {outcome.text}
                </p>
              )}
            </li>
          );
        })}
      </ul>
      <div className="flex flex-wrap gap-1.5">
        {CHANNEL_TYPES.map((t) => (
          <button
            key={t.type}
            type="button"
            disabled={disabled || value.length >= 10}
            onClick={() => add(t.type)}
            aria-label={`Add ${t.label} channel`}
            className="flex items-center gap-1 rounded-md border border-dashed border-border px-2 py-1 text-xs hover:bg-surface-2 disabled:opacity-50"
          >
            <Plus className="h-3 w-3" aria-hidden />
            {t.label}
          </button>
        ))}
      </div>
    </div>
  );
}
