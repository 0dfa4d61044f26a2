/** Why the demo stopped; `index.ts` prints the message and exits non-zero. Never carries a key or span data. */
export type DemoErrorKind = "usage" | "auth" | "unreachable" | "rejected" | "export";

export class DemoError extends Error {
  constructor(
    readonly kind: DemoErrorKind,
    message: string,
  ) {
    super(message);
    this.name = "DemoError";
  }
}
