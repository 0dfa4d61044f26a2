// Channel settings from the environment: SMTP for e-mail, the public URL for links.
import type { Env } from "@/lib/env";
import type { SendOptions } from "./send";

export function sendOptions(e: Env): SendOptions {
  return {
    publicUrl: e.SKEIN_PUBLIC_URL,
    mail: e.SKEIN_SMTP_URL ? { url: e.SKEIN_SMTP_URL, from: e.SKEIN_SMTP_FROM } : null,
  };
}
