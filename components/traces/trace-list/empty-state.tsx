export function NoTracesYet({ filtered, origin }: { filtered: boolean; origin: string }) {
  if (filtered) {
    return (
      <div className="px-6 py-16 text-center">
        <p className="font-medium">No traces match these filters in this time range.</p>
        <p className="mt-1 text-muted">Widen the time range (press [ to step back) or clear a filter.</p>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-2xl px-6 py-16">
      <p className="text-base font-medium">No traces in this time range yet.</p>
      <p className="mt-1 text-muted">Point your agent&apos;s OpenTelemetry exporter at Skein (create an ingest key in Settings):</p>
      <pre className="mt-3 overflow-x-auto rounded-lg border border-border bg-surface p-3 text-xs leading-relaxed">
        {`export OTEL_EXPORTER_OTLP_ENDPOINT=${origin}
export OTEL_EXPORTER_OTLP_HEADERS="Authorization=Bearer%20<your ingest key>"
export OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf`}
      </pre>
      <p className="mt-3 text-muted">
        Or send a day of demo traffic: <code className="rounded bg-surface-2 px-1">SKEIN_INGEST_KEY=… npm run demo</code>
      </p>
    </div>
  );
}
