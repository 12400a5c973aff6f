// The database's own refusals, made for real, come out as errors a caller can act on: a deadlock on
// PostgreSQL as 409 (retry), text it cannot store as 400, a SQLite file locked by another process
// as 503 (busy), never a 500.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { sqliteFilePath } from '@/lib/db/client';
import { errorResponse } from '@/lib/http/admin-route';
import { toFormState } from '@/lib/admin-ui/form-state';
import { seedDemo } from '@/lib/seed/demo';
import { createTestDatabase } from '../helpers/databases';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('database errors', () => {
  it('answers a PostgreSQL deadlock with 409 and a form message', async () => {
    const database = await createTestDatabase('postgresql');
    try {
      await seedDemo(database.db, { pageUrl: 'https://status.example.com' });
      const [a, b] = await database.db.component.findMany({ take: 2, orderBy: { id: 'asc' } });
      // Two writers taking the same two rows in opposite orders: PostgreSQL kills one of them.
      const write = (first: string, second: string) =>
        database.db.$transaction(async (tx) => {
          await tx.component.update({ where: { id: first }, data: { description: first } });
          await sleep(300);
          await tx.component.update({ where: { id: second }, data: { description: second } });
        });
      const results = await Promise.allSettled([write(a.id, b.id), write(b.id, a.id)]);
      const failure = results.find((result) => result.status === 'rejected') as PromiseRejectedResult;
      expect(failure).toBeDefined();
      const response = errorResponse(failure.reason);
      expect(response.status).toBe(409);
      expect((await response.json()).error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/try again/) });
      expect(toFormState(failure.reason, new FormData()).error).toMatch(/try again/);
    } finally {
      await database.db.$disconnect();
      await database.drop();
    }
  });

  it('answers text PostgreSQL cannot store (a NUL character) with 400, as an admin form submits it', async () => {
    const database = await createTestDatabase('postgresql');
    try {
      const { createComponent } = await import('@/lib/components/manage-components');
      const { SYSTEM_ACTOR } = await import('@/lib/access/permissions');
      const failure = await createComponent(database.db, { name: 'Web\u0000site' }, SYSTEM_ACTOR).catch((error: unknown) => error);
      const response = errorResponse(failure);
      expect([response.status, (await response.json()).error.code]).toEqual([400, 'invalid_text']);
      expect(toFormState(failure, new FormData()).error).toMatch(/NUL/);
      expect(await database.db.component.count()).toBe(0);
    } finally {
      await database.db.$disconnect();
      await database.drop();
    }
  });

  it('answers a SQLite database locked by another process with 503 and Retry-After', async () => {
    const database = await createTestDatabase('sqlite');
    const other = new Database(sqliteFilePath(database.url));
    try {
      await seedDemo(database.db, { pageUrl: 'https://status.example.com' });
      other.exec('BEGIN EXCLUSIVE');
      const failure = await database.db.component.updateMany({ data: { description: 'x' } }).catch((error: unknown) => error);
      const response = errorResponse(failure);
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
      expect((await response.json()).error.code).toBe('unavailable');
    } finally {
      if (other.inTransaction) other.exec('ROLLBACK');
      other.close();
      await database.db.$disconnect();
      await database.drop();
    }
  }, 20_000);
});
