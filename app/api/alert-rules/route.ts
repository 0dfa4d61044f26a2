import { apiRoute, jsonBody } from "@/lib/http/api";
import { ruleInput } from "@/lib/alerts/rule-input";
import { createRule, listRules, ruleToJson } from "@/lib/alerts/rule-store";

export const dynamic = "force-dynamic";

export const GET = apiRoute("read", async ({ rt, project, principal }) => {
  const p = await project();
  return { items: (await listRules(rt.db, p.id)).map((r) => ruleToJson(r, principal.role === "admin")) };
});

export const POST = apiRoute("write", async ({ req, rt, project }) => {
  const p = await project();
  const created = await createRule(rt.db, p.id, await jsonBody(req, ruleInput));
  return Response.json(ruleToJson(created, true), { status: 201 });
});
