/**
 * Server actions (the admin forms) are refused when the Origin's host differs from the request's
 * Host (or X-Forwarded-Host), against CSRF. A proxy that rewrites Host without X-Forwarded-Host would
 * make every admin form fail, so the public address operators use is allowed too. Read when the
 * server starts (the custom server loads this file), so PUBLIC_URL needs no rebuild. server.ts checks
 * form posts by the same rule before Next, to refuse bad ones with a 4xx rather than Next's 500.
 */
function publicHost() {
  try {
    return process.env.PUBLIC_URL ? [new URL(process.env.PUBLIC_URL).host] : [];
  } catch {
    return [];
  }
}

/** @type {import('next').NextConfig} */
const nextConfig = {
  experimental: {
    serverActions: { allowedOrigins: publicHost() },
    // Load a page's code when it is first asked for, not every page's at start: most of the admin is
    // seldom used, and the public pages are rendered once per change.
    preloadEntriesOnStart: false,
  },
  // The custom server compresses each rendered page once and keeps the bytes; Next must not do it per request.
  compress: false,
  poweredByHeader: false,
  // Native and wasm-loading packages stay outside the server bundle.
  serverExternalPackages: ['better-sqlite3', '@prisma/adapter-better-sqlite3', '@prisma/adapter-pg', 'pg', 'sanitize-html'],
  // For what Next answers itself (the custom server sets its own headers on what it serves from
  // memory): no page may be framed by another site except the embeddable /embed/frame. The
  // Content-Security-Policy of the pages Next renders is set in proxy.ts, with its nonce.
  async headers() {
    return [
      {
        source: '/((?!embed/frame).*)',
        headers: [{ key: 'X-Frame-Options', value: 'SAMEORIGIN' }],
      },
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
        ],
      },
    ];
  },
};

export default nextConfig;
