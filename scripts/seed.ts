// `npm run db:seed`: replaces everything in DATABASE_URL with the demo page (after migrating it).
// A running Gatewatch picks the change up by itself.
import { getDb } from '../lib/db.ts';
import { applyMigrations } from '../lib/db/migrate.ts';
import { getEnv } from '../lib/env.ts';
import { seedDemo } from '../lib/seed/demo.ts';

const env = getEnv();
await applyMigrations(env.DATABASE_URL);
await seedDemo(getDb(), { pageUrl: env.PUBLIC_URL ?? `http://localhost:${env.PORT}` });
await getDb().$disconnect();
console.log('Seeded the demo page.');
