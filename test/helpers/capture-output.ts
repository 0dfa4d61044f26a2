// Records everything the process prints (stdout, stderr, console.*) while a test
// drives the server in-process, so the output can be searched for canaries.
import { format } from "node:util";

export interface OutputCapture {
  /** Everything printed since the capture started. */
  text(): string;
  restore(): void;
}

type Write = typeof process.stdout.write;
const CONSOLE_METHODS = ["log", "info", "warn", "error", "debug", "trace", "dir"] as const;

function chunkText(chunk: unknown, encoding: unknown): string {
  if (typeof chunk === "string") return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk).toString(typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8");
  return String(chunk);
}

/** Swallows and records output until restore(); the printed lines are evidence, not noise. */
export function captureOutput(): OutputCapture {
  const lines: string[] = [];
  const streams = [process.stdout, process.stderr];
  const originalWrites = streams.map((s) => s.write);
  for (const [i, stream] of streams.entries()) {
    const label = i === 0 ? "stdout" : "stderr";
    const write = (chunk: unknown, encoding?: unknown, cb?: unknown): boolean => {
      lines.push(`[${label}] ${chunkText(chunk, encoding)}`);
      const done = typeof encoding === "function" ? encoding : cb;
      if (typeof done === "function") (done as () => void)();
      return true;
    };
    stream.write = write as Write;
  }
  const originalConsole = CONSOLE_METHODS.map((m) => console[m]);
  for (const m of CONSOLE_METHODS) {
    console[m] = (...args: unknown[]) => {
      lines.push(`[console.${m}] ${format(...args)}`);
    };
  }
  let restored = false;
  return {
    text: () => lines.join("\n"),
    restore() {
      if (restored) return;
      restored = true;
      streams.forEach((s, i) => {
        s.write = originalWrites[i]!;
      });
      CONSOLE_METHODS.forEach((m, i) => {
        console[m] = originalConsole[i]!;
      });
    },
  };
}
