"use client";

// A modal panel on the right edge. The native <dialog> (showModal) makes the page
// behind it inert, so Tab stays inside; Esc and a click on the backdrop close it,
// and focus returns to whatever opened it.
import { useEffect, useId, useRef } from "react";
import { X } from "lucide-react";

export function SideSheet({
  title,
  description,
  onClose,
  children,
  footer,
}: {
  title: string;
  description?: React.ReactNode;
  onClose: () => void;
  children: React.ReactNode;
  footer?: React.ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const closeRef = useRef(onClose);
  const closed = useRef(false);
  useEffect(() => {
    closeRef.current = onClose;
  }, [onClose]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    closed.current = false;
    if (!dialog.open) dialog.showModal();
    // showModal focuses the first focusable element (the close button); start where the form begins.
    dialog.querySelector<HTMLElement>("[data-autofocus]")?.focus();
    return () => {
      closed.current = true;
      if (dialog.open) dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  const close = () => {
    if (closed.current) return;
    closed.current = true;
    closeRef.current();
  };

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        close();
      }}
      onClose={() => {
        // Only a close the browser made (ours come from unmounting, and a re-shown dialog is open again).
        if (!ref.current?.open) close();
      }}
      onMouseDown={(e) => {
        if (e.target === e.currentTarget) close();
      }}
      className="fixed inset-y-0 right-0 left-auto m-0 h-dvh max-h-dvh w-full max-w-xl border-l border-border bg-background p-0 text-foreground shadow-2xl backdrop:bg-black/40"
    >
      <div className="flex h-full flex-col">
        <header className="flex items-start gap-3 border-b border-border px-5 py-3.5">
          <div className="min-w-0 flex-1">
            <h2 id={titleId} className="text-base font-semibold">
              {title}
            </h2>
            {description && <div className="mt-0.5 text-muted">{description}</div>}
          </div>
          <button type="button" onClick={close} aria-label="Close" title="Close (Esc)" className="-mr-1.5 rounded-md p-1.5 text-muted hover:bg-surface-2 hover:text-foreground">
            <X className="h-4 w-4" aria-hidden />
          </button>
        </header>
        <div className="min-h-0 flex-1 overflow-y-auto px-5 py-4">{children}</div>
        {footer && <footer className="border-t border-border bg-surface px-5 py-3">{footer}</footer>}
      </div>
    </dialog>
  );
}
