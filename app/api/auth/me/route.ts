import { apiRoute } from "@/lib/http/api";

export const dynamic = "force-dynamic";

export const GET = apiRoute("read", async ({ principal }) =>
  principal.kind === "user"
    ? { kind: "user", username: principal.username, role: principal.role }
    : { kind: "token", projectId: principal.projectId, role: principal.role },
);
