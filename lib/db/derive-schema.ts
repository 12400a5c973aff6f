const HEADER =
  '// GENERATED from prisma/schema.prisma by `npm run db:derive`: edit that file, not this one.\n\n';

/** The PostgreSQL schema is the SQLite one with another provider and client output. */
export function derivePostgresSchema(sqliteSchema: string): string {
  const replaced = sqliteSchema
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace('output       = "../lib/generated/sqlite"', 'output       = "../../lib/generated/postgresql"');
  if (replaced.includes('"sqlite"') || !replaced.includes('../../lib/generated/postgresql')) {
    throw new Error('prisma/schema.prisma no longer has the provider or output lines this derivation expects');
  }
  return HEADER + replaced;
}
