"use client";

// A small square button with only an icon: its label is for screen readers, its title for hover.
import { clsx } from "clsx";
import type { LucideIcon } from "lucide-react";

export function IconButton({
  icon: Icon,
  label,
  title,
  onClick,
  tone = "default",
  iconClassName = "h-3.5 w-3.5",
  className,
}: {
  icon: LucideIcon;
  label: string;
  title: string;
  onClick: () => void;
  /** "danger": turns red on hover (delete). */
  tone?: "default" | "danger";
  iconClassName?: string;
  className?: string;
}) {
  return (
    <button
      type="button"
      onClick={onClick}
      aria-label={label}
      title={title}
      className={clsx("rounded-md p-1.5 text-muted", tone === "danger" ? "hover:bg-danger-soft hover:text-danger" : "hover:bg-surface-2 hover:text-foreground", className)}
    >
      <Icon className={iconClassName} aria-hidden />
    </button>
  );
}
