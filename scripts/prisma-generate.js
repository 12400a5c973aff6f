// Generates the two Prisma clients (SQLite and PostgreSQL) after `npm install`.
// `prisma generate` only needs PRISMA_SCHEMA_ENGINE_BINARY to point at an existing file
// (it uses its own wasm), so machines that cannot download Prisma's native engine still work.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const prismaCli = require.resolve('prisma/build/index.js');
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || process.execPath,
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
  CHECKPOINT_DISABLE: '1',
};
for (const schema of ['prisma/schema.prisma', 'prisma/postgresql/schema.prisma']) {
  execFileSync(process.execPath, [prismaCli, 'generate', '--schema', schema], { stdio: 'inherit', env });
}
