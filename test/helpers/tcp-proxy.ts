// A switchable TCP proxy in front of PostgreSQL, so a test can take "the
// database" down (every live connection cut, new ones closed at once) and back.
import net from "node:net";
import type { AddressInfo } from "node:net";

export type DownMode = "reset" | "end";

export interface TcpProxy {
  port: number;
  /** Connections accepted and closed while down (i.e. reconnect attempts seen). */
  readonly refused: number;
  readonly isUp: boolean;
  /**
   * Cuts every live connection and closes new ones immediately: "reset" (default)
   * answers with RST, like a crashed or refusing server; "end" with a clean FIN,
   * like a pooler or proxy whose database is gone.
   */
  down(mode?: DownMode): void;
  up(): void;
  close(): Promise<void>;
}

/** `tap` sees every chunk a client sends (e.g. to read HTTP request headers). */
export async function startTcpProxy(
  targetPort: number,
  targetHost = "127.0.0.1",
  tap?: (chunk: Buffer) => void,
): Promise<TcpProxy> {
  const live = new Set<net.Socket>();
  let up = true;
  let mode: DownMode = "reset";
  const cut = (s: net.Socket) => (mode === "reset" ? s.resetAndDestroy() : s.destroy());
  let refused = 0;
  const track = (s: net.Socket) => {
    live.add(s);
    s.on("close", () => live.delete(s));
    s.on("error", () => {});
  };
  const server = net.createServer((client) => {
    track(client);
    if (!up) {
      refused++;
      cut(client);
      return;
    }
    const backend = net.connect(targetPort, targetHost);
    track(backend);
    if (tap) client.on("data", tap);
    client.pipe(backend);
    backend.pipe(client);
    client.on("close", () => backend.destroy());
    backend.on("close", () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    get refused() {
      return refused;
    },
    get isUp() {
      return up;
    },
    down(how: DownMode = "reset") {
      up = false;
      mode = how;
      for (const s of live) cut(s);
    },
    up() {
      up = true;
    },
    close() {
      for (const s of live) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The same postgres:// URL, pointed at the proxy. */
export function viaProxy(url: string, proxy: TcpProxy): string {
  const u = new URL(url);
  u.hostname = "127.0.0.1";
  u.port = String(proxy.port);
  return u.toString();
}
