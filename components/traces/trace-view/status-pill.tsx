import { clsx } from "clsx";

type Status = "ok" | "error" | "incomplete" | "unset";

const STYLES: Record<Status, string> = {
  ok: "bg-success-soft text-success",
  error: "bg-danger-soft text-danger",
  incomplete: "bg-warning-soft text-warning",
  unset: "bg-surface-2 text-muted",
};

const TITLES: Partial<Record<Status, string>> = {
  incomplete: "Root span not received yet",
  unset: "The span did not set a status (treated as success)",
};

export function StatusPill({ status, className }: { status: Status; className?: string }) {
  return (
    <span className={clsx("inline-flex items-center rounded-full px-2 py-0.5 text-[11px] font-medium leading-4", STYLES[status], className)} title={TITLES[status]}>
      {status}
    </span>
  );
}
