/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and Node-only modules stay out of the server bundle.
  serverExternalPackages: [
    "better-sqlite3",
    "dockerode",
    "ssh2",
    "cpu-features",
    "@prisma/adapter-better-sqlite3",
  ],
  poweredByHeader: false,
  // Types are checked once, by `npm run typecheck` in the test suite; the build need not do it again.
  typescript: { ignoreBuildErrors: true },
};
export default nextConfig;
