// Next's App Router bootstraps each page with inline <script> tags (the RSC payload), so scripts need
// 'unsafe-inline' unless every page were rendered per request with a nonce. Style attributes (charts,
// bars) need it too, but style elements do not: stylesheets come only from this origin. Everything else
// is same-origin only. The development server also evaluates code, injects <style> elements for hot
// reload and talks to its socket.
const dev = process.env.NODE_ENV !== "production";
const csp = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
  `style-src 'self'${dev ? " 'unsafe-inline'" : ""}`,
  "style-src-attr 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  `connect-src 'self'${dev ? " ws: wss:" : ""}`,
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** Sent with every response, pages and API alike. */
const securityHeaders = [
  { key: "Content-Security-Policy", value: csp },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "X-Frame-Options", value: "DENY" },
];

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
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};
export default nextConfig;
