"use client";

// A create/edit form in a centred Modal, run by useDraftForm: Cancel and save in the
// footer (with a failed save's message), the server's issues no field shows at the end,
// and the pieces each field is made of.
import { clsx } from "clsx";
import { Modal } from "./modal";
import type { DraftForm } from "./use-draft-form";

export function FormDialog({
  form,
  title,
  description,
  submitLabel,
  onClose,
  children,
}: {
  form: DraftForm;
  title: string;
  description: React.ReactNode;
  /** "Create rule", "Save schedule" … ("Saving…" while it saves). */
  submitLabel: string;
  onClose: () => void;
  children: React.ReactNode;
}) {
  return (
    <Modal
      title={title}
      description={description}
      onClose={onClose}
      footer={
        <div className="flex items-center justify-end gap-2">
          {form.saveError && (
            <p role="alert" className="mr-auto text-danger">
              {form.saveError.message}
            </p>
          )}
          <button type="button" onClick={onClose} className="rounded-md border border-border px-3 py-1.5 hover:bg-surface-2">
            Cancel
          </button>
          <button type="submit" form={form.id("form")} disabled={form.saving} className="rounded-md bg-accent px-3 py-1.5 font-medium text-accent-foreground disabled:opacity-60">
            {form.saving ? "Saving…" : submitLabel}
          </button>
        </div>
      }
    >
      <form id={form.id("form")} noValidate onSubmit={form.submit} className="space-y-5">
        {children}
        {form.formLevel.length > 0 && (
          <div role="alert" className="rounded-md bg-danger-soft px-3 py-2 text-danger">
            {form.formLevel.map(([k, m]) => (
              <p key={k}>{k ? `${k}: ${m}` : m}</p>
            ))}
          </div>
        )}
      </form>
    </Modal>
  );
}

/** The message under a field, when there is one. */
export function FieldError({ form, field }: { form: DraftForm; field: string }) {
  const message = form.shown(field);
  if (!message) return null;
  return (
    <p id={form.id(`${field}-error`)} className="mt-0.5 text-xs text-danger">
      {message}
    </p>
  );
}

/** A text (or number) input for `field`, marked and described while it has an issue. */
export function FieldInput({
  form,
  field,
  className = "w-full",
  ...props
}: { form: DraftForm; field: string; "data-autofocus"?: boolean } & Omit<React.InputHTMLAttributes<HTMLInputElement>, "form">) {
  return (
    <input
      {...form.fieldProps(field)}
      className={clsx("h-8 rounded-md border border-border bg-background px-2", form.shown(field) && "border-danger ring-1 ring-danger", className)}
      {...props}
    />
  );
}

/** One choice of several as bordered cards, each with a label and a line of help. */
export function RadioCards<V extends string>({
  name,
  options,
  value,
  onChange,
}: {
  name: string;
  options: readonly { value: V; label: string; help: string }[];
  value: V;
  onChange: (value: V) => void;
}) {
  return (
    <div className="grid gap-2 sm:grid-cols-2">
      {options.map((o) => (
        <label
          key={o.value}
          className={clsx(
            "flex cursor-pointer gap-2 rounded-md border px-2.5 py-2 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-accent",
            value === o.value ? "border-accent bg-accent-soft ring-1 ring-accent" : "border-border hover:bg-surface",
          )}
        >
          <input type="radio" name={name} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} className="mt-0.5 accent-[var(--accent)]" />
          <span>
            <span className="block font-medium">{o.label}</span>
            <span className="block text-xs text-muted">{o.help}</span>
          </span>
        </label>
      ))}
    </div>
  );
}
