"use client";

// The state of a create/edit form (alert rules, report schedules): the draft, which fields
// were edited, the server's 400 issues, and the save. Checks run as the person types; a
// refused save puts each issue beside its field and focuses the first one.
import { useId, useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { IssuesError } from "@/lib/query/send-with-issues";
import { afterEdit, channelErrors, issuesToErrors, visibleError, type ErrorState, type FieldErrors } from "./field-errors";

export function useDraftForm<D>({
  initial,
  validate,
  knownFields,
  save,
  onSaved,
}: {
  initial: () => D;
  validate: (draft: D) => FieldErrors;
  /** Paths shown beside a field; a server issue on any other path is listed at the end of the form. */
  knownFields: RegExp;
  save: (draft: D) => Promise<unknown>;
  onSaved: () => void;
}) {
  const uid = useId();
  const [draft, setDraft] = useState<D>(initial);
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set());
  const [submitted, setSubmitted] = useState(false);
  const [server, setServer] = useState<FieldErrors>({});

  const local = validate(draft);
  const state: ErrorState = { local, server, touched, submitted };
  const id = (field: string) => `${uid}-${field}`;
  const shown = (path: string) => visibleError(path, state);
  const focusFirstInvalid = () => requestAnimationFrame(() => document.querySelector<HTMLElement>(`[id^="${CSS.escape(uid)}"][aria-invalid="true"]`)?.focus());

  const mutation = useMutation({
    mutationFn: () => save(draft),
    onSuccess: onSaved,
    onError: (err) => {
      if (err instanceof IssuesError && err.issues.length) {
        setServer(issuesToErrors(err.issues));
        focusFirstInvalid();
      }
    },
  });

  return {
    draft,
    /** Element ids under this form ("name" → "«r1»-name"). */
    id,
    shown,
    /** id and ARIA state for the control of `field`; its FieldError takes the id `${id(field)}-error`. */
    fieldProps: (field: string) => ({
      id: id(field),
      "aria-invalid": shown(field) ? (true as const) : undefined,
      "aria-describedby": shown(field) ? id(`${field}-error`) : undefined,
    }),
    channelErrors: channelErrors(state),
    /** Server issues no field shows, as [path, message]. */
    formLevel: Object.entries(server).filter(([k]) => !knownFields.test(k)),
    /** Applies a change to one field and drops the server's complaints about it. */
    edit: (path: string, next: D) => {
      setDraft(next);
      setTouched((t) => (t.has(path) ? t : new Set(t).add(path)));
      setServer((s) => afterEdit(s, path, knownFields));
    },
    submit: (e: React.FormEvent) => {
      e.preventDefault();
      setSubmitted(true);
      if (Object.keys(local).length > 0) {
        focusFirstInvalid();
        return;
      }
      mutation.mutate();
    },
    saving: mutation.isPending,
    /** A failed save that no field shows (a 401, a 500, the network). */
    saveError: mutation.isError && !(mutation.error instanceof IssuesError && mutation.error.issues.length) ? mutation.error : null,
  };
}

export type DraftForm = Pick<ReturnType<typeof useDraftForm>, "id" | "submit" | "saving" | "saveError" | "formLevel" | "shown" | "fieldProps">;
