// The one wrapper every JSON API route goes through: authentication (session
// cookie or API token), role check, project resolution, CSRF check for
// cookie-authenticated writes, zod errors → 400, typed errors → their status,
// transient database faults → 503. Route files stay a few lines each.
import { z, ZodError } from "zod";
import { eq } from "drizzle-orm";
import { projects } from "@/drizzle/schema";
import { AppError, ForbiddenError, NotFoundError, UnauthorizedError, isTransientDbError } from "@/lib/errors";
import { bearerToken } from "@/lib/auth/ingest-keys";
import { resolveApiToken } from "@/lib/auth/api-tokens";
import { resolveSession, SESSION_COOKIE, type Role } from "@/lib/auth/sessions";
import { DEFAULT_PROJECT_SLUG } from "@/lib/bootstrap";
import { errorFields, logEvent } from "@/lib/log";
import { env } from "@/lib/env";
import { getRuntime, type Runtime } from "@/lib/server/runtime";

export type Principal =
  | { kind: "user"; userId: number; username: string; role: Role }
  | { kind: "token"; tokenId: number; projectId: number; role: Role };

export interface Project {
  id: number;
  slug: string;
  name: string;
}

export interface ApiContext {
  req: Request;
  url: URL;
  rt: Runtime;
  principal: Principal;
  params: Record<string, string>;
  /** The project the request is about (?project=<slug>, the token's project, or the default). */
  project(): Promise<Project>;
}

type Access = "public" | "read" | "write";

export function readCookie(req: Request, name: string): string | null {
  const header = req.headers.get("cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const i = part.indexOf("=");
    if (i > 0 && part.slice(0, i).trim() === name) return decodeURIComponent(part.slice(i + 1).trim());
  }
  return null;
}

export async function authenticate(req: Request, rt: Runtime): Promise<Principal | null> {
  const token = bearerToken(req.headers.get("authorization"));
  if (token) {
    const t = await resolveApiToken(rt.db, token);
    return t ? { kind: "token", ...t } : null;
  }
  const cookie = readCookie(req, SESSION_COOKIE);
  if (cookie) {
    const u = await resolveSession(rt.db, cookie);
    return u ? { kind: "user", ...u } : null;
  }
  return null;
}

/** Cookie-authenticated writes must come from our own origin (SameSite is the first line, this the second). */
export function checkSameOrigin(req: Request): void {
  const origin = req.headers.get("origin");
  const site = req.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") throw new ForbiddenError("cross-site request refused");
  if (origin) {
    const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
    if (!host || new URL(origin).host !== host) throw new ForbiddenError("cross-origin request refused");
  }
}

async function findProject(rt: Runtime, slugOrId: string): Promise<Project | null> {
  const where = /^\d+$/.test(slugOrId) ? eq(projects.id, Number(slugOrId)) : eq(projects.slug, slugOrId);
  const [p] = await rt.db.orm.select({ id: projects.id, slug: projects.slug, name: projects.name }).from(projects).where(where).limit(1);
  return p ?? null;
}

export function errorJson(status: number, message: string, extra: Record<string, unknown> = {}, retryAfter?: number): Response {
  const headers: Record<string, string> = {};
  if (retryAfter !== undefined) headers["retry-after"] = String(retryAfter);
  return Response.json({ error: message, ...extra }, { status, headers });
}

export function toErrorResponse(err: unknown): Response {
  if (err instanceof AppError) return errorJson(err.status, err.message, {}, err.retryAfterSeconds);
  if (err instanceof ZodError) {
    const issues = err.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
    return errorJson(400, "invalid request", { issues });
  }
  if (isTransientDbError(err)) return errorJson(503, "database unavailable, retry later", {}, 5);
  logEvent("api.failed", errorFields(err));
  // Stack frames only (file:line), never the message, which may quote data.
  if (env().SKEIN_DEBUG_STACKS && err instanceof Error) process.stderr.write(`${(err.stack ?? "").split("\n").slice(1, 8).join("\n")}\n`);
  return errorJson(500, "internal error");
}

type Handler = (ctx: ApiContext) => Promise<unknown>;
type RouteParams = { params: Promise<Record<string, string | string[]>> };

/** Wraps a route handler. The handler returns a plain object (sent as JSON) or a Response. */
export function apiRoute(access: Access, handler: Handler) {
  return async (req: Request, route?: RouteParams): Promise<Response> => {
    try {
      let rt: Runtime;
      try {
        rt = await getRuntime();
      } catch (err) {
        logEvent("api.unavailable", errorFields(err));
        return errorJson(503, "database unavailable, retry later", {}, 5);
      }
      const raw = (route?.params ? await route.params : undefined) ?? {};
      const params = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v.join("/") : v]));
      const url = new URL(req.url);
      let principal: Principal | null = null;
      if (access !== "public") {
        principal = await authenticate(req, rt);
        if (!principal) throw new UnauthorizedError();
        if (access === "write") {
          if (principal.role !== "admin") throw new ForbiddenError("admin role required");
          if (principal.kind === "user") checkSameOrigin(req);
        }
      }
      let projectMemo: Promise<Project> | undefined;
      const ctx: ApiContext = {
        req,
        url,
        rt,
        principal: principal ?? { kind: "user", userId: 0, username: "", role: "viewer" },
        params,
        project() {
          projectMemo ??= (async () => {
            const asked = url.searchParams.get("project");
            if (principal?.kind === "token") {
              const p = await findProject(rt, String(principal.projectId));
              if (!p) throw new NotFoundError("project not found");
              if (asked && asked !== p.slug && asked !== String(p.id)) throw new ForbiddenError("this API token belongs to another project");
              return p;
            }
            const p = await findProject(rt, asked ?? DEFAULT_PROJECT_SLUG);
            if (!p) throw new NotFoundError("project not found");
            return p;
          })();
          return projectMemo;
        },
      };
      const result = await handler(ctx);
      return result instanceof Response ? result : Response.json(result);
    } catch (err) {
      return toErrorResponse(err);
    }
  };
}

/** Parses a JSON request body with a zod schema (400 on malformed JSON or shape). */
export async function jsonBody<T extends z.ZodType>(req: Request, schema: T): Promise<z.infer<T>> {
  let data: unknown;
  try {
    data = await req.json();
  } catch {
    throw new AppError(400, "request body must be JSON");
  }
  return schema.parse(data);
}
