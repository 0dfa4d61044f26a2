import { z } from "zod";
import { apiRoute, jsonBody } from "@/lib/http/api";
import { createIngestKey, listIngestKeys } from "@/lib/auth/ingest-keys";

export const dynamic = "force-dynamic";

export const GET = apiRoute("read", async ({ rt, project }) => ({ items: await listIngestKeys(rt.db, (await project()).id) }));

const body = z.object({ name: z.string().trim().min(1).max(100) });

export const POST = apiRoute("write", async ({ req, rt, project }) => {
  const { name } = await jsonBody(req, body);
  const p = await project();
  const { key, id } = await createIngestKey(rt.db, p.id, name);
  // The only time the key exists in plaintext.
  return Response.json({ id, name, key, project: p.slug }, { status: 201 });
});
