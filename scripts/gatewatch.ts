// `npm run gatewatch -- <command>`: operations for headless installs, deploy scripts and proxies.
// Each reads DATABASE_URL as the server does (except `error-pages --from`, which asks a running
// Gatewatch over HTTP). Errors are sentences on stderr with exit code 2.
import { parseArgs } from 'node:util';
import { ZodError } from 'zod';
import { createApiKey, listApiKeys, revokeApiKey } from '../lib/api-keys/api-keys.ts';
import { systemActor } from '../lib/access/permissions.ts';
import { getDb } from '../lib/db/client.ts';
import { applyMigrations } from '../lib/db/migrate.ts';
import { getEnv } from '../lib/env.ts';
import { AppError } from '../lib/errors.ts';
import { ERROR_PAGE_FILES, renderErrorPageFiles, writeErrorPageFiles } from '../lib/error-pages/error-page-files.ts';
import { deploysInProgress, finishDeploy, startDeploy } from '../lib/maintenance/deploys.ts';
import { pageTimeZone } from '../lib/page/page-settings.ts';
import { API_KEY_SCOPES, type ApiKeyScope } from '../lib/schemas/api-key.ts';
import { issueSentence } from '../lib/schemas/issue-messages.ts';
import { buildSnapshot } from '../lib/status/build-snapshot.ts';
import { formatDateTime } from '../lib/time.ts';

const USAGE = `usage: npm run gatewatch -- api-key create --name NAME --scopes ${API_KEY_SCOPES.join(',')}
       npm run gatewatch -- api-key list
       npm run gatewatch -- api-key revoke ID
       npm run gatewatch -- deploy start --components api,website --minutes 10 --name "Deploy v1.4" [--message TEXT] [--notify]
       npm run gatewatch -- deploy finish [--id ID] [--message TEXT]
       npm run gatewatch -- deploy list
       npm run gatewatch -- error-pages --out DIR [--from https://status.example.com] [--watch] [--interval SECONDS]`;

// Each command may do what it is for, and nothing else; the audit log names it "command line".
const KEYS_ACTOR = systemActor('command line', ['api_keys.manage']);
const DEPLOY_ACTOR = systemActor('command line', ['deploys.write']);

const OPTIONS = {
  name: { type: 'string' },
  scopes: { type: 'string' },
  components: { type: 'string' },
  minutes: { type: 'string' },
  message: { type: 'string' },
  notify: { type: 'boolean' },
  id: { type: 'string' },
  out: { type: 'string' },
  from: { type: 'string' },
  watch: { type: 'boolean' },
  interval: { type: 'string' },
} as const;
type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

async function main() {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: OPTIONS });
  const [group, command, id] = positionals;
  if (group === 'api-key' && command) return apiKeys(command, id, values);
  if (group === 'deploy' && command) return deploys(command, values);
  if (group === 'error-pages' && !command) return errorPages(values);
  throw new UsageError();
}

async function openDb() {
  await applyMigrations(getEnv().DATABASE_URL);
  return getDb();
}

async function apiKeys(command: string, id: string | undefined, values: Values) {
  if (!['create', 'list', 'revoke'].includes(command) || (command === 'revoke' && !id)) throw new UsageError();
  const db = await openDb();
  if (command === 'create') {
    const scopes = (values.scopes ?? '').split(',').map((scope) => scope.trim()).filter(Boolean) as ApiKeyScope[];
    const { key, record } = await createApiKey(db, { name: values.name ?? '', scopes }, KEYS_ACTOR);
    console.log(key);
    console.error(`Created API key ${record.id} "${record.name}" (${record.scopes.join(', ')}). It is shown only this once.`);
  } else if (command === 'list') {
    for (const key of await listApiKeys(db)) {
      const state = key.revokedAt ? `revoked ${key.revokedAt.toISOString()}` : `last used ${key.lastUsedAt?.toISOString() ?? 'never'}`;
      console.log(`${key.id}  ${key.prefix}…  ${key.name}  [${key.scopes.join(',')}]  ${state}`);
    }
  } else {
    await revokeApiKey(db, id!, KEYS_ACTOR);
    console.log(`Revoked ${id}`);
  }
  await db.$disconnect();
}

/** `deploy start` prints the deploy's id alone on stdout (for `deploy finish --id`), the rest on stderr. */
async function deploys(command: string, values: Values) {
  if (!['start', 'finish', 'list'].includes(command)) throw new UsageError();
  const db = await openDb();
  const timeZone = await pageTimeZone(db);
  if (command === 'start') {
    const deploy = await startDeploy(
      db,
      {
        name: values.name ?? '',
        components: (values.components ?? '').split(',').filter((ref) => ref.trim()),
        // Left out, the schema says it is required.
        minutes: values.minutes as string,
        message: values.message,
        deliverNotifications: values.notify ?? false,
      },
      DEPLOY_ACTOR,
    );
    console.log(deploy.id);
    console.error(`Started the deploy "${deploy.name}" until ${formatDateTime(deploy.scheduledUntil!, timeZone)}. Finish it with: npm run gatewatch -- deploy finish --id ${deploy.id}`);
  } else if (command === 'finish') {
    const { deploy, alreadyEnded } = await finishDeploy(db, { id: values.id, message: values.message }, DEPLOY_ACTOR);
    console.error(alreadyEnded ? `The deploy "${deploy.name}" had already ended; nothing changed.` : `Finished the deploy "${deploy.name}".`);
  } else {
    const running = await deploysInProgress(db);
    if (!running.length) console.error('No deploy is in progress.');
    for (const deploy of running) console.log(`${deploy.id}  ${deploy.name}  until ${formatDateTime(deploy.scheduledUntil!, timeZone)}`);
  }
  await db.$disconnect();
}

/**
 * Writes the error pages into --out, from the database or (--from) a running Gatewatch; --watch keeps
 * them current, checking every --interval seconds (10) and writing only what changed. While the
 * source is unreachable the files stay as they are: the last good pages.
 */
async function errorPages(values: Values) {
  if (!values.out) throw new UsageError();
  const out = values.out;
  const interval = Number(values.interval ?? 10);
  if (!Number.isFinite(interval) || interval < 1 || interval > 3600) throw new AppError('validation_failed', '--interval must be a number of seconds from 1 to 3600.');
  const from = values.from ? sourceUrl(values.from) : null;
  const db = from ? null : await openDb();
  const etags = new Map<string, string>();
  const once = async () => {
    const files = db ? await renderErrorPageFiles(await buildSnapshot(db)) : await fetchErrorPageFiles(from!, etags);
    const written = writeErrorPageFiles(out, files);
    if (written.length) console.error(`${new Date().toISOString()} wrote ${written.join(', ')} to ${out}`);
  };
  if (!values.watch) {
    await once();
    if (db) await db.$disconnect();
    return;
  }
  console.error(`Keeping the error pages in ${out} current (every ${interval} s); stop with Ctrl-C.`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(0));
  // Started before Gatewatch answers (a proxy's machine booting first), it keeps trying.
  for (;;) {
    await once().catch((error: unknown) => console.error(`${new Date().toISOString()} could not refresh the error pages (the files stay as they were): ${describe(error)}`));
    await new Promise((resolve) => setTimeout(resolve, interval * 1000));
  }
}

function sourceUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AppError('validation_failed', `--from must be the status page's address, like https://status.example.com; "${value}" is not one.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new AppError('validation_failed', '--from must be an http:// or https:// address.');
  return url.href.replace(/\/+$/, '');
}

/** The files from a running Gatewatch; those unchanged since the last time (304) are left out. */
async function fetchErrorPageFiles(base: string, etags: Map<string, string>): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const name of ERROR_PAGE_FILES) {
    const etag = etags.get(name);
    const response = await fetch(`${base}/errors/${name}`, { headers: etag ? { 'if-none-match': etag } : {}, signal: AbortSignal.timeout(15_000) });
    if (response.status === 304) continue;
    if (!response.ok) throw new AppError('unavailable', `${base}/errors/${name} answered ${response.status}.`);
    files.set(name, Buffer.from(await response.arrayBuffer()));
    const received = response.headers.get('etag');
    if (received) etags.set(name, received);
  }
  return files;
}

class UsageError extends Error {}

function describe(error: unknown): string {
  if (error instanceof ZodError) return error.issues.map((issue) => issueSentence(issue, `--${String(issue.path[0] ?? 'input')}`)).join(' ');
  if (error instanceof AppError) return error.message;
  if (error instanceof Error && error.cause instanceof Error) return `${error.message} (${error.cause.message})`;
  return error instanceof Error ? error.message : String(error);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    if (error instanceof UsageError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) console.error(USAGE);
    else if (error instanceof ZodError || error instanceof AppError) console.error(describe(error));
    else console.error(error);
    process.exit(2);
  },
);
