import { handleOtlpTraces } from "@/lib/ingest/http";
import { getRuntime } from "@/lib/server/runtime";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export function POST(req: Request): Promise<Response> {
  return handleOtlpTraces(req, getRuntime);
}
