// `npm run gatewatch -- <command>`: operations for headless installs and automation.
//   api-key create --name NAME --scopes read,incidents,components,admin
//   api-key list
//   api-key revoke ID
import { parseArgs } from 'node:util';
import { ZodError } from 'zod';
import { createApiKey, listApiKeys, revokeApiKey } from '../lib/api-keys/api-keys.ts';
import { systemActor } from '../lib/access/permissions.ts';
import { getDb } from '../lib/db/client.ts';
import { applyMigrations } from '../lib/db/migrate.ts';
import { getEnv } from '../lib/env.ts';
import { AppError } from '../lib/errors.ts';
import { API_KEY_SCOPES, type ApiKeyScope } from '../lib/schemas/api-key.ts';

const USAGE = `usage: npm run gatewatch -- api-key create --name NAME --scopes ${API_KEY_SCOPES.join(',')}
       npm run gatewatch -- api-key list
       npm run gatewatch -- api-key revoke ID`;
// The command line manages keys, and nothing else.
const CLI_ACTOR = systemActor('command line', ['api_keys.manage']);

async function main() {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { name: { type: 'string' }, scopes: { type: 'string' } } });
  const [group, command, id] = positionals;
  if (group !== 'api-key' || !command) throw new UsageError();
  await applyMigrations(getEnv().DATABASE_URL);
  const db = getDb();
  if (command === 'create') {
    const scopes = (values.scopes ?? '').split(',').map((scope) => scope.trim()).filter(Boolean) as ApiKeyScope[];
    const { key, record } = await createApiKey(db, { name: values.name ?? '', scopes }, CLI_ACTOR);
    console.log(key);
    console.error(`Created API key ${record.id} "${record.name}" (${record.scopes.join(', ')}). It is shown only this once.`);
  } else if (command === 'list') {
    for (const key of await listApiKeys(db)) {
      const state = key.revokedAt ? `revoked ${key.revokedAt.toISOString()}` : `last used ${key.lastUsedAt?.toISOString() ?? 'never'}`;
      console.log(`${key.id}  ${key.prefix}…  ${key.name}  [${key.scopes.join(',')}]  ${state}`);
    }
  } else if (command === 'revoke' && id) {
    await revokeApiKey(db, id, CLI_ACTOR);
    console.log(`Revoked ${id}`);
  } else {
    throw new UsageError();
  }
  await db.$disconnect();
}

class UsageError extends Error {}

main().catch((error) => {
  if (error instanceof UsageError) console.error(USAGE);
  else if (error instanceof ZodError) console.error(error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('\n'));
  else if (error instanceof AppError) console.error(error.message);
  else console.error(error);
  process.exit(2);
});
