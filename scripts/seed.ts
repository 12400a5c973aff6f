// `npm run db:seed`: replaces everything in DATABASE_URL with the demo page (after migrating it).
// `npm run db:seed -- --scale`: the benchmark's large page instead (100 components, 90 days).
// A running Gatewatch picks the change up by itself.
import { getDb } from '../lib/db/client.ts';
import { applyMigrations } from '../lib/db/migrate.ts';
import { getEnv } from '../lib/env.ts';
import { demoPageSpec } from '../lib/seed/demo.ts';
import { scalePageSpec } from '../lib/seed/scale.ts';
import { replaceAllWithPage } from '../lib/seed/write-page.ts';

const env = getEnv();
const pageUrl = env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;
const scale = process.argv.includes('--scale');
await applyMigrations(env.DATABASE_URL);
await replaceAllWithPage(getDb(), scale ? scalePageSpec({ pageUrl, now: new Date() }) : demoPageSpec(pageUrl, new Date()));
await getDb().$disconnect();
console.log(scale ? 'Seeded the large scale-test page.' : 'Seeded the demo page.');
