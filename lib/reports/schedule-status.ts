// A schedule's last run in a few words: delivered, sending, or what failed.
import type { ScheduleDeliveryJson, ScheduleRunJson } from "./schedule-input";

export interface RunStatus {
  state: "none" | "ok" | "pending" | "failed";
  text: string;
  /** One line per channel for the hover title: "webhook: ok (HTTP 200)". */
  detail: string[];
}

/** The latest attempt per channel (retries replace earlier attempts). */
export function latestAttempts(run: ScheduleRunJson): ScheduleDeliveryJson[] {
  const byChannel = new Map<number, ScheduleDeliveryJson>();
  for (const d of run.deliveries) {
    const prev = byChannel.get(d.channelIndex);
    if (!prev || d.attempt > prev.attempt) byChannel.set(d.channelIndex, d);
  }
  return [...byChannel.values()].sort((a, b) => a.channelIndex - b.channelIndex);
}

const TYPE_LABEL: Record<string, string> = { webhook: "Webhook", slack: "Slack", email: "E-mail" };
const label = (d: ScheduleDeliveryJson) => TYPE_LABEL[d.channelType ?? ""] ?? `Channel ${d.channelIndex + 1}`;

function describe(d: ScheduleDeliveryJson): string {
  const code = d.httpStatus !== null ? `${d.channelType === "email" ? "SMTP" : "HTTP"} ${d.httpStatus}` : null;
  if (d.status === "ok") return `${label(d)}: delivered${code ? ` (${code})` : ""}`;
  if (d.status === "pending") return `${label(d)}: ${d.attempt > 1 ? `retrying (attempt ${d.attempt})` : "sending"}`;
  return `${label(d)}: failed after ${d.attempt} attempt${d.attempt === 1 ? "" : "s"} (${[d.error, code].filter(Boolean).join(", ") || "unknown reason"})`;
}

export function runStatus(run: ScheduleRunJson | undefined): RunStatus {
  if (!run) return { state: "none", text: "No report sent yet", detail: [] };
  const latest = latestAttempts(run);
  const detail = latest.map(describe);
  if (latest.length === 0) return { state: "none", text: "No channels", detail };
  const ok = latest.filter((d) => d.status === "ok").length;
  const failed = latest.filter((d) => d.status === "failed");
  if (latest.some((d) => d.status === "pending")) return { state: "pending", text: `Sending… ${ok} of ${latest.length} delivered`, detail };
  if (failed.length > 0) {
    const why = (d: ScheduleDeliveryJson) => d.error ?? (d.httpStatus !== null ? `HTTP ${d.httpStatus}` : "failed");
    return { state: "failed", text: `${ok} of ${latest.length} delivered · ${failed.map((d) => `${label(d)}: ${why(d)}`).join(", ")}`, detail };
  }
  return { state: "ok", text: latest.length === 1 ? "Delivered" : `Delivered to all ${latest.length}`, detail };
}
