// Makes route handlers (which call getRuntime()) use a test's runtime.
import type { Runtime } from "@/lib/server/runtime";

export function installRuntime(runtime: Runtime): () => void {
  const g = globalThis as typeof globalThis & { __skeinRuntime?: Promise<Runtime> };
  const previous = g.__skeinRuntime;
  g.__skeinRuntime = Promise.resolve(runtime);
  return () => {
    g.__skeinRuntime = previous;
  };
}
