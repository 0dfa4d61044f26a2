import { apiRoute } from "@/lib/http/api";

export const dynamic = "force-dynamic";

export const GET = apiRoute("read", ({ rt }) => Promise.resolve({ email: Boolean(rt.env.SKEIN_SMTP_URL), publicUrl: Boolean(rt.env.SKEIN_PUBLIC_URL) }));
