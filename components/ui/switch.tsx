"use client";

// An on/off switch (role="switch"): the label names what it turns on.
import { clsx } from "clsx";

export function Switch({
  checked,
  label,
  title,
  disabled,
  className,
  onChange,
}: {
  checked: boolean;
  label: string;
  title?: string;
  disabled?: boolean;
  className?: string;
  onChange: (checked: boolean) => void;
}) {
  return (
    <button
      type="button"
      role="switch"
      aria-checked={checked}
      aria-label={label}
      title={title}
      disabled={disabled}
      onClick={() => onChange(!checked)}
      className={clsx("relative inline-flex h-5 w-9 shrink-0 items-center rounded-full transition-colors disabled:opacity-60", checked ? "bg-accent" : "bg-border", className)}
    >
      <span className={clsx("inline-block h-4 w-4 rounded-full bg-background shadow transition-transform", checked ? "translate-x-[1.125rem]" : "translate-x-0.5")} />
    </button>
  );
}
