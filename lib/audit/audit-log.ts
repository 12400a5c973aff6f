import type { Actor } from '../access/permissions.ts';
import { dbProvider, type Db, type Tx } from '../db/client.ts';
import { newId } from '../ids.ts';

/** Appends one audit row inside the write's own transaction: no write without its record. */
export async function recordAudit(
  tx: Tx,
  actor: Actor,
  entry: { action: string; targetType: string; targetId?: string | null; summary: string; details?: unknown },
) {
  await tx.auditLog.create({
    data: {
      id: newId(),
      actorType: actor.type,
      actorId: actor.id ?? null,
      actorName: actor.name,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId ?? null,
      summary: entry.summary,
      details: entry.details === undefined ? null : JSON.stringify(entry.details),
    },
  });
}

export const AUDIT_PAGE_SIZE = 50;

/** The audit log, newest first, filtered by what was changed and by who, a page at a time. */
export async function listAuditLog(db: Db, filter: { targetType?: string; actor?: string; page?: number }) {
  const page = Math.max(1, Math.floor(filter.page ?? 1));
  const insensitive = dbProvider(db) === 'postgresql' ? { mode: 'insensitive' as const } : {};
  // PostgreSQL refuses NUL in text, so no name holds one: search for the rest of what was typed.
  const actor = filter.actor?.replaceAll('\0', '');
  const where = {
    ...(filter.targetType && { targetType: filter.targetType }),
    ...(actor && { actorName: { contains: actor, ...insensitive } }),
  };
  const [rows, total] = await Promise.all([
    db.auditLog.findMany({ where, orderBy: [{ at: 'desc' }, { id: 'desc' }], skip: (page - 1) * AUDIT_PAGE_SIZE, take: AUDIT_PAGE_SIZE }),
    db.auditLog.count({ where }),
  ]);
  return { rows, total, page, pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)) };
}
