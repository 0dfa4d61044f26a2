// A benchmark child process (node --import tsx bench/<script>) that reports
// through `BENCH {json}` lines on stdout; other stdout lines (Skein's own
// per-request log) are ignored.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import readline from "node:readline";

const BENCH_DIR = __dirname;

export class Child {
  private readonly lines: unknown[] = [];
  private waiting: ((v: unknown) => void) | null = null;
  private stderr = "";
  readonly proc: ChildProcess;
  readonly exited: Promise<number | null>;

  constructor(script: string, env: NodeJS.ProcessEnv, nodeArgs: string[] = []) {
    this.proc = spawn(process.execPath, [...nodeArgs, "--import", "tsx", path.join(BENCH_DIR, script)], {
      cwd: path.resolve(BENCH_DIR, ".."),
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    readline.createInterface({ input: this.proc.stdout! }).on("line", (line) => {
      if (!line.startsWith("BENCH ")) return;
      const value: unknown = JSON.parse(line.slice(6));
      if (this.waiting) {
        this.waiting(value);
        this.waiting = null;
      } else this.lines.push(value);
    });
    this.proc.stderr!.on("data", (b: Buffer) => {
      this.stderr = (this.stderr + b.toString()).slice(-4000);
    });
    this.exited = new Promise((resolve) => this.proc.once("exit", (code) => resolve(code)));
  }

  get pid(): number {
    return this.proc.pid ?? 0;
  }

  /** The next `BENCH` report; rejects if the child exits first. */
  next<T>(): Promise<T> {
    if (this.lines.length > 0) return Promise.resolve(this.lines.shift() as T);
    return Promise.race([
      new Promise<T>((resolve) => (this.waiting = resolve as (v: unknown) => void)),
      this.exited.then((code): T => {
        throw new Error(`${path.basename(String(this.proc.spawnargs.at(-1)))} exited (${code}) before reporting; stderr:\n${this.stderr}`);
      }),
    ]);
  }

  kill(): void {
    if (this.proc.exitCode === null && this.proc.signalCode === null) this.proc.kill("SIGTERM");
  }
}

/** The parent's environment plus `extra`; DATABASE_URL only when given (PGlite otherwise). */
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  if (!("DATABASE_URL" in extra)) delete env.DATABASE_URL;
  return env;
}
