import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "protobufjs", "pdfkit"],
  poweredByHeader: false,
  // `npm test` type-checks the whole tree first (tsc --noEmit); the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
  // A separate build directory lets a second build run beside a served one (tests, benchmarks).
  distDir: process.env.SKEIN_DIST_DIR ?? ".next",
};

export default nextConfig;
