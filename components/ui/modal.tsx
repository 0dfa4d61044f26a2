"use client";

// A centred modal on the native <dialog>: showModal() makes the page behind it inert, Tab
// wraps inside it, Esc closes it, and focus returns to whatever opened it. The element
// marked data-autofocus gets focus first.
import { useEffect, useId, useRef } from "react";
import { X } from "lucide-react";

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export function Modal({ title, description, onClose, children, footer }: { title: string; description?: React.ReactNode; onClose: () => void; children: React.ReactNode; footer?: React.ReactNode }) {
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
    // showModal focuses the first focusable (the close button); start where the content asks to.
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

  const trapTab = (e: React.KeyboardEvent<HTMLDialogElement>) => {
    if (e.key !== "Tab") return;
    const items = [...e.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null);
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return;
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onKeyDown={trapTab}
      onCancel={(e) => {
        e.preventDefault();
        close();
      }}
      onClose={() => {
        if (!ref.current?.open) close();
      }}
      className="m-auto max-h-[min(92dvh,56rem)] w-[calc(100%-2rem)] max-w-2xl rounded-xl border border-border bg-background p-0 text-foreground shadow-2xl backdrop:bg-black/40"
    >
      <div className="flex max-h-[min(92dvh,56rem)] flex-col">
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
        {footer && <footer className="rounded-b-xl border-t border-border bg-surface px-5 py-3">{footer}</footer>}
      </div>
    </dialog>
  );
}
