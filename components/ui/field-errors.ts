// Which message a form shows beside each field: its own checks (the browser's) and the
// server's 400 issues, keyed by the API's paths ("name", "scope.agent", "channels.0.url"). Pure.
export type FieldErrors = Partial<Record<string, string>>;

/** A 400's issues by field path; the first issue on a path wins, a missing path lands on "" (form level). */
export function issuesToErrors(issues: { path: string; message: string }[] | undefined): FieldErrors {
  const e: FieldErrors = {};
  for (const i of issues ?? []) {
    const key = i.path ?? "";
    if (e[key] === undefined) e[key] = i.message;
  }
  return e;
}

/** The errors under one path prefix with the prefix removed ("channels.0.url" → "0.url" for "channels"). */
export function errorsUnder(errors: FieldErrors, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(errors)) if (v !== undefined && k.startsWith(`${prefix}.`)) out[k.slice(prefix.length + 1)] = v;
  return out;
}

export interface ErrorState {
  /** The form's own checks on the current draft. */
  local: FieldErrors;
  /** The server's issues from the last save, until the field they name is edited. */
  server: FieldErrors;
  /** Fields the person has edited. */
  touched: ReadonlySet<string>;
  /** Whether a save was tried. */
  submitted: boolean;
}

/**
 * The message to show for `path`: the server's first; the form's own once the field was
 * edited or a save tried. A channel's fields are edited as one list, so theirs show at
 * once, except "required" on a channel just added, which waits for a save.
 */
export function visibleError(path: string, { local, server, touched, submitted }: ErrorState): string | undefined {
  if (server[path]) return server[path];
  const msg = local[path];
  if (!msg) return undefined;
  if (path.startsWith("channels.")) return submitted || msg !== "required" ? msg : undefined;
  return submitted || touched.has(path) ? msg : undefined;
}

/** The visible errors of each channel field, keyed "0.url", "1.to" … as the channel editor takes them. */
export function channelErrors(state: ErrorState): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys({ ...errorsUnder(state.local, "channels"), ...errorsUnder(state.server, "channels") })) {
    const m = visibleError(`channels.${k}`, state);
    if (m) out[k] = m;
  }
  return out;
}

/** The server's complaints after `path` was edited: those about it (or under it) go, and so do those no field shows. */
export function afterEdit(server: FieldErrors, path: string, knownFields: RegExp): FieldErrors {
  return Object.fromEntries(Object.entries(server).filter(([k]) => k !== path && !k.startsWith(`${path}.`) && knownFields.test(k)));
}
