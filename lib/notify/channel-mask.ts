// Webhook secrets sign every delivery, so they are stored as given and shown only to admins.
import type { Channel } from "./notice";

export const MASKED_SECRET = "********";

export function maskChannels(channels: Channel[], reveal: boolean): Channel[] {
  return channels.map((c) => (c.type === "webhook" && !reveal ? { ...c, secret: MASKED_SECRET } : c));
}
