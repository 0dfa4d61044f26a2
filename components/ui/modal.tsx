"use client";

// A modal on the native <dialog>, centred or as a full-height sheet on the right edge:
// showModal() makes the page behind it inert, Tab wraps inside it, Esc (and, for the
// sheet, a click on the backdrop) closes it, and focus returns to whatever opened it.
// The element marked data-autofocus gets focus first.
import { useEffect, useId, useRef } from "react";
import { clsx } from "clsx";
import { X } from "lucide-react";
import { IconButton } from "./icon-button";

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

const PLACEMENT = {
  center: {
    dialog: "m-auto max-h-[min(92dvh,56rem)] w-[calc(100%-2rem)] max-w-2xl rounded-xl border",
    frame: "max-h-[min(92dvh,56rem)]",
    footer: "rounded-b-xl",
  },
  right: {
    dialog: "fixed inset-y-0 right-0 left-auto m-0 h-dvh max-h-dvh w-full max-w-xl border-l",
    frame: "h-full",
    footer: "",
  },
} as const;

export function Modal({
  title,
  description,
  onClose,
  children,
  footer,
  placement = "center",
}: {
  title: string;
  description?: React.ReactNode;
  onClose: () => void;
  children: React.ReactNode;
  footer?: React.ReactNode;
  /** "right": a side sheet, closed by a click on the backdrop too. */
  placement?: keyof typeof PLACEMENT;
}) {
  const look = PLACEMENT[placement];
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
        // Only a close the browser made (ours come from unmounting, and a re-shown dialog is open again).
        if (!ref.current?.open) close();
      }}
      onMouseDown={(e) => {
        if (placement === "right" && e.target === e.currentTarget) close();
      }}
      className={clsx(look.dialog, "border-border bg-background p-0 text-foreground shadow-2xl backdrop:bg-black/40")}
    >
      <div className={clsx("flex flex-col", look.frame)}>
        <header className="flex items-start gap-3 border-b border-border px-5 py-3.5">
          <div className="min-w-0 flex-1">
            <h2 id={titleId} className="text-base font-semibold">
              {title}
            </h2>
            {description && <div className="mt-0.5 text-muted">{description}</div>}
          </div>
          <IconButton icon={X} label="Close" title="Close (Esc)" onClick={close} iconClassName="h-4 w-4" className="-mr-1.5" />
        </header>
        <div className="min-h-0 flex-1 overflow-y-auto px-5 py-4">{children}</div>
        {footer && <footer className={clsx("border-t border-border bg-surface px-5 py-3", look.footer)}>{footer}</footer>}
      </div>
    </dialog>
  );
}
