import type { Db } from '../db/client.ts';
import { COMPONENT_STATUS_LABELS } from '../schemas/status.ts';
import { componentsInPageOrder } from '../status/front-page.ts';
import { readPageLayout } from '../status/page-rows.ts';

/** Every component in the order the page shows them, with its status now in words: for the incident and maintenance forms. */
export async function incidentComponentChoices(db: Db) {
  return componentsInPageOrder(await readPageLayout(db)).map((component) => ({ id: component.id, name: component.name, statusLabel: COMPONENT_STATUS_LABELS[component.status] }));
}
