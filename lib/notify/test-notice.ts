// The "send test" message: says it is a test, names the project, links to Skein.
import { absoluteUrl, slackLink, type Notice } from "./notice";

export function testNotice(projectSlug: string, now: Date, publicUrl?: string): Notice {
  const url = absoluteUrl(`/alerts?project=${encodeURIComponent(projectSlug)}`, publicUrl);
  const line = `Test message from Skein (project ${projectSlug}): this channel works.`;
  return {
    webhook: { type: "test", project: projectSlug, message: line, firedAt: now.toISOString(), url },
    slackText: `${line}${slackLink(url, "Open Skein")}`,
    email: () => Promise.resolve({ subject: "[Skein] Test message", text: `${line}\n\nSent ${now.toISOString()}.\n${url}\n` }),
  };
}
