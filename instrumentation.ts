// Runs once when the Next.js server starts: open the database, apply migrations
// and bootstrap (printing first-start secrets) before the first request.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getRuntime } = await import("@/lib/server/runtime");
  const { logEvent, errorFields } = await import("@/lib/log");
  const { installProcessGuard } = await import("@/lib/server/process-guard");
  if (process.env.DATABASE_URL) installProcessGuard();
  try {
    const rt = await getRuntime();
    logEvent("skein.ready", { database: rt.db.kind, port: rt.env.PORT });
  } catch (err) {
    // Keep serving: routes retry the start and answer 503 until the database is back.
    logEvent("skein.start_failed", errorFields(err));
  }
}
