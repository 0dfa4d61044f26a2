import { getRuntime } from "@/lib/server/runtime";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  try {
    const rt = await getRuntime();
    await rt.db.query("select 1");
    return Response.json({ status: "ok", database: rt.db.kind });
  } catch {
    return Response.json({ status: "unavailable" }, { status: 503, headers: { "retry-after": "5" } });
  }
}
