import { asc } from "drizzle-orm";
import { projects } from "@/drizzle/schema";
import { AppError } from "@/lib/errors";
import type { Db } from "./client";

export async function listProjects(db: Db) {
  return db.orm
    .select({ id: projects.id, slug: projects.slug, name: projects.name, retentionDays: projects.retentionDays })
    .from(projects)
    .orderBy(asc(projects.id));
}

export function slugify(name: string): string {
  return name.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 48) || "project";
}

export async function createProject(db: Db, p: { name: string; slug?: string; retentionDays?: number }) {
  const slug = p.slug ?? slugify(p.name);
  const rows = await db.orm
    .insert(projects)
    .values({ name: p.name, slug, retentionDays: p.retentionDays ?? 30 })
    .onConflictDoNothing()
    .returning({ id: projects.id, slug: projects.slug, name: projects.name, retentionDays: projects.retentionDays });
  if (!rows[0]) throw new AppError(409, "a project with this slug already exists");
  return rows[0];
}
