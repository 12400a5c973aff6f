import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditLog } from '@/lib/audit/audit-log';
import { AppError } from '@/lib/errors';
import { createIncident } from '@/lib/incidents/create-incident';
import { postIncidentUpdate } from '@/lib/incidents/post-update';
import { seedDemo } from '@/lib/seed/demo';
import { createTestDatabase, PROVIDERS, type TestDatabase } from '../helpers/databases';

describe.each(PROVIDERS)('posting incident updates on %s', (provider) => {
  let database: TestDatabase;
  let componentId: string;

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    await seedDemo(database.db, { pageUrl: 'https://status.example.com' });
    componentId = (await database.db.component.findFirstOrThrow({ where: { name: 'CDN' } })).id;
  });
  afterAll(() => database.drop());

  const open = () => createIncident(database.db, { name: '502s on the CDN', impact: 'major', body: 'Looking into it.', components: { [componentId]: 'partial_outage' } });

  it('moves through the lifecycle, records its times and the components old → new', async () => {
    const incident = await open();
    const identified = await postIncidentUpdate(database.db, incident.id, { status: 'identified', body: 'Bad deploy.', expectedVersion: 1 });
    expect(identified).toMatchObject({ status: 'identified', version: 2 });
    expect(identified.identifiedAt).not.toBeNull();
    const resolved = await postIncidentUpdate(database.db, incident.id, { status: 'resolved', body: 'Fixed.', components: { [componentId]: 'operational' } });
    expect(resolved).toMatchObject({ status: 'resolved', version: 3 });
    expect(resolved.resolvedAt).not.toBeNull();
    expect(resolved.updates).toHaveLength(3);
    const lastUpdate = await database.db.incidentUpdate.findFirstOrThrow({
      where: { incidentId: incident.id, status: 'resolved' },
      include: { affectedComponents: true },
    });
    expect(lastUpdate.affectedComponents).toEqual([expect.objectContaining({ name: 'CDN', oldStatus: 'partial_outage', newStatus: 'operational' })]);
    expect((await database.db.component.findUniqueOrThrow({ where: { id: componentId } })).status).toBe('operational');
  });

  it('refuses a stale write with 409 and an invalid move with 422, changing nothing', async () => {
    const incident = await open();
    await postIncidentUpdate(database.db, incident.id, { status: 'identified', expectedVersion: 1 });
    const before = await database.db.incident.findUniqueOrThrow({ where: { id: incident.id }, include: { updates: true } });

    const stale = postIncidentUpdate(database.db, incident.id, { status: 'resolved', expectedVersion: 1, components: { [componentId]: 'operational' } });
    await expect(stale).rejects.toMatchObject({ status: 409, code: 'conflict' });
    const invalid = postIncidentUpdate(database.db, incident.id, { status: 'postmortem', components: { [componentId]: 'operational' } });
    await expect(invalid).rejects.toMatchObject({ status: 422, code: 'invalid_transition' });
    const unknownComponent = postIncidentUpdate(database.db, incident.id, { status: 'resolved', components: { nosuchcompon: 'operational' } });
    await expect(unknownComponent).rejects.toBeInstanceOf(AppError);

    const after = await database.db.incident.findUniqueOrThrow({ where: { id: incident.id }, include: { updates: true } });
    expect(after).toEqual(before);
    expect((await database.db.component.findUniqueOrThrow({ where: { id: componentId } })).status).toBe('partial_outage');
  });

  it('records each write in the audit log, filterable by what and by who', async () => {
    const incident = await createIncident(database.db, { name: 'Audited' }, { type: 'user', id: 'u1', name: 'Ada Lovelace' });
    await postIncidentUpdate(database.db, incident.id, { status: 'resolved' }, { type: 'api_key', id: 'k1', name: 'API key "bot"' });
    const byAda = await listAuditLog(database.db, { actor: 'ada' });
    expect(byAda.rows.map((row) => [row.action, row.targetId])).toEqual([['incident.create', incident.id]]);
    const incidents = await listAuditLog(database.db, { targetType: 'incident' });
    expect(incidents.rows[0]).toMatchObject({ action: 'incident.update', actorType: 'api_key', targetId: incident.id });
    expect(incidents.total).toBeGreaterThanOrEqual(2);
    expect((await listAuditLog(database.db, { targetType: 'component' })).rows.every((row) => row.targetType === 'component')).toBe(true);
  });

  it('answers 404 for an incident that does not exist', async () => {
    await expect(postIncidentUpdate(database.db, 'doesnotexist', { status: 'resolved' })).rejects.toMatchObject({ status: 404 });
  });
});
