// The admin API's PATCH of an incident, as Statuspage's Manage API has it: its own fields are
// edited, and an update is posted only when a status or a message is given; both in one transaction.
import { requirePermission, type Actor } from '../access/permissions.ts';
import type { Db } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { visibleWrite } from '../db/writes.ts';
import { incidentEditSchema, incidentUpdateCreateSchema, type IncidentEditInput, type IncidentUpdateCreateInput } from '../schemas/incident.ts';
import { incidentAtVersion } from './incident-version.ts';
import { writeIncidentEdit } from './manage-incident.ts';
import { writeIncidentUpdate } from './post-update.ts';

export interface IncidentPatch {
  edit?: IncidentEditInput;
  update?: IncidentUpdateCreateInput;
  /** Closes a maintenance as called off (with `update`'s message). */
  cancel?: boolean;
  expectedVersion?: number;
}

export async function patchIncident(db: Db, incidentId: string, patch: IncidentPatch, actor: Actor) {
  requirePermission(actor, 'incidents.write');
  if (!patch.edit && !patch.update) {
    throw new AppError(
      'nothing_to_change',
      'Nothing to change: give a status or a message (body) to post an update, or a name, impact, or window to edit.',
    );
  }
  const edit = patch.edit && incidentEditSchema.parse(patch.edit);
  const update = patch.update && incidentUpdateCreateSchema.parse(patch.update);
  await visibleWrite(db, async (tx) => {
    let incident = await incidentAtVersion(tx, incidentId, patch.expectedVersion);
    if (edit) incident = await writeIncidentEdit(tx, incident, edit, actor);
    if (update) await writeIncidentUpdate(tx, incident, update, actor, { cancel: patch.cancel });
  });
}
