/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and Node-only modules stay out of the server bundle.
  serverExternalPackages: ["better-sqlite3", "dockerode", "ssh2", "cpu-features", "@prisma/adapter-better-sqlite3"],
  poweredByHeader: false,
};
export default nextConfig;
