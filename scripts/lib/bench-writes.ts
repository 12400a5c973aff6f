// `npm run bench`, section "Writes and admin reads at scale": the admin API and a component's status
// change on the 100-component page, beside bare Prisma doing the same reads and writes on the same
// database in the same run, on SQLite and PostgreSQL; and the server's resident memory.
import fs from 'node:fs';
import path from 'node:path';
import { createApiKey } from '../../lib/api-keys/api-keys.ts';
import { SYSTEM_ACTOR } from '../../lib/access/permissions.ts';
import { createDb, type Db } from '../../lib/db/client.ts';
import { applyMigrations } from '../../lib/db/migrate.ts';
import { newId } from '../../lib/ids.ts';
import type { ComponentStatus } from '../../lib/schemas/status.ts';
import { scalePageSpec } from '../../lib/seed/scale.ts';
import { replaceAllWithPage } from '../../lib/seed/write-page.ts';
import { createEmptyDatabaseUrl, dropDatabaseUrl } from '../../test/helpers/databases.ts';
import { startGatewatch, type GatewatchProcess } from './gatewatch-process.ts';

const READ_SAMPLES = 60;
const WRITE_SAMPLES = 40;
const BURST_WRITES = 100;
const BURST_WORKERS = 10;
/** Every wait for a change to show is bounded: a write that never shows is reported, not waited on. */
const VISIBLE_TIMEOUT_MS = 5000;

const percentile = (values: number[], share: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))];
};
const p50 = (values: number[]) => percentile(values, 0.5);

async function timed(work: () => Promise<unknown>, samples: number): Promise<number[]> {
  for (let i = 0; i < 5; i++) await work(); // warm-up, unmeasured
  const times = [];
  for (let i = 0; i < samples; i++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  return times;
}

/** The server's resident memory (VmRSS), in MB. */
export function residentMb(server: GatewatchProcess): number {
  const status = fs.readFileSync(`/proc/${server.child.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

export interface AdminReadRow {
  endpoint: string;
  oursMs: number;
  referenceMs: number;
}

export interface ProviderResult {
  provider: string;
  reads: AdminReadRow[];
  patch: { answeredMs: number; visibleMs: number; referenceMs: number; unseen: number };
  burst: { writes: number; seconds: number; rebuilds: number; rightAfterMs: number | null };
  memory: { idleMb: number; afterMb: number };
}

export async function benchWritesAndAdminReads(dir: string, now: Date): Promise<ProviderResult[]> {
  const results: ProviderResult[] = [];
  for (const provider of ['sqlite', 'postgresql'] as const) {
    let url = `file:${path.join(dir, 'writes.db')}`;
    if (provider === 'postgresql') {
      try {
        url = await createEmptyDatabaseUrl('postgresql');
      } catch (error) {
        console.warn(`PostgreSQL not reachable, writes and admin reads measured on SQLite only: ${(error as Error).message}`);
        continue;
      }
    }
    const db = createDb(url);
    let server: GatewatchProcess | undefined;
    try {
      await applyMigrations(url);
      await replaceAllWithPage(db, scalePageSpec({ pageUrl: 'http://127.0.0.1', now }));
      const { key } = await createApiKey(db, { name: 'bench', scopes: ['admin'] }, SYSTEM_ACTOR);
      server = await startGatewatch({ env: { DATABASE_URL: url, SNAPSHOT_PATH: path.join(dir, `writes-${provider}.json`), DEMO_SEED: 'never', ADMIN_API_RATE_PER_MINUTE: '100000' } });
      await new Promise((resolve) => setTimeout(resolve, 3000));
      const idleMb = residentMb(server);
      const result = await measure(provider, db, server, key);
      results.push({ ...result, memory: { idleMb, afterMb: residentMb(server) } });
      console.log(`${provider}: reads p50 ${result.reads.map((read) => read.oursMs.toFixed(1)).join(', ')} ms; PATCH ${result.patch.answeredMs.toFixed(1)} ms, visible ${result.patch.visibleMs.toFixed(0)} ms`);
    } finally {
      await server?.stop();
      await db.$disconnect();
      if (provider === 'postgresql') await dropDatabaseUrl(url);
    }
  }
  return results;
}

async function measure(provider: string, db: Db, server: GatewatchProcess, key: string): Promise<Omit<ProviderResult, 'memory'>> {
  const page = (await db.page.findFirstOrThrow()).id;
  const api = (method: string, pathname: string, body?: unknown) =>
    fetch(`${server.url}/api/v1/pages/${page}${pathname}`, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).then(async (response) => {
      if (!response.ok) throw new Error(`${method} ${pathname} answered ${response.status}: ${await response.text()}`);
      return response.json();
    });
  const incidentRows = { include: { components: true, updates: { include: { affectedComponents: true } } } } as const;
  const readTargets: [string, () => Promise<unknown>][] = [
    ['', () => db.page.findFirst()],
    ['/components', () => Promise.all([db.component.findMany(), db.componentGroup.findMany()])],
    ['/component-groups', () => Promise.all([db.componentGroup.findMany(), db.component.findMany({ select: { id: true, groupId: true } })])],
    ['/incidents', () => db.incident.findMany(incidentRows)],
    ['/incidents/unresolved', () => db.incident.findMany({ where: { status: { in: ['investigating', 'identified', 'monitoring'] } }, ...incidentRows })],
  ];
  const reads: AdminReadRow[] = [];
  for (const [endpoint, bare] of readTargets) {
    // Ours, the reference, ours again: a noisy neighbour hurts both alike.
    const first = await timed(() => api('GET', endpoint), READ_SAMPLES / 2);
    const reference = await timed(bare, READ_SAMPLES);
    const second = await timed(() => api('GET', endpoint), READ_SAMPLES / 2);
    reads.push({ endpoint: `GET /pages/{page_id}${endpoint}`, oursMs: p50([...first, ...second]), referenceMs: p50(reference) });
  }

  const components = await db.component.findMany({ select: { id: true } });
  const statuses: ComponentStatus[] = ['degraded_performance', 'partial_outage', 'major_outage', 'operational'];
  let turn = 0;
  const nextChange = () => {
    turn++;
    return { id: components[turn % components.length].id, status: statuses[Math.floor(turn / components.length) % statuses.length] };
  };
  const publicStatus = async (id: string) => {
    const body = (await (await fetch(`${server.url}/api/v2/components.json`)).json()) as { components: { id: string; status: string }[] };
    return body.components.find((component) => component.id === id)?.status;
  };

  const answered: number[] = [];
  const visible: number[] = [];
  let unseen = 0;
  for (let i = 0; i < WRITE_SAMPLES; i++) {
    const change = nextChange();
    const start = performance.now();
    await api('PATCH', `/components/${change.id}`, { component: { status: change.status } });
    answered.push(performance.now() - start);
    while ((await publicStatus(change.id)) !== change.status) {
      if (performance.now() - start > VISIBLE_TIMEOUT_MS) break;
    }
    const seenAfter = performance.now() - start;
    if (seenAfter > VISIBLE_TIMEOUT_MS) unseen++;
    else visible.push(seenAfter);
    // Let the rebuild settle: each write is measured on its own.
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  const reference = await timed(async () => {
    const change = nextChange();
    await db.$transaction([
      db.component.update({ where: { id: change.id }, data: { status: change.status } }),
      db.componentStatusChange.create({ data: { id: newId(), componentId: change.id, status: change.status, at: new Date() } }),
    ]);
  }, WRITE_SAMPLES);

  // A burst: BURST_WRITES status changes from BURST_WORKERS clients at once, then how long until the
  // public JSON shows all of them, and how many rebuilds they cost.
  const rebuilds = async () => ((await (await fetch(`${server.url}/readyz`)).json()) as { snapshot: { rebuilds: number } }).snapshot.rebuilds;
  await new Promise((resolve) => setTimeout(resolve, 500));
  const rebuildsBefore = await rebuilds();
  const expected = new Map<string, string>();
  const burstStart = performance.now();
  await Promise.all(
    Array.from({ length: BURST_WORKERS }, async () => {
      for (let i = 0; i < BURST_WRITES / BURST_WORKERS; i++) {
        const change = nextChange();
        expected.set(change.id, change.status);
        await api('PATCH', `/components/${change.id}`, { component: { status: change.status } });
      }
    }),
  );
  const lastAnswer = performance.now();
  let rightAfterMs: number | null = null;
  while (performance.now() - lastAnswer < VISIBLE_TIMEOUT_MS) {
    const body = (await (await fetch(`${server.url}/api/v2/components.json`)).json()) as { components: { id: string; status: string }[] };
    const shown = new Map(body.components.map((component) => [component.id, component.status]));
    if ([...expected].every(([id, status]) => shown.get(id) === status)) {
      rightAfterMs = performance.now() - lastAnswer;
      break;
    }
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
  return {
    provider,
    reads,
    patch: { answeredMs: p50(answered), visibleMs: p50(visible), referenceMs: p50(reference), unseen },
    burst: { writes: BURST_WRITES, seconds: (lastAnswer - burstStart) / 1000, rebuilds: (await rebuilds()) - rebuildsBefore, rightAfterMs },
  };
}
