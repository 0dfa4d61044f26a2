// The typed errors that route handlers map to HTTP statuses in one place
// (lib/http/handler.ts). Messages are fixed English text: never request data.

export class AppError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadRequestError extends AppError {
  constructor(message = "bad request") {
    super(400, message);
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = "missing or invalid credentials") {
    super(401, message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = "not allowed for this role") {
    super(403, message);
  }
}

export class NotFoundError extends AppError {
  constructor(message = "not found") {
    super(404, message);
  }
}

export class RateLimitedError extends AppError {
  constructor(retryAfterSeconds = 1, message = "rate limit exceeded, retry later") {
    super(429, message, retryAfterSeconds);
  }
}

/** Transient: overload or database unavailable. OTLP clients retry 503. */
export class ServiceUnavailableError extends AppError {
  constructor(message = "temporarily unavailable, retry later", retryAfterSeconds = 5) {
    super(503, message, retryAfterSeconds);
  }
}

const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
]);

/**
 * True for database failures a retry can fix: lost connections, server
 * shutdown/startup (SQLSTATE class 08, 57P0x), serialization failures and
 * deadlocks (40001, 40P01), lock timeouts (55P03), too many connections (53300).
 */
export function isTransientDbError(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== "object" || depth > 4) return false;
  // drizzle wraps driver errors (DrizzleQueryError) and keeps the original as `cause`.
  const cause = (err as { cause?: unknown }).cause;
  if (cause && isTransientDbError(cause, depth + 1)) return true;
  const code = (err as { code?: unknown }).code;
  if (typeof code !== "string") return false;
  return (
    CONNECTION_CODES.has(code) ||
    code.startsWith("08") ||
    code.startsWith("57P") ||
    code === "40001" ||
    code === "40P01" ||
    code === "55P03" ||
    code === "53300" ||
    code === "53200"
  );
}
