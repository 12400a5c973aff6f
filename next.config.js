/** @type {import('next').NextConfig} */
const nextConfig = {
  // The custom server compresses each rendered page once and keeps the bytes; Next must not do it per request.
  compress: false,
  poweredByHeader: false,
  // Native and wasm-loading packages stay outside the server bundle.
  serverExternalPackages: ['better-sqlite3', '@prisma/adapter-better-sqlite3', '@prisma/adapter-pg', 'pg', 'sanitize-html'],
};

export default nextConfig;
