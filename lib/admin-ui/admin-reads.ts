// What the admin pages show, read from the rows themselves (fresh after the operator's own write,
// and without the public snapshot's uptime and markdown work).
import type { Db } from '../db/client.ts';
import { ACTIVE_MAINTENANCE_STATUSES, UNRESOLVED_INCIDENT_STATUSES } from '../schemas/status.ts';
import { isActiveMaintenance, isUnresolvedIncident } from '../status/incident-state.ts';
import { INCIDENT_ORDER, INCIDENT_WITH_UPDATES, readPageLayout, toSnapshotIncident } from '../status/page-rows.ts';
import { rollupStatus } from '../status/rollup.ts';

/** The dashboard: the page's overall status as visitors will see it, what is open, every component. */
export async function readDashboard(db: Db) {
  const [layout, openRows] = await Promise.all([
    readPageLayout(db),
    db.incident.findMany({
      where: { status: { in: [...UNRESOLVED_INCIDENT_STATUSES, ...ACTIVE_MAINTENANCE_STATUSES, 'scheduled'] } },
      orderBy: INCIDENT_ORDER,
      include: INCIDENT_WITH_UPDATES,
    }),
  ]);
  const open = openRows.map((row) => toSnapshotIncident(row, { html: false }));
  const incidents = open.filter((incident) => incident.kind === 'incident');
  const maintenances = open.filter((incident) => incident.kind === 'maintenance').sort((a, b) => (b.scheduledFor ?? b.startedAt).localeCompare(a.scheduledFor ?? a.startedAt));
  const status = rollupStatus({
    componentStatuses: layout.components.map((component) => component.status),
    unresolvedIncidentImpacts: incidents.filter(isUnresolvedIncident).map((incident) => incident.impact),
    maintenanceInProgress: maintenances.some(isActiveMaintenance),
  });
  return { ...layout, status, incidents, maintenances };
}

/** One incident or maintenance with its timeline (as HTML), the page's components and time zone; null when it does not exist. */
export async function readAdminIncident(db: Db, id: string) {
  const [layout, row] = await Promise.all([readPageLayout(db), db.incident.findUnique({ where: { id }, include: INCIDENT_WITH_UPDATES })]);
  if (!row) return null;
  return { ...layout, row, incident: toSnapshotIncident(row) };
}
