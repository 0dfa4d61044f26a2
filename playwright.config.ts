import { defineConfig } from "@playwright/test";

// Runs against a production build started by scripts/e2e.mjs (fresh embedded database).
export default defineConfig({
  testDir: "./e2e",
  timeout: 60_000,
  workers: 1,
  reporter: process.env.CI ? "list" : "line",
  use: {
    baseURL: process.env.SKEIN_E2E_URL ?? "http://127.0.0.1:3100",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic"],
    },
  },
});
