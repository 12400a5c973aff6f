// Operators' accounts through Better Auth on a real database of one provider (one file per provider:
// settings are read once per process).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Provider } from '@/lib/db';
import { createTestDatabase, type TestDatabase } from '../helpers/databases';

export function describeOperators(provider: Provider) {
  describe(`operators on ${provider}`, () => {
    let database: TestDatabase;
    let ops: typeof import('@/lib/auth/operators');

    beforeAll(async () => {
      database = await createTestDatabase(provider);
      process.env.DATABASE_URL = database.url;
      process.env.AUTH_SECRET = 'x'.repeat(40);
      ops = await import('@/lib/auth/operators');
    });
    afterAll(async () => {
      const { getDb } = await import('@/lib/db');
      await getDb().$disconnect();
      await database.drop();
    });

    /** Headers carrying the session cookie a sign-in set (as the browser would send them back). */
    async function signedIn(email: string, password: string) {
      const { getAuth } = await import('@/lib/auth/auth');
      const response = await getAuth().api.signInEmail({ body: { email, password }, asResponse: true });
      expect(response.status).toBe(200);
      const cookie = response.headers.getSetCookie().map((line) => line.split(';')[0]).join('; ');
      return new Headers({ cookie });
    }

    it('sets up the owner once, who then signs in and gets a role', async () => {
      const { getDb } = await import('@/lib/db');
      expect(await ops.hasOperators(getDb())).toBe(false);
      await expect(ops.createOwner(getDb(), { name: 'Ada', email: 'Ada@Example.com', password: 'short' })).rejects.toThrow();
      // Two set-ups at once: one owner.
      const [first, second] = await Promise.allSettled([
        ops.createOwner(getDb(), { name: 'Ada', email: 'Ada@Example.com', password: 'correct horse battery' }),
        ops.createOwner(getDb(), { name: 'Mallory', email: 'mallory@example.com', password: 'correct horse battery' }),
      ]);
      expect([first.status, second.status]).toEqual(['fulfilled', 'rejected']);
      expect(await getDb().user.count()).toBe(1);
      const owner = (first as PromiseFulfilledResult<Awaited<ReturnType<typeof ops.createOwner>>>).value;
      expect(owner).toMatchObject({ email: 'ada@example.com', role: 'owner' });
      await expect(ops.createOwner(getDb(), { name: 'Eve', email: 'eve@example.com', password: 'correct horse battery' })).rejects.toMatchObject({ status: 409 });
      const headers = await signedIn('ada@example.com', 'correct horse battery');
      expect(await ops.currentOperator(headers)).toMatchObject({ name: 'Ada', role: 'owner' });
      expect(await ops.currentOperator(new Headers())).toBeNull();
      const audit = await getDb().auditLog.findFirstOrThrow({ where: { action: 'operator.create' } });
      expect(audit.summary).toContain('ada@example.com');
    });

    it('lets owners and admins add operators, and only owners make owners', async () => {
      const { getDb } = await import('@/lib/db');
      const owner = (await ops.currentOperator(await signedIn('ada@example.com', 'correct horse battery')))!;
      const editor = await ops.addOperator(getDb(), owner, { name: 'Ed', email: 'ed@example.com', password: 'editor password 1', role: 'editor' });
      expect(editor.role).toBe('editor');
      await expect(ops.addOperator(getDb(), editor, { name: 'X', email: 'x@example.com', password: 'password 12345', role: 'viewer' })).rejects.toMatchObject({ status: 403 });
      const adminUser = await ops.addOperator(getDb(), owner, { name: 'Al', email: 'al@example.com', password: 'admin password 1', role: 'admin' });
      await expect(ops.addOperator(getDb(), adminUser, { name: 'O', email: 'o@example.com', password: 'password 12345', role: 'owner' })).rejects.toMatchObject({ status: 403 });
      await expect(ops.addOperator(getDb(), owner, { name: 'Ed 2', email: 'ed@example.com', password: 'editor password 1', role: 'editor' })).rejects.toMatchObject({ status: 409 });
    });

    it('refuses a wrong password clearly and locks the account after five failures', async () => {
      const now = Date.now();
      for (let attempt = 0; attempt < 5; attempt++) {
        await expect(ops.logIn({ email: 'ed@example.com', password: 'wrong' }, new Headers(), now)).rejects.toMatchObject({ code: 'wrong_credentials', message: 'Wrong email or password.' });
      }
      await expect(ops.logIn({ email: 'ed@example.com', password: 'editor password 1' }, new Headers(), now)).rejects.toMatchObject({ code: 'locked', status: 429 });
      // Someone else's failures do not keep the real operator out from their own address.
      await ops.logIn({ email: 'ed@example.com', password: 'editor password 1' }, new Headers({ [ops.CLIENT_IP_HEADER]: '203.0.113.7' }), now);
      // After the lock, the right password works again.
      await ops.logIn({ email: 'ed@example.com', password: 'editor password 1' }, new Headers(), now + 6 * 60_000);
      // One address failing on many accounts is locked out of all of them.
      const attacker = new Headers({ [ops.CLIENT_IP_HEADER]: '198.51.100.9' });
      for (let attempt = 0; attempt < 20; attempt++) {
        await expect(ops.logIn({ email: `guess${attempt}@example.com`, password: 'x' }, attacker, now)).rejects.toMatchObject({ code: 'wrong_credentials' });
      }
      await expect(ops.logIn({ email: 'ed@example.com', password: 'editor password 1' }, attacker, now)).rejects.toMatchObject({ code: 'locked' });
    });

    it('changes a password: the old one stops working', async () => {
      const headers = await signedIn('al@example.com', 'admin password 1');
      await expect(ops.changePassword(headers, { currentPassword: 'nope', newPassword: 'new admin password' })).rejects.toMatchObject({ code: 'wrong_credentials' });
      await ops.changePassword(headers, { currentPassword: 'admin password 1', newPassword: 'new admin password' });
      await expect(ops.logIn({ email: 'al@example.com', password: 'admin password 1' }, new Headers())).rejects.toMatchObject({ code: 'wrong_credentials' });
      await signedIn('al@example.com', 'new admin password');
    });
  });
}
