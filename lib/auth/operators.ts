import { APIError } from 'better-auth/api';
import { z } from 'zod';
import { recordAudit, type Actor } from '../audit/audit-log.ts';
import type { Db } from '../db.ts';
import { AppError } from '../errors.ts';
import { getAuth } from './auth.ts';
import { can, roleOf, ROLES, type Role } from './roles.ts';

export interface Operator {
  id: string;
  name: string;
  email: string;
  role: Role;
}

export const operatorActor = (operator: Operator): Actor => ({ type: 'user', id: operator.id, name: operator.name });

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

async function createOperator(db: Db, input: z.input<typeof operatorCreateSchema>, actor: Actor): Promise<Operator> {
  const data = operatorCreateSchema.parse(input);
  try {
    const { user } = await getAuth().api.createUser({ body: { name: data.name, email: data.email, password: data.password, role: data.role } });
    await db.$transaction((tx) =>
      recordAudit(tx, actor, { action: 'operator.create', targetType: 'operator', targetId: user.id, summary: `Added ${data.name} <${data.email}> as ${data.role}` }),
    );
    return { id: user.id, name: user.name, email: user.email, role: data.role };
  } catch (error) {
    if (error instanceof APIError && /already exists/i.test(error.message)) throw new AppError('conflict', 'An operator with this email already exists', 409);
    if (error instanceof APIError) throw new AppError('invalid_operator', error.message, 400);
    throw error;
  }
}

// Two set-up forms submitted at once must not make two owners: one at a time in this process.
let setUpQueue: Promise<unknown> = Promise.resolve();

/** The first operator: only while there is none. */
export function createOwner(db: Db, input: Omit<z.input<typeof operatorCreateSchema>, 'role'>): Promise<Operator> {
  const run = setUpQueue.then(async () => {
    if (await hasOperators(db)) throw new AppError('conflict', 'Gatewatch is already set up; log in instead', 409);
    return createOperator(db, { ...input, role: 'owner' }, { type: 'system', name: 'first-run set-up' });
  });
  setUpQueue = run.catch(() => {});
  return run;
}

/** An owner or admin adds an operator; only an owner makes another owner. */
export async function addOperator(db: Db, by: Operator, input: z.input<typeof operatorCreateSchema>): Promise<Operator> {
  if (!can(by.role, 'manageOperators')) throw new AppError('forbidden', 'Only owners and admins add operators', 403);
  if (input.role === 'owner' && by.role !== 'owner') throw new AppError('forbidden', 'Only an owner can make another owner', 403);
  return createOperator(db, input, operatorActor(by));
}

/** The operator signed in with these request headers, or null. */
export async function currentOperator(headers: Headers): Promise<Operator | null> {
  const session = await getAuth().api.getSession({ headers });
  if (!session) return null;
  const { id, name, email, role } = session.user as { id: string; name: string; email: string; role?: string | null };
  return { id, name, email, role: roleOf(role) };
}

// Failed logins, per email from one client address and per address: five wrong passwords for an
// email lock that email from that address for 5 minutes (others, the real owner among them, can
// still log in); twenty from one address lock the address for 15 minutes.
const RULES = { account: { max: 5, lockMs: 5 * 60_000 }, address: { max: 20, lockMs: 15 * 60_000 } };
const FAILURE_WINDOW_MS = 15 * 60_000;
const THROTTLE_KEY = Symbol.for('gatewatch.login-throttle');
type Failures = { count: number; first: number; lockedUntil: number };
function failures(): Map<string, Failures> {
  const holder = globalThis as { [THROTTLE_KEY]?: Map<string, Failures> };
  return (holder[THROTTLE_KEY] ??= new Map());
}

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
    throw new AppError('locked', `Too many failed attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`, 429);
  }
  try {
    await getAuth().api.signInEmail({ body: { email, password }, headers });
    failures().delete(accountKey);
  } catch (error) {
    if (!(error instanceof APIError)) throw error;
    recordFailure(accountKey, RULES.account, now);
    recordFailure(addressKey, RULES.address, now);
    throw new AppError('wrong_credentials', 'Wrong email or password.', 401);
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
    if (error instanceof APIError) throw new AppError('wrong_credentials', 'Your current password is not right.', 400);
    throw error;
  }
}

/** ADMIN_EMAIL and ADMIN_PASSWORD create the owner at start-up when there is none (headless installs). */
export async function ensureOwnerFromEnv(db: Db, env: { ADMIN_EMAIL?: string; ADMIN_PASSWORD?: string }): Promise<boolean> {
  if (!env.ADMIN_EMAIL || !env.ADMIN_PASSWORD || (await hasOperators(db))) return false;
  await createOwner(db, { name: env.ADMIN_EMAIL.split('@')[0], email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD });
  return true;
}
