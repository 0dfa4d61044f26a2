import { Suspense } from "react";
import { TraceView } from "@/components/traces/trace-view/trace-view";
import { TraceSkeleton } from "@/components/traces/trace-view/trace-states";

export const metadata = { title: "Trace" };

export default async function Page({ params }: { params: Promise<{ traceId: string }> }) {
  const { traceId } = await params;
  return (
    <Suspense fallback={<TraceSkeleton />}>
      <TraceView traceId={traceId.toLowerCase()} />
    </Suspense>
  );
}
