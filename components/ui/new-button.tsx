"use client";

// The accent "+ New …" button that opens a create form.
import { clsx } from "clsx";
import { Plus } from "lucide-react";

export function NewButton({ label, onClick, size = "md", className }: { label: string; onClick: () => void; size?: "md" | "sm"; className?: string }) {
  return (
    <button
      type="button"
      onClick={onClick}
      className={clsx("inline-flex items-center gap-1.5 rounded-md bg-accent font-medium text-accent-foreground", size === "sm" ? "px-2.5 py-1" : "h-8 px-3", className)}
    >
      <Plus className={size === "sm" ? "h-3.5 w-3.5" : "h-4 w-4"} aria-hidden />
      {label}
    </button>
  );
}
