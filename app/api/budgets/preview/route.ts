import { apiRoute, jsonBody } from "@/lib/http/api";
import { budgetPreview, budgetPreviewInput } from "@/lib/budgets/preview";

export const dynamic = "force-dynamic";

// POST so a scope with metadata rows travels as JSON; it reads only (the editor's preview line).
export const POST = apiRoute("read", async ({ req, rt, project }) => {
  const p = await project();
  return budgetPreview(rt.db, p.id, await jsonBody(req, budgetPreviewInput), rt.ingest.pseudonymKey);
});
