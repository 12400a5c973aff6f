import type { Db } from '../db.ts';
import { COMPONENT_STATUS_LABELS, type ComponentStatus } from '../schemas/status.ts';

/** Every component, in position order, with its status now in words: for the incident forms. */
export async function incidentComponentChoices(db: Db) {
  const rows = await db.component.findMany({ orderBy: [{ position: 'asc' }, { createdAt: 'asc' }], select: { id: true, name: true, status: true } });
  return rows.map((row) => ({ id: row.id, name: row.name, statusLabel: COMPONENT_STATUS_LABELS[row.status as ComponentStatus] }));
}
