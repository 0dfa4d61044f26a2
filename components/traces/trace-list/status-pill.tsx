import { clsx } from "clsx";

const STYLES = {
  ok: "bg-success-soft text-success",
  error: "bg-danger-soft text-danger",
  incomplete: "bg-warning-soft text-warning",
} as const;

export function StatusPill({ status }: { status: "ok" | "error" | "incomplete" }) {
  return (
    <span
      className={clsx("inline-flex rounded-full px-2 py-0.5 text-[11px] font-medium", STYLES[status])}
      title={status === "incomplete" ? "Root span not received yet" : undefined}
    >
      {status}
    </span>
  );
}
