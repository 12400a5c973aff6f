// A fresh database with the demo page, a webhook receiver and one component, for driving the delivery
// worker's functions (fan out, claim, send, record) with an injected clock instead of the server's loop.
import { afterAll, beforeAll } from 'vitest';
import { SYSTEM_ACTOR } from '@/lib/access/permissions';
import { createComponent } from '@/lib/components/manage-components';
import type { Db, Provider } from '@/lib/db/client';
import { seedDemo } from '@/lib/seed/demo';
import { createTestDatabase, type TestDatabase } from './databases';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver';

export interface WorkerFixture {
  db: Db;
  receiver: WebhookReceiver;
  /** A component of the page, named as asked. */
  componentId: string;
  /** The injected clock's start, */
  t0: Date;
  /** and `ms` after it. */
  at(ms: number): Date;
}

/** Registers the set-up and clean-up; the returned object is filled in before the first test. */
export function useWorkerFixture(provider: Provider, componentName: string): WorkerFixture {
  const t0 = new Date('2026-03-01T12:00:00Z');
  const fixture = { t0, at: (ms: number) => new Date(t0.getTime() + ms) } as WorkerFixture;
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase(provider);
    fixture.db = database.db;
    await seedDemo(fixture.db, { pageUrl: 'https://status.example.com' });
    fixture.receiver = await startWebhookReceiver();
    fixture.componentId = (await createComponent(fixture.db, { name: componentName }, SYSTEM_ACTOR)).id;
  });
  afterAll(async () => {
    await fixture.receiver?.stop();
    await database?.drop();
  });
  return fixture;
}
