// Optimistic sign-in check for pages only (the dashboard layout verifies the
// session for real): no session cookie → /login?next=<where you were going>.
// API routes and OTLP ingest are excluded by the matcher, so their bodies never
// pass through here.
import { NextResponse, type NextRequest } from "next/server";

export function proxy(request: NextRequest) {
  if (request.cookies.has("skein_session")) return NextResponse.next();
  const login = new URL("/login", request.url);
  const next = request.nextUrl.pathname + request.nextUrl.search;
  if (next !== "/") login.searchParams.set("next", next);
  return NextResponse.redirect(login);
}

export const config = {
  matcher: ["/((?!api/|v1/|_next/|login|favicon.ico|.*\\.(?:png|svg|ico|txt)$).*)"],
};
