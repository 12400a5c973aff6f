// Operators' accounts through Better Auth on a real database of one provider (one file per provider:
// settings are read once per process).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Provider } from '@/lib/db/client';
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
      const { getDb } = await import('@/lib/db/client');
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
      const { getDb } = await import('@/lib/db/client');
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
      expect(audit.summary).toBe('Added Ada <ada@example.com> as an owner');
    });

    it('lets owners and admins add operators, and only owners make owners', async () => {
      const { getDb } = await import('@/lib/db/client');
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

    // From here on, log-ins come from their own address, clear of the lock tests above.
    const here = () => new Headers({ [ops.CLIENT_IP_HEADER]: '192.0.2.44' });
    const operator = async (email: string, password: string) => (await ops.currentOperator(await signedIn(email, password)))!;
    const auditCount = async () => (await import('@/lib/db/client')).getDb().auditLog.count();
    const userByEmail = async (email: string) => (await import('@/lib/db/client')).getDb().user.findUniqueOrThrow({ where: { email } });

    it('changes roles by the rules: admins leave owners alone, the last owner stays one', async () => {
      const { getDb } = await import('@/lib/db/client');
      const ada = await operator('ada@example.com', 'correct horse battery');
      const al = await operator('al@example.com', 'new admin password');
      const ed = await userByEmail('ed@example.com');
      const before = await auditCount();
      // An admin touches no owner, and makes none.
      for (const change of [{ kind: 'role', role: 'admin' }, { kind: 'disable' }, { kind: 'remove' }] as const) {
        await expect(ops.changeOperator(getDb(), al, ada.id, change)).rejects.toMatchObject({ status: 403, message: 'Only an owner can make, change, disable or remove an owner.' });
      }
      await expect(ops.changeOperator(getDb(), al, ed.id, { kind: 'role', role: 'owner' })).rejects.toMatchObject({ status: 403 });
      // The only owner can neither step down nor lock herself out.
      await expect(ops.changeOperator(getDb(), ada, ada.id, { kind: 'role', role: 'admin' })).rejects.toMatchObject({ status: 403, message: expect.stringContaining('last active owner') });
      await expect(ops.changeOperator(getDb(), ada, ada.id, { kind: 'disable' })).rejects.toMatchObject({ status: 403, message: expect.stringContaining('your own account') });
      await expect(ops.changeOperator(getDb(), ada, ada.id, { kind: 'remove' })).rejects.toMatchObject({ status: 403 });
      // Editors manage nobody; unknown operators and roles are refused, not crashed on.
      const edOperator = { id: ed.id, name: ed.name, email: ed.email, role: 'editor' as const };
      await expect(ops.changeOperator(getDb(), edOperator, al.id, { kind: 'disable' })).rejects.toMatchObject({ status: 403 });
      await expect(ops.changeOperator(getDb(), ada, 'nobody', { kind: 'disable' })).rejects.toMatchObject({ status: 404 });
      await expect(ops.changeOperator(getDb(), ada, ed.id, { kind: 'role', role: 'superuser' as never })).rejects.toThrow();
      expect(await auditCount()).toBe(before);
      expect((await userByEmail('ada@example.com')).role).toBe('owner');

      // An admin manages editors and viewers, one audit row per change.
      expect(await ops.changeOperator(getDb(), al, ed.id, { kind: 'role', role: 'viewer' })).toBe('Changed the role of Ed <ed@example.com>: editor → viewer.');
      expect((await userByEmail('ed@example.com')).role).toBe('viewer');
      const row = await getDb().auditLog.findFirstOrThrow({ where: { action: 'operator.role_change' } });
      expect(row).toMatchObject({ actorName: 'Al', targetType: 'operator', targetId: ed.id });
      // Nothing to change, nothing recorded.
      await ops.changeOperator(getDb(), al, ed.id, { kind: 'role', role: 'viewer' });
      expect(await auditCount()).toBe(before + 1);

      // With a second owner, either may step down, but not both at once (a few rounds, to meet the race).
      const edOwner = { ...edOperator, role: 'owner' as const };
      for (let round = 0; round < 5; round++) {
        await ops.changeOperator(getDb(), ada, ed.id, { kind: 'role', role: 'owner' });
        const audits = await auditCount();
        const results = await Promise.allSettled([
          ops.changeOperator(getDb(), ada, ed.id, { kind: 'role', role: 'editor' }),
          ops.changeOperator(getDb(), edOwner, ada.id, { kind: 'role', role: 'editor' }),
        ]);
        expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
        expect(await getDb().user.count({ where: { role: 'owner' } })).toBe(1);
        expect(await auditCount()).toBe(audits + 1);
        // Back to Ada as the owner and Ed as an editor.
        if ((await userByEmail('ada@example.com')).role !== 'owner') {
          await ops.changeOperator(getDb(), edOwner, ada.id, { kind: 'role', role: 'owner' });
          await ops.changeOperator(getDb(), ada, ed.id, { kind: 'role', role: 'editor' });
        }
      }
      expect((await userByEmail('ed@example.com')).role).toBe('editor');
    });

    it('signs a disabled operator out and tells them why they cannot log in', async () => {
      const { getDb } = await import('@/lib/db/client');
      const ada = await operator('ada@example.com', 'correct horse battery');
      const vic = await ops.addOperator(getDb(), ada, { name: 'Vic', email: 'vic@example.com', password: 'viewer password 1', role: 'viewer' });
      const vicHeaders = await signedIn('vic@example.com', 'viewer password 1');
      expect(await ops.currentOperator(vicHeaders)).toMatchObject({ id: vic.id });

      await ops.changeOperator(getDb(), ada, vic.id, { kind: 'disable' });
      expect(await getDb().session.count({ where: { userId: vic.id } })).toBe(0);
      expect(await ops.currentOperator(vicHeaders)).toBeNull();
      await expect(ops.logIn({ email: 'vic@example.com', password: 'viewer password 1' }, here())).rejects.toMatchObject({ code: 'disabled', message: 'This account is disabled; ask an owner or admin.' });
      // A wrong password learns nothing about the account.
      await expect(ops.logIn({ email: 'vic@example.com', password: 'a guess' }, here())).rejects.toMatchObject({ code: 'wrong_credentials' });
      expect(await getDb().session.count({ where: { userId: vic.id } })).toBe(0);

      await ops.changeOperator(getDb(), ada, vic.id, { kind: 'enable' });
      await ops.logIn({ email: 'vic@example.com', password: 'viewer password 1' }, here());
      const actions = (await getDb().auditLog.findMany({ where: { targetId: vic.id }, orderBy: [{ at: 'asc' }, { id: 'asc' }] })).map((row) => row.action);
      expect(actions.sort()).toEqual(['operator.create', 'operator.disable', 'operator.enable']);
    });

    it('removes an operator with their sessions and sign-in, and a disabled owner does not count', async () => {
      const { getDb } = await import('@/lib/db/client');
      const ada = await operator('ada@example.com', 'correct horse battery');
      const al = await operator('al@example.com', 'new admin password');
      const vic = await userByEmail('vic@example.com');
      const vicHeaders = await signedIn('vic@example.com', 'viewer password 1');
      expect(await ops.changeOperator(getDb(), al, vic.id, { kind: 'remove' })).toBe('Removed Vic <vic@example.com>.');
      expect(await getDb().user.findUnique({ where: { id: vic.id } })).toBeNull();
      expect(await getDb().session.count({ where: { userId: vic.id } })).toBe(0);
      expect(await getDb().account.count({ where: { userId: vic.id } })).toBe(0);
      expect(await ops.currentOperator(vicHeaders)).toBeNull();
      await expect(ops.logIn({ email: 'vic@example.com', password: 'viewer password 1' }, here())).rejects.toMatchObject({ code: 'wrong_credentials' });
      expect(await getDb().auditLog.findFirstOrThrow({ where: { action: 'operator.remove' } })).toMatchObject({ actorName: 'Al', targetId: vic.id, summary: 'Removed Vic <vic@example.com>' });

      // A second owner who is disabled cannot keep the first from being the last.
      const olga = await ops.addOperator(getDb(), ada, { name: 'Olga', email: 'olga@example.com', password: 'owner password 2', role: 'owner' });
      await ops.changeOperator(getDb(), ada, olga.id, { kind: 'disable' });
      await expect(ops.changeOperator(getDb(), ada, ada.id, { kind: 'role', role: 'editor' })).rejects.toMatchObject({ status: 403 });
      // An operator disabled meanwhile can no longer change anything with the session object they held.
      await expect(ops.changeOperator(getDb(), olga, al.id, { kind: 'role', role: 'editor' })).rejects.toMatchObject({ status: 403 });
      await ops.changeOperator(getDb(), ada, olga.id, { kind: 'remove' });
    });

    it('stops an operator’s API keys while they are disabled, and revokes them when they are removed', async () => {
      const { getDb } = await import('@/lib/db/client');
      const { authenticateApiKey, createApiKey } = await import('@/lib/api-keys/api-keys');
      const { operatorActor, SYSTEM_ACTOR } = await import('@/lib/access/permissions');
      const ada = await operator('ada@example.com', 'correct horse battery');
      const kim = await ops.addOperator(getDb(), ada, { name: 'Kim', email: 'kim@example.com', password: 'admin password 3', role: 'admin' });
      const { key } = await createApiKey(getDb(), { name: 'kim-bot', scopes: ['incidents'] }, operatorActor(kim));
      const { key: cliKey } = await createApiKey(getDb(), { name: 'cli-bot', scopes: ['read'] }, SYSTEM_ACTOR);
      const bearer = (value: string) => `Bearer ${value}`;
      expect(await authenticateApiKey(getDb(), bearer(key))).toMatchObject({ name: 'kim-bot' });

      await ops.changeOperator(getDb(), ada, kim.id, { kind: 'disable' });
      await expect(authenticateApiKey(getDb(), bearer(key))).rejects.toMatchObject({ status: 401, message: expect.stringMatching(/disabled operator/) });
      await ops.changeOperator(getDb(), ada, kim.id, { kind: 'enable' });
      expect(await authenticateApiKey(getDb(), bearer(key))).toMatchObject({ name: 'kim-bot' });

      expect(await ops.changeOperator(getDb(), ada, kim.id, { kind: 'remove' })).toBe('Removed Kim <kim@example.com> and revoked the API key they made.');
      await expect(authenticateApiKey(getDb(), bearer(key))).rejects.toMatchObject({ status: 401 });
      expect((await getDb().apiKey.findFirstOrThrow({ where: { name: 'kim-bot' } })).revokedAt).not.toBeNull();
      // A key made on the command line belongs to no operator.
      expect(await authenticateApiKey(getDb(), bearer(cliKey))).toMatchObject({ name: 'cli-bot' });
    });

    it('creates an operator and its audit row together or not at all', async () => {
      const { getDb } = await import('@/lib/db/client');
      const ada = await operator('ada@example.com', 'correct horse battery');
      const [users, accounts, audits] = [await getDb().user.count(), await getDb().account.count(), await auditCount()];
      // The same email twice at once: one operator, one audit row, one clear refusal.
      const results = await Promise.allSettled([
        ops.addOperator(getDb(), ada, { name: 'Twin', email: 'twin@example.com', password: 'twin password 1', role: 'viewer' }),
        ops.addOperator(getDb(), ada, { name: 'Twin', email: 'twin@example.com', password: 'twin password 1', role: 'viewer' }),
      ]);
      expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
      expect(results.find((result) => result.status === 'rejected')).toMatchObject({ reason: { status: 409 } });
      expect([await getDb().user.count(), await getDb().account.count(), await auditCount()]).toEqual([users + 1, accounts + 1, audits + 1]);

      // The database itself refuses audit rows for a moment (a real failure of the last write):
      // neither the user nor their sign-in is left behind, and no role changes unrecorded.
      const twin = await userByEmail('twin@example.com');
      const refuse =
        provider === 'sqlite'
          ? [`CREATE TRIGGER refuse_audit BEFORE INSERT ON "AuditLog" BEGIN SELECT RAISE(ABORT, 'audit refused'); END`]
          : [
              `CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit refused'; END $$`,
              `CREATE TRIGGER refuse_audit BEFORE INSERT ON "AuditLog" FOR EACH ROW EXECUTE FUNCTION refuse_audit()`,
            ];
      for (const statement of refuse) await getDb().$executeRawUnsafe(statement);
      try {
        await expect(ops.addOperator(getDb(), ada, { name: 'Ghost', email: 'ghost@example.com', password: 'ghost password 1', role: 'viewer' })).rejects.toThrow();
        await expect(ops.changeOperator(getDb(), ada, twin.id, { kind: 'role', role: 'editor' })).rejects.toThrow();
      } finally {
        await getDb().$executeRawUnsafe(provider === 'sqlite' ? 'DROP TRIGGER refuse_audit' : 'DROP FUNCTION refuse_audit() CASCADE');
      }
      expect(await getDb().user.findUnique({ where: { email: 'ghost@example.com' } })).toBeNull();
      expect((await userByEmail('twin@example.com')).role).toBe('viewer');
      expect([await getDb().user.count(), await getDb().account.count(), await auditCount()]).toEqual([users + 1, accounts + 1, audits + 1]);
      // And an operator made this way signs in through Better Auth like any other.
      await signedIn('twin@example.com', 'twin password 1');
    });
  });
}
