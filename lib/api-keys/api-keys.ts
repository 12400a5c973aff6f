import { createHash, randomBytes } from 'node:crypto';
import { recordAudit } from '../audit/audit-log.ts';
import { requirePermission, type Actor } from '../access/permissions.ts';
import type { Db } from '../db/client.ts';
import { roleOf, type Role } from '../access/roles.ts';
import { AppError, notFound } from '../errors.ts';
import { newId } from '../ids.ts';
import { apiKeyCreateSchema, type ApiKeyCreateInput, type ApiKeyScope } from '../schemas/api-key.ts';

const KEY_PREFIX = 'gw_';
const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

export interface ApiKeyRecord {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiKeyScope[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  /** The current role of the operator who made the key, which its permissions are held to (none: made on the command line). */
  makerRole?: Role;
}

function toRecord(row: { id: string; name: string; prefix: string; scopes: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null }): ApiKeyRecord {
  return { ...row, scopes: row.scopes.split(',').filter(Boolean) as ApiKeyScope[] };
}

/** A new key; the secret is returned this once and only its hash is kept. */
export async function createApiKey(db: Db, input: ApiKeyCreateInput, actor: Actor) {
  requirePermission(actor, 'api_keys.manage');
  const data = apiKeyCreateSchema.parse(input);
  const key = `${KEY_PREFIX}${randomBytes(24).toString('base64url')}`;
  const row = await db.$transaction(async (tx) => {
    const created = await tx.apiKey.create({
      data: {
        id: newId(),
        name: data.name,
        prefix: key.slice(0, KEY_PREFIX.length + 6),
        hash: hashKey(key),
        scopes: data.scopes.join(','),
        createdBy: actor.name,
        createdByUserId: actor.type === 'user' ? actor.id : null,
      },
    });
    await recordAudit(tx, actor, { action: 'api_key.create', targetType: 'api_key', targetId: created.id, summary: `Created API key "${data.name}" (${data.scopes.join(', ')})` });
    return created;
  });
  return { key, record: toRecord(row) };
}

export async function listApiKeys(db: Db): Promise<ApiKeyRecord[]> {
  return (await db.apiKey.findMany({ orderBy: { createdAt: 'desc' } })).map(toRecord);
}

export async function revokeApiKey(db: Db, id: string, actor: Actor) {
  requirePermission(actor, 'api_keys.manage');
  await db.$transaction(async (tx) => {
    const existing = await tx.apiKey.findUnique({ where: { id } });
    if (!existing) throw notFound('API key', id);
    if (existing.revokedAt) return;
    await tx.apiKey.update({ where: { id }, data: { revokedAt: new Date() } });
    await recordAudit(tx, actor, { action: 'api_key.revoke', targetType: 'api_key', targetId: id, summary: `Revoked API key "${existing.name}"` });
  });
}

/**
 * The key an `Authorization: Bearer <key>` or `Authorization: OAuth <key>` header names (Statuspage
 * scripts send the latter), or a 401.
 */
export async function authenticateApiKey(db: Db, authorization: string | null): Promise<ApiKeyRecord> {
  const match = /^(?:Bearer|OAuth)\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match) throw new AppError('unauthorized', 'Send an API key: Authorization: Bearer <key>');
  const row = await db.apiKey.findUnique({ where: { hash: hashKey(match[1]) }, include: { createdByUser: { select: { banned: true, role: true } } } });
  if (!row || row.revokedAt) throw new AppError('unauthorized', 'This API key is not valid (unknown or revoked)');
  // A key made by an operator is theirs: it stops working while they are disabled.
  if (row.createdByUser?.banned) throw new AppError('unauthorized', 'This API key belongs to a disabled operator');
  // Once a minute is precise enough for "last used", and keeps reads from writing every time.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  // Keys made on the command line belong to no operator; the others are held to their maker's role (apiKeyActor).
  return { ...toRecord(row), makerRole: row.createdByUser ? roleOf(row.createdByUser.role) : undefined };
}
