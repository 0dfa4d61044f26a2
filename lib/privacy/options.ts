// Per-project privacy settings handed to the filter on every call.

export interface PrivacyOptions {
  /** Tenant-configured user-metadata key prefixes (e.g. "app."); values pass the identifier-shape filter. */
  readonly metadataPrefixes: readonly string[];
  /**
   * HMAC key for end-user id attributes (user.id, langfuse.user.id, …). When set they are kept as
   * pseudonyms (`u_<hex>`); when absent they are dropped, since the raw id must never be stored.
   */
  readonly userIdKey?: string;
  /** Per-batch memo of pseudonyms (set by the ingest pipeline for the length of one request). */
  readonly pseudonyms?: Map<string, string>;
}

export const defaultPrivacyOptions: PrivacyOptions = Object.freeze({
  metadataPrefixes: Object.freeze(["app."]),
});
