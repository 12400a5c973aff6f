// The audit log in sentences an operator reads at 3 a.m.: statuses and impacts in their words, the
// right article, names quoted, times in the page's zone, and no internal ids.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '@/lib/access/permissions';
import { createComponent, createGroup, editComponent, editGroup, setComponentStatus } from '@/lib/components/manage-components';
import { createIncident } from '@/lib/incidents/create-incident';
import { deleteIncidentUpdate, editIncidentUpdate } from '@/lib/incidents/edit-update';
import { postIncidentUpdate } from '@/lib/incidents/post-update';
import { deleteIncident, editIncident } from '@/lib/incidents/manage-incident';
import { cancelMaintenance, createMaintenance } from '@/lib/maintenance/maintenance';
import { updatePageSettings } from '@/lib/page/page-settings';
import { createTestDatabase, PROVIDERS, type TestDatabase } from '../helpers/databases';

describe.each(PROVIDERS)('audit log sentences on %s', (provider) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(provider);
    await updatePageSettings(database.db, { name: 'Acme', url: 'https://status.acme.test', timeZone: 'Europe/Berlin' }, SYSTEM_ACTOR);
  });
  afterAll(() => database.drop());

  const summaries = async () => (await database.db.auditLog.findMany({ orderBy: [{ at: 'asc' }, { id: 'asc' }], where: { targetType: { not: 'page' } } })).map((row) => row.summary);

  it('says what happened in plain words', async () => {
    const db = database.db;
    const api = await createComponent(db, { name: 'API' }, SYSTEM_ACTOR);
    const group = await createGroup(db, { name: 'Edge' }, SYSTEM_ACTOR);
    await setComponentStatus(db, { componentId: api.id, status: 'major_outage' }, SYSTEM_ACTOR);
    await editComponent(db, api.id, { groupId: group.id, showcase: false, onlyShowIfDegraded: true, startDate: '2026-01-01' }, SYSTEM_ACTOR);
    await editGroup(db, group.id, { name: 'Edge network', componentIds: [] }, SYSTEM_ACTOR);

    const incident = await createIncident(db, { name: 'Checkout fails', status: 'investigating', impact: 'major', body: 'Looking.' }, SYSTEM_ACTOR);
    const identified = await postIncidentUpdate(db, incident.id, { status: 'identified', body: 'Found it.' }, SYSTEM_ACTOR);
    await postIncidentUpdate(db, incident.id, { body: 'Still on it.' }, SYSTEM_ACTOR);
    const update = identified.updates.find((entry) => entry.status === 'identified')!;
    await editIncidentUpdate(db, incident.id, update.id, { body: 'Found it: a bad deploy.' }, SYSTEM_ACTOR);
    await deleteIncidentUpdate(db, incident.id, update.id, SYSTEM_ACTOR);
    await createIncident(
      db,
      { name: 'Night outage', status: 'resolved', impact: 'none', body: 'It was down.', startedAt: new Date('2026-01-10T01:00:00Z'), resolvedAt: new Date('2026-01-10T02:00:00Z') },
      SYSTEM_ACTOR,
    );
    // 09:00–11:00 UTC is 10:00–12:00 in Berlin in winter.
    const maintenance = await createMaintenance(
      db,
      { name: 'Database upgrade', body: 'Upgrading.', scheduledFor: new Date('2027-01-05T09:00:00Z'), scheduledUntil: new Date('2027-01-05T11:00:00Z') },
      SYSTEM_ACTOR,
    );
    await editIncident(db, incident.id, { name: 'Checkout fails for some', impact: 'critical' }, SYSTEM_ACTOR);
    await editIncident(db, maintenance.id, { scheduledUntil: new Date('2027-01-05T12:00:00Z') }, SYSTEM_ACTOR);
    await cancelMaintenance(db, maintenance.id, {}, SYSTEM_ACTOR);
    await deleteIncident(db, incident.id, SYSTEM_ACTOR);

    const written = await summaries();
    expect(written).toEqual([
      'Added component "API"',
      'Added group "Edge"',
      'Set "API" from Operational to Major outage',
      'Edited component "API": group, uptime bar shown, shown only while not operational and in-service date',
      'Edited group "Edge network": name and members',
      'Opened "Checkout fails" (Investigating, major impact)',
      'Posted an update on "Checkout fails": Investigating → Identified',
      'Posted an update on "Checkout fails": Identified',
      'Edited the Identified update on "Checkout fails"',
      'Deleted the Identified update on "Checkout fails"',
      'Backfilled "Night outage" (Resolved, no impact)',
      'Scheduled "Database upgrade" from Jan 5, 2027, 10:00 GMT+1 to Jan 5, 2027, 12:00 GMT+1',
      'Edited the incident "Checkout fails": renamed it "Checkout fails for some", set its impact from Major to Critical',
      'Edited the maintenance "Database upgrade": moved its window',
      'Cancelled the maintenance "Database upgrade"',
      'Deleted the incident "Checkout fails for some"',
    ]);
    // No internal ids, and never "a" before a vowel.
    const ids = (await database.db.auditLog.findMany({ select: { targetId: true } })).map((row) => row.targetId).filter(Boolean) as string[];
    for (const summary of written) {
      for (const id of ids) expect(summary).not.toContain(id);
      expect(summary).not.toMatch(/\ba [aeiou]/i);
      expect(summary).not.toMatch(/_/);
    }
  });
});
