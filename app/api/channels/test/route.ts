import { z } from "zod";
import { apiRoute, jsonBody } from "@/lib/http/api";
import { budgetChannel } from "@/lib/budgets/budget-input";
import { sendOptions } from "@/lib/notify/config";
import { sendNotice } from "@/lib/notify/send";
import { testNotice } from "@/lib/notify/test-notice";

export const dynamic = "force-dynamic";

const body = z.object({ channel: budgetChannel }).strict();

// Sends a test message through a channel as typed in a form (saved or not) and reports the outcome.
export const POST = apiRoute("write", async ({ req, rt, project }) => {
  const p = await project();
  const { channel } = await jsonBody(req, body);
  const opts = sendOptions(rt.env);
  const out = await sendNotice(channel, testNotice(p.slug, new Date(), opts.publicUrl), opts);
  return { ok: out.ok, httpStatus: out.httpStatus, error: out.error };
});
