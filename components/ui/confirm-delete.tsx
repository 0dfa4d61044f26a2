"use client";

// "Delete this rule and its history? [Delete] [Keep]" in place of a row's buttons. The way
// back has focus, so Enter or Esc keeps the item.
export function ConfirmDelete({
  label,
  question,
  keepLabel = "Keep",
  pending = false,
  onDelete,
  onKeep,
}: {
  /** Names the group for screen readers ("Delete “Nightly”?"). */
  label: string;
  question: string;
  keepLabel?: string;
  /** While the delete is under way (Delete is disabled). */
  pending?: boolean;
  onDelete: () => void;
  onKeep: () => void;
}) {
  return (
    <span
      className="inline-flex items-center gap-1.5"
      role="group"
      aria-label={label}
      onKeyDown={(e) => {
        if (e.key === "Escape") onKeep();
      }}
    >
      <span className="text-xs">{question}</span>
      <button type="button" disabled={pending} onClick={onDelete} className="rounded-md bg-danger px-2 py-1 text-xs font-medium text-white disabled:opacity-60">
        Delete
      </button>
      <button type="button" autoFocus onClick={onKeep} className="rounded-md border border-border px-2 py-1 text-xs hover:bg-surface-2">
        {keepLabel}
      </button>
    </span>
  );
}
