import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { betterAuth } from 'better-auth';
import { prismaAdapter } from 'better-auth/adapters/prisma';
import { nextCookies } from 'better-auth/next-js';
import { admin } from 'better-auth/plugins';
import { createAccessControl } from 'better-auth/plugins/access';
import { adminAc, defaultStatements, userAc } from 'better-auth/plugins/admin/access';
import { dbProvider, getDb, providerOf, type Db } from '../db/client.ts';
import { getEnv } from '../env.ts';
import { newId } from '../ids.ts';
import { log } from '../log.ts';
import { processGlobal } from '../process-global.ts';

/** AUTH_SECRET, or one generated once and kept beside the database (readable by this user only). */
function authSecret(): string {
  const env = getEnv();
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  const file = path.resolve(env.AUTH_SECRET_PATH);
  // PostgreSQL is how several instances share one page; each would make its own secret and
  // refuse the others' sessions.
  if (providerOf(env.DATABASE_URL) === 'postgresql') {
    log('warn', 'AUTH_SECRET is not set: using a secret generated into AUTH_SECRET_PATH. With more than one instance, set the same AUTH_SECRET on each, or operators will be logged out as requests move between them.', { file });
  }
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // Written whole, then linked into place: a process starting at the same moment either wins
    // or reads the winner's complete file, never a half-written one.
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
    try {
      fs.linkSync(temporary, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      fs.rmSync(temporary, { force: true });
    }
  }
  const secret = fs.readFileSync(file, 'utf8').trim();
  if (secret.length < 32) throw new Error(`${file} holds no usable secret (under 32 characters): delete it to have a new one made, or set AUTH_SECRET`);
  return secret;
}

// Better Auth's own user management (create operators, set roles) is for owners and admins; what
// each role may do in Gatewatch itself is in roles.ts.
const accessControl = createAccessControl(defaultStatements);
const authRoles = {
  owner: accessControl.newRole(adminAc.statements),
  admin: accessControl.newRole(adminAc.statements),
  editor: accessControl.newRole(userAc.statements),
  viewer: accessControl.newRole(userAc.statements),
};

/** What a disabled operator is told when they log in (Better Auth calls disabling "banning"). */
export const DISABLED_MESSAGE = 'This account is disabled; ask an owner or admin.';

export function createAuth(db: Db) {
  const env = getEnv();
  return betterAuth({
    appName: 'Gatewatch',
    baseURL: env.PUBLIC_URL ?? `http://localhost:${env.PORT}`,
    secret: authSecret(),
    database: prismaAdapter(db, { provider: dbProvider(db) }),
    // Operators are created by the set-up and by the owner, never by signing up.
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 10, maxPasswordLength: 256 },
    session: { expiresIn: 60 * 60 * 24 * 14, updateAge: 60 * 60 * 24 },
    advanced: { database: { generateId: () => newId() } },
    plugins: [admin({ ac: accessControl, roles: authRoles, defaultRole: 'viewer', adminRoles: ['owner', 'admin'], bannedUserMessage: DISABLED_MESSAGE }), nextCookies()],
  });
}

export type Auth = ReturnType<typeof createAuth>;

/**
 * The process's Better Auth instance, over its database. Either copy of lib/ may make it, so its
 * errors are told apart with `isAPIError` (by name), never with `instanceof APIError`.
 */
export function getAuth(): Auth {
  const holder = processGlobal('auth', (): { db?: Db; auth?: Auth } => ({}));
  const db = getDb();
  if (!holder.auth || holder.db !== db) Object.assign(holder, { db, auth: createAuth(db) });
  return holder.auth!;
}
