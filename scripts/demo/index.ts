import { randomInt } from "node:crypto";
import { DemoError } from "./errors";
import { parseDemoArgs, USAGE } from "./options";
import { runDemo } from "./run-demo";

/** `npm run demo`: parse argv and the environment, run the demo fleet, report. */
async function main(): Promise<number> {
  const parsed = parseDemoArgs(process.argv.slice(2), process.env, randomInt(2 ** 32 - 1));
  if (parsed.help) {
    console.log(USAGE);
    return 0;
  }
  const controller = new AbortController();
  process.on("SIGINT", () => {
    // A second Ctrl-C gives up on flushing.
    if (controller.signal.aborted) process.exit(130);
    console.log("\n[demo] stopping: flushing what is queued (Ctrl-C again to quit now)");
    controller.abort();
  });

  const summary = await runDemo({ ...parsed.options, signal: controller.signal });
  const seconds = (summary.elapsedMs / 1000).toFixed(1);
  console.log(
    [
      "",
      `Sent ${summary.traces} backfilled${summary.liveTraces > 0 ? ` + ${summary.liveTraces} live` : ""} traces, ${summary.spans} spans, from ${summary.services.length} services (${summary.services.join(", ")}) in ${seconds} s.`,
      `Requests: ${summary.requests.protobuf} protobuf, ${summary.requests.json} JSON. Seed ${summary.seed} (re-run with --seed ${summary.seed}).`,
      `Anthropic outage simulated ${summary.outage.start} – ${summary.outage.end}.`,
      `Open ${summary.openUrl}`,
    ].join("\n"),
  );
  return summary.interrupted ? 130 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof DemoError) {
      console.error(`demo: ${error.message}`);
      process.exit(error.kind === "usage" ? 2 : 1);
    }
    console.error("demo: unexpected failure", error instanceof Error ? error.stack : error);
    process.exit(1);
  },
);
