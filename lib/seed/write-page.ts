import type { Db } from '../db/client.ts';
import { newId } from '../ids.ts';
import { announceChange } from '../db/writes.ts';
import type { ComponentStatus, Impact, IncidentStatus } from '../schemas/status.ts';

/** A whole status page described as data: what the demo and the scale benchmark write. */
export interface PageSpec {
  page: { name: string; url: string; timeZone: string; supportUrl?: string };
  /** When the components were created (their first, operational, status). */
  createdAt: Date;
  groups: { name: string; components: string[] }[];
  standalone: string[];
  descriptions?: Record<string, string>;
  incidents: IncidentSpec[];
  maintenances: MaintenanceSpec[];
}

export interface IncidentSpec {
  name: string;
  impact: Impact;
  start: Date;
  /** Null while the incident is still open: its components keep their status. */
  end: Date | null;
  /** Component name → the status it had during the incident. */
  components: Record<string, ComponentStatus>;
  updates: { status: IncidentStatus; at: Date; body: string }[];
}

export interface MaintenanceSpec {
  name: string;
  announcedAt: Date;
  scheduledFor: Date;
  scheduledUntil: Date;
  components: string[];
  body: string;
}

/** Component names must be unique in a spec: incidents refer to components by name. */
export async function replaceAllWithPage(db: Db, spec: PageSpec) {
  const { createdAt } = spec;
  const ids = new Map<string, string>();
  const idOf = (name: string) => {
    const id = ids.get(name);
    if (!id) throw new Error(`page spec refers to an unknown component: ${name}`);
    return id;
  };

  // Every row is marked demo: the admin offers to remove them all in one step (lib/seed/remove-demo.ts).
  const groupRows = spec.groups.map((group, position) => ({ id: newId(), name: group.name, position, createdAt, demo: true }));
  const componentRows = [
    ...spec.groups.flatMap((group, groupIndex) =>
      group.components.map((name, position) => ({ name, position, groupId: groupRows[groupIndex].id as string | null })),
    ),
    ...spec.standalone.map((name, index) => ({ name, position: spec.groups.length + index, groupId: null })),
  ].map((component) => {
    const id = newId();
    ids.set(component.name, id);
    return { ...component, id, description: spec.descriptions?.[component.name] ?? null, createdAt, demo: true };
  });
  const statusNow = new Map<string, ComponentStatus>(componentRows.map((row) => [row.id, 'operational']));
  const changes: { id: string; componentId: string; status: ComponentStatus; at: Date; incidentId?: string }[] = componentRows.map((row) => ({
    id: newId(),
    componentId: row.id,
    status: 'operational',
    at: createdAt,
  }));

  const incidents: Parameters<Db['incident']['create']>[0]['data'][] = spec.incidents.map((incident) => {
    const last = incident.updates[incident.updates.length - 1];
    const monitoring = incident.updates.find((update) => update.status === 'monitoring');
    const incidentId = newId();
    for (const [name, status] of Object.entries(incident.components)) {
      changes.push({ id: newId(), componentId: idOf(name), status, at: incident.start, incidentId });
      if (incident.end) changes.push({ id: newId(), componentId: idOf(name), status: 'operational', at: incident.end, incidentId });
      else statusNow.set(idOf(name), status);
    }
    return {
      id: incidentId,
      demo: true,
      kind: 'incident',
      name: incident.name,
      status: last.status,
      impact: incident.impact,
      startedAt: incident.start,
      createdAt: incident.start,
      monitoringAt: monitoring?.at ?? null,
      resolvedAt: incident.end,
      components: { create: Object.keys(incident.components).map((name) => ({ componentId: idOf(name) })) },
      updates: {
        create: incident.updates.map((update, index) => ({
          id: newId(),
          status: update.status,
          body: update.body,
          displayAt: update.at,
          createdAt: update.at,
          affectedComponents: {
            create: Object.entries(incident.components).map(([name, status]) => ({
              id: newId(),
              componentId: idOf(name),
              name,
              oldStatus: index === 0 ? 'operational' : status,
              newStatus: update.status === 'resolved' ? 'operational' : status,
            })),
          },
        })),
      },
    };
  });

  for (const maintenance of spec.maintenances) {
    incidents.push({
      id: newId(),
      demo: true,
      kind: 'maintenance',
      name: maintenance.name,
      status: 'scheduled',
      impact: 'maintenance',
      startedAt: maintenance.announcedAt,
      createdAt: maintenance.announcedAt,
      scheduledFor: maintenance.scheduledFor,
      scheduledUntil: maintenance.scheduledUntil,
      components: { create: maintenance.components.map((name) => ({ componentId: idOf(name) })) },
      updates: { create: [{ id: newId(), status: 'scheduled', body: maintenance.body, displayAt: maintenance.announcedAt }] },
    });
  }

  await db.$transaction(
    async (tx) => {
      await tx.incident.deleteMany();
      await tx.componentStatusChange.deleteMany();
      await tx.component.deleteMany();
      await tx.componentGroup.deleteMany();
      await tx.page.deleteMany();
      await tx.page.create({ data: { id: newId(), ...spec.page, supportUrl: spec.page.supportUrl ?? null } });
      await tx.componentGroup.createMany({ data: groupRows });
      await tx.component.createMany({ data: componentRows.map((row) => ({ ...row, status: statusNow.get(row.id)! })) });
      // Incidents before the history rows that refer to them.
      for (const incident of incidents) await tx.incident.create({ data: incident });
      await tx.componentStatusChange.createMany({ data: changes });
    },
    { timeout: 60_000 },
  );
  await announceChange(db);
}
