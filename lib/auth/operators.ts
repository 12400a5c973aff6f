import { isAPIError } from 'better-auth/api';
import { z } from 'zod';
import { recordAudit } from '../audit/audit-log.ts';
import { type Db } from '../db/client.ts';
import { lockForWrite } from '../db/writes.ts';
import { AppError, notFound } from '../errors.ts';
import { newId } from '../ids.ts';
import { processGlobal } from '../process-global.ts';
import { DISABLED_MESSAGE, getAuth } from './auth.ts';
import { withArticle } from '../words.ts';
import { can, OPERATOR_REFUSALS, operatorActor, requirePermission, systemActor, type Actor } from '../access/permissions.ts';
import { ROLE_LABELS, roleOf, ROLES, type Role } from '../access/roles.ts';

export interface Operator {
  id: string;
  name: string;
  email: string;
  role: Role;
}

/** The same rules for the set-up form, inviting an operator, and ADMIN_EMAIL/ADMIN_PASSWORD. */
export const operatorCreateSchema = z.object({
  name: z.string().trim().min(1, 'Enter a name').max(100),
  email: z.email('Enter an email address').trim().toLowerCase(),
  password: z.string().min(10, 'Use at least 10 characters').max(256),
  role: z.enum(ROLES).default('viewer'),
});
export const loginSchema = z.object({
  email: z.string().trim().toLowerCase().min(1, 'Enter your email'),
  password: z.string().min(1, 'Enter your password').max(256),
});
export const passwordChangeSchema = z.object({
  currentPassword: z.string().min(1, 'Enter your current password'),
  newPassword: z.string().min(10, 'Use at least 10 characters').max(256),
});

export async function hasOperators(db: Db): Promise<boolean> {
  return (await db.user.count()) > 0;
}

/** A unique constraint refused the write (Prisma's P2002, from either database's client). */
const isUniqueClash = (error: unknown) => (error as { code?: string } | null)?.code === 'P2002';

/**
 * The user, their password sign-in and the audit row in one transaction, so there is never a user
 * without its record nor a record without its user. Better Auth's createUser would commit the user
 * on its own, so the rows are written here, in its shapes, with its configured password hashing.
 */
async function createOperator(db: Db, input: z.input<typeof operatorCreateSchema>, actor: Actor): Promise<Operator> {
  const data = operatorCreateSchema.parse(input);
  const hash = await (await getAuth().$context).password.hash(data.password);
  const id = newId();
  try {
    await db.$transaction(async (tx) => {
      await tx.user.create({ data: { id, name: data.name, email: data.email, role: data.role, emailVerified: false, banned: false } });
      await tx.account.create({ data: { id: newId(), accountId: id, providerId: 'credential', userId: id, password: hash } });
      await recordAudit(tx, actor, { action: 'operator.create', targetType: 'operator', targetId: id, summary: `Added ${data.name} <${data.email}> as ${withArticle(ROLE_LABELS[data.role].toLowerCase())}` });
    });
  } catch (error) {
    if (isUniqueClash(error)) throw new AppError('conflict', 'An operator with this email already exists');
    throw error;
  }
  return { id, name: data.name, email: data.email, role: data.role };
}

// Two set-up forms submitted at once must not make two owners: one at a time in this process.
const setUp = () => processGlobal('set-up-queue', () => ({ queue: Promise.resolve() as Promise<unknown> }));

/** The first operator: only while there is none. */
export function createOwner(db: Db, input: Omit<z.input<typeof operatorCreateSchema>, 'role'>): Promise<Operator> {
  const run = setUp().queue.then(async () => {
    if (await hasOperators(db)) throw new AppError('conflict', 'Gatewatch is already set up; log in instead');
    return createOperator(db, { ...input, role: 'owner' }, systemActor('first-run set-up'));
  });
  setUp().queue = run.catch(() => {});
  return run;
}

/** An owner or admin adds an operator; only an owner makes another owner. */
export async function addOperator(db: Db, by: Operator, input: z.input<typeof operatorCreateSchema>): Promise<Operator> {
  requirePermission(operatorActor(by), 'operators.manage');
  if (input.role === 'owner' && by.role !== 'owner') throw new AppError('forbidden', 'Only an owner can make another owner');
  return createOperator(db, input, operatorActor(by));
}

/** A change an owner or admin makes to another operator's account. */
export type OperatorChange = { kind: 'role'; role: Role } | { kind: 'disable' } | { kind: 'enable' } | { kind: 'remove' };

export const operatorChangeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('role'), role: z.enum(ROLES, 'Choose a role') }),
  z.object({ kind: z.enum(['disable', 'enable', 'remove']) }),
]);

type Target = { id: string; role: Role; disabled: boolean };

/**
 * Why `by` may not make `change` to `target`, or null when they may: the one place for these rules.
 * `activeOwners` counts owners who are not disabled, the target among them if it is one.
 */
export function operatorChangeRefusal(by: Pick<Operator, 'id' | 'role'>, target: Target, change: OperatorChange, activeOwners: number): string | null {
  if (!can(by.role, 'operators.manage')) return OPERATOR_REFUSALS['operators.manage'];
  const self = by.id === target.id;
  if (self && change.kind !== 'role') return 'You cannot disable or remove your own account; ask another owner or admin.';
  const touchesOwner = target.role === 'owner' || (change.kind === 'role' && change.role === 'owner');
  if (touchesOwner && by.role !== 'owner') return 'Only an owner can make, change, disable or remove an owner.';
  // The install must never be left without an owner who can log in.
  const activeOwner = target.role === 'owner' && !target.disabled;
  const stopsBeingOne = change.kind === 'disable' || change.kind === 'remove' || (change.kind === 'role' && change.role !== 'owner');
  if (activeOwner && stopsBeingOne && activeOwners <= 1) return 'This is the last active owner; make another operator an owner first.';
  if (self && activeOwners - (activeOwner ? 1 : 0) < 1) return 'You can change your own role only while another active owner remains.';
  return null;
}

const CHANGE_AUDIT = {
  role: { action: 'operator.role_change', verb: 'Changed the role of' },
  disable: { action: 'operator.disable', verb: 'Disabled' },
  enable: { action: 'operator.enable', verb: 'Enabled' },
  remove: { action: 'operator.remove', verb: 'Removed' },
} as const;

/**
 * Changes another operator's role, disables or enables them, or removes them, with its audit row in
 * the same transaction. Disabling and removing end their sessions at once. Returns what was done, in
 * words; a change that changes nothing writes nothing.
 */
export async function changeOperator(db: Db, by: Operator, targetId: string, input: z.input<typeof operatorChangeSchema>): Promise<string> {
  requirePermission(operatorActor(by), 'operators.manage');
  const change = operatorChangeSchema.parse(input);
  return db.$transaction(async (tx) => {
    // One operator change at a time, so two at once cannot each remove "the other" last owner.
    await lockForWrite(db, tx, 'operators');
    // The actor's role as it is now, not as their request began: another change may have just demoted them.
    const actor = await tx.user.findUnique({ where: { id: by.id }, select: { role: true, banned: true } });
    if (!actor || actor.banned) throw new AppError('forbidden', DISABLED_MESSAGE);
    const row = await tx.user.findUnique({ where: { id: targetId }, select: { id: true, name: true, email: true, role: true, banned: true } });
    if (!row) throw notFound('Operator', targetId);
    const target = { id: row.id, role: roleOf(row.role), disabled: row.banned === true };
    const activeOwners = await tx.user.count({ where: { role: 'owner', OR: [{ banned: false }, { banned: null }] } });
    const refusal = operatorChangeRefusal({ ...by, role: roleOf(actor.role) }, target, change, activeOwners);
    if (refusal) throw new AppError('forbidden', refusal);

    const who = `${row.name} <${row.email}>`;
    let summary = `${CHANGE_AUDIT[change.kind].verb} ${who}`;
    if (change.kind === 'role') {
      if (change.role === target.role) return `${row.name} already has the ${ROLE_LABELS[change.role].toLowerCase()} role.`;
      await tx.user.update({ where: { id: row.id }, data: { role: change.role } });
      summary += `: ${target.role} → ${change.role}`;
    } else if (change.kind === 'remove') {
      // Their keys stop with them; their sessions and sign-in go with them (cascade); the audit log keeps their name.
      const { count } = await tx.apiKey.updateMany({ where: { createdByUserId: row.id, revokedAt: null }, data: { revokedAt: new Date() } });
      if (count) summary += ` and revoked the ${count === 1 ? 'API key' : `${count} API keys`} they made`;
      await tx.user.delete({ where: { id: row.id } });
    } else {
      const disabled = change.kind === 'disable';
      if (disabled === target.disabled) return `${row.name} is already ${disabled ? 'disabled' : 'enabled'}.`;
      await tx.user.update({ where: { id: row.id }, data: { banned: disabled, banReason: null, banExpires: null } });
      if (disabled) await tx.session.deleteMany({ where: { userId: row.id } });
    }
    await recordAudit(tx, operatorActor(by), { action: CHANGE_AUDIT[change.kind].action, targetType: 'operator', targetId: row.id, summary, details: { from: target.role, ...change } });
    return `${summary}.`;
  });
}

/** The operator signed in with these request headers, or null. */
export async function currentOperator(headers: Headers): Promise<Operator | null> {
  const session = await getAuth().api.getSession({ headers });
  if (!session) return null;
  const { id, name, email, role, banned } = session.user as { id: string; name: string; email: string; role?: string | null; banned?: boolean | null };
  // Disabling deletes the sessions too; this holds even for one that slipped through.
  if (banned) return null;
  return { id, name, email, role: roleOf(role) };
}

// Failed logins, per email from one client address and per address: five wrong passwords for an
// email lock that email from that address for 5 minutes (others, the real owner among them, can
// still log in); twenty from one address lock the address for 15 minutes.
const RULES = { account: { max: 5, lockMs: 5 * 60_000 }, address: { max: 20, lockMs: 15 * 60_000 } };
const FAILURE_WINDOW_MS = 15 * 60_000;
type Failures = { count: number; first: number; lockedUntil: number };
const failures = () => processGlobal('login-throttle', () => new Map<string, Failures>());

/** The client's address as server.ts passes it on (its own socket, or the proxy's header when trusted). */
export const CLIENT_IP_HEADER = 'x-gatewatch-client-ip';

function lockedFor(key: string, now: number): number {
  const entry = failures().get(key);
  return entry && entry.lockedUntil > now ? entry.lockedUntil - now : 0;
}

function recordFailure(key: string, rule: { max: number; lockMs: number }, now: number) {
  const table = failures();
  if (table.size > 50_000) {
    // Forget what no longer counts, rather than everything.
    for (const [name, entry] of table) if (entry.lockedUntil <= now && now - entry.first > FAILURE_WINDOW_MS) table.delete(name);
  }
  const entry = table.get(key);
  const next = entry && now - entry.first < FAILURE_WINDOW_MS ? { ...entry, count: entry.count + 1 } : { count: 1, first: now, lockedUntil: 0 };
  if (next.count >= rule.max) next.lockedUntil = now + rule.lockMs;
  table.set(key, next);
}

/**
 * Signs in with email and password, setting the session cookie (through Next's cookies in a server
 * action). Wrong credentials and locks get clear messages; never which of email or password was wrong.
 */
export async function logIn(input: z.input<typeof loginSchema>, headers: Headers, now = Date.now()): Promise<void> {
  const { email, password } = loginSchema.parse(input);
  const address = headers.get(CLIENT_IP_HEADER) ?? 'unknown';
  const accountKey = `account:${address}:${email}`;
  const addressKey = `address:${address}`;
  const wait = Math.max(lockedFor(accountKey, now), lockedFor(addressKey, now));
  if (wait > 0) {
    const minutes = Math.ceil(wait / 60_000);
    throw new AppError('locked', `Too many failed attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`);
  }
  try {
    await getAuth().api.signInEmail({ body: { email, password }, headers });
    failures().delete(accountKey);
  } catch (error) {
    if (!isAPIError(error)) throw error;
    // Better Auth says so only after the password matched, so this tells a guesser nothing.
    if ((error.body as { code?: string } | undefined)?.code === 'BANNED_USER') throw new AppError('disabled', DISABLED_MESSAGE);
    recordFailure(accountKey, RULES.account, now);
    recordFailure(addressKey, RULES.address, now);
    throw new AppError('wrong_credentials', 'Wrong email or password.');
  }
}

export async function logOut(headers: Headers): Promise<void> {
  await getAuth().api.signOut({ headers });
}

export async function changePassword(headers: Headers, input: z.input<typeof passwordChangeSchema>): Promise<void> {
  const data = passwordChangeSchema.parse(input);
  try {
    await getAuth().api.changePassword({ body: { currentPassword: data.currentPassword, newPassword: data.newPassword, revokeOtherSessions: true }, headers });
  } catch (error) {
    if (isAPIError(error)) throw new AppError('wrong_credentials', 'Your current password is not right.');
    throw error;
  }
}

/** ADMIN_EMAIL and ADMIN_PASSWORD create the owner at start-up when there is none (headless installs). */
export async function ensureOwnerFromEnv(db: Db, env: { ADMIN_EMAIL?: string; ADMIN_PASSWORD?: string }): Promise<boolean> {
  if (!env.ADMIN_EMAIL || !env.ADMIN_PASSWORD || (await hasOperators(db))) return false;
  await createOwner(db, { name: env.ADMIN_EMAIL.split('@')[0], email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD });
  return true;
}
