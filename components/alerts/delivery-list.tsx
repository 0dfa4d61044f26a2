// Every delivery attempt of one alert: channel, attempt, status, HTTP/SMTP code, the fixed
// error reason, and when a pending attempt will be retried.
import { clsx } from "clsx";
import { Mail, MessageSquare, Radio, Webhook } from "lucide-react";
import { formatTime } from "@/lib/format";
import { clockTime, relativeTime, type Delivery, type DeliveryStatus } from "./alert-model";

const STATUS: Record<DeliveryStatus, string> = {
  ok: "bg-success-soft text-success",
  failed: "bg-danger-soft text-danger",
  pending: "bg-warning-soft text-warning",
};

const CHANNEL: Record<string, { label: string; icon: typeof Webhook }> = {
  webhook: { label: "Webhook", icon: Webhook },
  slack: { label: "Slack", icon: MessageSquare },
  email: { label: "E-mail", icon: Mail },
};

export function channelName(type: string | null, index: number): string {
  return `${(type && CHANNEL[type]?.label) ?? "Channel"} #${index + 1}`;
}

export function DeliveryStatusPill({ status }: { status: DeliveryStatus }) {
  return <span className={clsx("inline-flex rounded-full px-1.5 py-px text-[11px] font-medium", STATUS[status])}>{status}</span>;
}

export function DeliveryList({ deliveries, now }: { deliveries: Delivery[]; now: Date }) {
  if (deliveries.length === 0) {
    return <p className="text-xs text-muted">No channels: this alert is only listed here.</p>;
  }
  const sorted = [...deliveries].sort((a, b) => a.channelIndex - b.channelIndex || a.attempt - b.attempt);
  return (
    <table className="w-full max-w-3xl text-xs" aria-label="Delivery attempts">
      <thead className="sr-only">
        <tr>
          <th>Channel</th>
          <th>Attempt</th>
          <th>Status</th>
          <th>Details</th>
          <th>Time</th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((d, i) => {
          const sameChannel = i > 0 && sorted[i - 1]?.channelIndex === d.channelIndex;
          const Icon = (d.channelType && CHANNEL[d.channelType]?.icon) || Radio;
          const code = d.httpStatus === null ? null : d.channelType === "email" ? `SMTP ${d.httpStatus}` : `HTTP ${d.httpStatus}`;
          return (
            <tr key={`${d.channelIndex}-${d.attempt}`} data-testid="delivery" data-status={d.status} className="[&>td]:py-0.5 [&>td]:pr-3">
              <td className="whitespace-nowrap">
                <span className={clsx("inline-flex items-center gap-1", sameChannel && "invisible")}>
                  <Icon className="h-3.5 w-3.5 text-muted" aria-hidden />
                  {channelName(d.channelType, d.channelIndex)}
                </span>
              </td>
              <td className="whitespace-nowrap text-muted">attempt {d.attempt}</td>
              <td>
                <DeliveryStatusPill status={d.status} />
              </td>
              <td className="w-full">
                {[code, d.error].filter(Boolean).join(" · ")}
                {d.status === "pending" && d.nextAttemptAt && (
                  <span className="text-muted" title={formatTime(d.nextAttemptAt)}>
                    {code || d.error ? " · " : ""}
                    {d.attempt > 1 ? "retry" : "send"} at {clockTime(d.nextAttemptAt)} ({new Date(d.nextAttemptAt) <= now ? "due now" : relativeTime(d.nextAttemptAt, now)})
                  </span>
                )}
              </td>
              <td className="whitespace-nowrap text-right text-muted" title={d.createdAt ? formatTime(d.createdAt) : undefined}>
                {d.createdAt ? relativeTime(d.createdAt, now) : ""}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
