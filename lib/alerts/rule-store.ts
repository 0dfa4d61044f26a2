// Alert rules CRUD. Disabling a rule clears its firing state (no "resolved" message: nobody is watching it).
import { and, asc, eq, sql } from "drizzle-orm";
import { alertRules } from "@/drizzle/schema";
import { NotFoundError } from "@/lib/errors";
import type { Db } from "@/lib/db/client";
import { maskChannels } from "@/lib/notify/channel-mask";
import { ruleInput, type RuleInput, type RuleJson } from "./rule-input";

export type RuleRow = typeof alertRules.$inferSelect;

export function ruleToJson(r: RuleRow, revealSecrets: boolean): RuleJson {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    scope: r.scope,
    threshold: r.threshold,
    windowMinutes: r.windowMinutes,
    minTraces: r.minTraces,
    enabled: r.enabled,
    channels: maskChannels(r.channels, revealSecrets),
    state: r.state,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

const columns = (r: RuleInput) => ({
  name: r.name,
  kind: r.kind,
  scope: r.scope,
  threshold: r.threshold,
  windowMinutes: r.windowMinutes,
  minTraces: r.minTraces,
  enabled: r.enabled,
  channels: r.channels,
});

const byId = (projectId: number, id: number) => and(eq(alertRules.projectId, projectId), eq(alertRules.id, id));

export async function listRules(db: Db, projectId: number): Promise<RuleRow[]> {
  return db.orm.select().from(alertRules).where(eq(alertRules.projectId, projectId)).orderBy(asc(alertRules.id));
}

export async function getRule(db: Db, projectId: number, id: number): Promise<RuleRow> {
  const [row] = await db.orm.select().from(alertRules).where(byId(projectId, id)).limit(1);
  if (!row) throw new NotFoundError("alert rule not found");
  return row;
}

export async function createRule(db: Db, projectId: number, input: RuleInput): Promise<RuleRow> {
  const [row] = await db.orm
    .insert(alertRules)
    .values({ projectId, ...columns(input) })
    .returning();
  if (!row) throw new Error("alert rule insert returned nothing");
  return row;
}

/** Merges the patch onto the stored rule and re-validates the whole. Changing the kind starts from its defaults. */
export async function updateRule(db: Db, projectId: number, id: number, patch: Record<string, unknown>): Promise<RuleRow> {
  const current = ruleToJson(await getRule(db, projectId, id), true);
  const { id: _id, createdAt: _c, updatedAt: _u, state: _s, ...editable } = current;
  const merged: Record<string, unknown> = { ...editable, ...patch };
  if (patch.kind !== undefined && patch.kind !== current.kind) {
    for (const k of ["threshold", "windowMinutes", "minTraces"] as const) if (patch[k] === undefined) delete merged[k];
  }
  const next = ruleInput.parse(merged);
  const kindChanged = next.kind !== current.kind;
  const [row] = await db.orm
    .update(alertRules)
    .set({ ...columns(next), updatedAt: sql`now()`, ...((!next.enabled || kindChanged) && { state: "ok" as const }) })
    .where(byId(projectId, id))
    .returning();
  if (!row) throw new NotFoundError("alert rule not found");
  return row;
}

export async function deleteRule(db: Db, projectId: number, id: number): Promise<void> {
  const rows = await db.orm.delete(alertRules).where(byId(projectId, id)).returning({ id: alertRules.id });
  if (!rows[0]) throw new NotFoundError("alert rule not found");
}
