import { z } from "zod";
import { apiRoute, jsonBody } from "@/lib/http/api";
import { NotFoundError } from "@/lib/errors";
import { deleteRule, getRule, ruleToJson, updateRule } from "@/lib/alerts/rule-store";

export const dynamic = "force-dynamic";

function ruleId(raw: string | undefined): number {
  const id = Number(raw);
  if (!Number.isInteger(id) || id <= 0 || id > 2_147_483_647) throw new NotFoundError("alert rule not found");
  return id;
}

/** A patch is any subset of the fields; it is merged onto the stored rule and re-validated whole. */
const rulePatch = z.record(z.string(), z.unknown());

export const GET = apiRoute("read", async ({ rt, project, params, principal }) => {
  const p = await project();
  return ruleToJson(await getRule(rt.db, p.id, ruleId(params.id)), principal.role === "admin");
});

export const PATCH = apiRoute("write", async ({ req, rt, project, params }) => {
  const p = await project();
  const id = ruleId(params.id);
  return ruleToJson(await updateRule(rt.db, p.id, id, await jsonBody(req, rulePatch)), true);
});

export const DELETE = apiRoute("write", async ({ rt, project, params }) => {
  const p = await project();
  await deleteRule(rt.db, p.id, ruleId(params.id));
  return { ok: true };
});
