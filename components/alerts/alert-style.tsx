// One icon and colour per alert type; resolved events are green whatever fired them.
import { CircleCheck, Flame, Gauge, Tag, Timer, TrendingUp, Wallet, type LucideIcon } from "lucide-react";
import { TYPE_LABELS, type Alert, type AlertType } from "./alert-model";

const STYLE: Record<AlertType, { icon: LucideIcon; tone: string }> = {
  "budget.threshold": { icon: Wallet, tone: "bg-warning-soft text-warning" },
  "budget.forecast": { icon: TrendingUp, tone: "bg-warning-soft text-warning" },
  "rule.trace_cost": { icon: Flame, tone: "bg-danger-soft text-danger" },
  "rule.error_rate": { icon: Gauge, tone: "bg-danger-soft text-danger" },
  "rule.p95_latency": { icon: Timer, tone: "bg-accent-soft text-accent" },
  "rule.unpriced_model": { icon: Tag, tone: "bg-surface-2 text-muted" },
};

export function typeIcon(type: AlertType): LucideIcon {
  return STYLE[type].icon;
}

export function AlertIcon({ alert }: { alert: Pick<Alert, "type" | "state"> }) {
  const resolved = alert.state === "resolved";
  const Icon = resolved ? CircleCheck : STYLE[alert.type].icon;
  return (
    <span
      className={`flex h-7 w-7 shrink-0 items-center justify-center rounded-full ${resolved ? "bg-success-soft text-success" : STYLE[alert.type].tone}`}
      title={resolved ? `${TYPE_LABELS[alert.type]} resolved` : TYPE_LABELS[alert.type]}
    >
      <Icon className="h-4 w-4" aria-hidden />
    </span>
  );
}
