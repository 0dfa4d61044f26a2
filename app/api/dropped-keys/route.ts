import { apiRoute } from "@/lib/http/api";

export const dynamic = "force-dynamic";

// What the privacy filter dropped: key patterns and counts, never values.
export const GET = apiRoute("read", async ({ rt, project }) => {
  const rows = await rt.db.query<{ pattern: string; count: string | number; last_seen: Date | string }>(
    `select pattern, count, last_seen from dropped_keys where project_id = $1 order by last_seen desc, count desc limit 500`,
    [(await project()).id],
  );
  return { items: rows.map((r) => ({ pattern: r.pattern, count: Number(r.count), lastSeen: new Date(r.last_seen).toISOString() })) };
});
