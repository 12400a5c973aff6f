import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditLog } from '@/lib/audit/audit-log';
import { AppError } from '@/lib/errors';
import { createIncident } from '@/lib/incidents/create-incident';
import { deleteIncidentUpdate, editIncidentUpdate } from '@/lib/incidents/edit-update';
import { postIncidentUpdate } from '@/lib/incidents/post-update';
import { buildSnapshot } from '@/lib/status/build-snapshot';
import { apiKeyActor, operatorActor, SYSTEM_ACTOR } from '@/lib/access/permissions';
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

  const open = () => createIncident(database.db, { name: '502s on the CDN', impact: 'major', body: 'Looking into it.', components: { [componentId]: 'partial_outage' } }, SYSTEM_ACTOR);

  it('moves through the lifecycle, records its times and the components old → new', async () => {
    const incident = await open();
    const identified = await postIncidentUpdate(database.db, incident.id, { status: 'identified', body: 'Bad deploy.', expectedVersion: 1 }, SYSTEM_ACTOR);
    expect(identified).toMatchObject({ status: 'identified', version: 2 });
    expect(identified.identifiedAt).not.toBeNull();
    const resolved = await postIncidentUpdate(database.db, incident.id, { status: 'resolved', body: 'Fixed.', components: { [componentId]: 'operational' } }, SYSTEM_ACTOR);
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
    await postIncidentUpdate(database.db, incident.id, { body: 'A message.', status: 'identified', expectedVersion: 1 }, SYSTEM_ACTOR);
    const before = await database.db.incident.findUniqueOrThrow({ where: { id: incident.id }, include: { updates: true } });

    const stale = postIncidentUpdate(database.db, incident.id, { body: 'A message.', status: 'resolved', expectedVersion: 1, components: { [componentId]: 'operational' } }, SYSTEM_ACTOR);
    await expect(stale).rejects.toMatchObject({ status: 409, code: 'conflict' });
    const invalid = postIncidentUpdate(database.db, incident.id, { body: 'A message.', status: 'postmortem', components: { [componentId]: 'operational' } }, SYSTEM_ACTOR);
    await expect(invalid).rejects.toMatchObject({ status: 422, code: 'invalid_transition' });
    const unknownComponent = postIncidentUpdate(database.db, incident.id, { body: 'A message.', status: 'resolved', components: { nosuchcompon: 'operational' } }, SYSTEM_ACTOR);
    await expect(unknownComponent).rejects.toBeInstanceOf(AppError);

    const after = await database.db.incident.findUniqueOrThrow({ where: { id: incident.id }, include: { updates: true } });
    expect(after).toEqual(before);
    expect((await database.db.component.findUniqueOrThrow({ where: { id: componentId } })).status).toBe('partial_outage');
  });

  it('records each write in the audit log, filterable by what and by who', async () => {
    const incident = await createIncident(database.db, { body: 'A message.', name: 'Audited' }, operatorActor({ id: 'u1', name: 'Ada Lovelace', role: 'editor' }));
    await postIncidentUpdate(database.db, incident.id, { body: 'A message.', status: 'resolved' }, apiKeyActor({ id: 'k1', name: 'bot', scopes: ['incidents'] }));
    const byAda = await listAuditLog(database.db, { actor: 'ada' });
    expect(byAda.rows.map((row) => [row.action, row.targetId])).toEqual([['incident.create', incident.id]]);
    const incidents = await listAuditLog(database.db, { targetType: 'incident' });
    expect(incidents.rows[0]).toMatchObject({ action: 'incident.update', actorType: 'api_key', targetId: incident.id });
    expect(incidents.total).toBeGreaterThanOrEqual(2);
    expect((await listAuditLog(database.db, { targetType: 'component' })).rows.every((row) => row.targetType === 'component')).toBe(true);
  });

  it('answers 404 for an incident that does not exist', async () => {
    await expect(postIncidentUpdate(database.db, 'doesnotexist', { body: 'A message.', status: 'resolved' }, SYSTEM_ACTOR)).rejects.toMatchObject({ status: 404 });
  });

  it('backfills a past incident: the outage goes into uptime history, today’s statuses stay', async () => {
    const storage = await database.db.component.findFirstOrThrow({ where: { name: 'Object storage' } });
    const day = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
    const startedAt = new Date(`${day}T02:00:00Z`);
    const resolvedAt = new Date(`${day}T08:00:00Z`);
    const changesBefore = await database.db.componentStatusChange.count({ where: { componentId: storage.id } });
    const incident = await createIncident(database.db, {
      name: 'Uploads failed overnight',
      status: 'resolved',
      impact: 'major',
      body: 'Uploads failed between 02:00 and 08:00 UTC.',
      components: { [storage.id]: 'major_outage' },
      startedAt,
      resolvedAt,
    }, SYSTEM_ACTOR);
    expect(incident).toMatchObject({ status: 'resolved', startedAt, resolvedAt });
    expect(incident.updates).toEqual([expect.objectContaining({ status: 'resolved', displayAt: resolvedAt })]);
    expect((await database.db.component.findUniqueOrThrow({ where: { id: storage.id } })).status).toBe(storage.status);
    expect(await database.db.componentStatusChange.count({ where: { componentId: storage.id } })).toBe(changesBefore + 2);
    const record = await database.db.incidentUpdateComponent.findFirstOrThrow({ where: { update: { incidentId: incident.id } } });
    expect(record).toMatchObject({ oldStatus: 'major_outage', newStatus: storage.status });

    const snapshot = await buildSnapshot(database.db);
    const uptime = snapshot.components.find((component) => component.id === storage.id)!.uptime;
    expect(uptime.days.find((entry) => entry.date === day)).toMatchObject({ uptime: 0.75, worst: 'major_outage' });
    expect(uptime.incidentsByDay[day]).toContain(incident.id);
    expect(uptime.days.at(-1)!.uptime).toBe(1);

    await expect(createIncident(database.db, { body: 'A message.', name: 'Backwards', status: 'resolved', startedAt: resolvedAt, resolvedAt: startedAt }, SYSTEM_ACTOR)).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ['resolvedAt'] })] });
    await expect(createIncident(database.db, { body: 'A message.', name: 'No start', status: 'resolved', resolvedAt }, SYSTEM_ACTOR)).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ['startedAt'] })] });
    await expect(createIncident(database.db, { body: 'A message.', name: 'Open', status: 'investigating', resolvedAt }, SYSTEM_ACTOR)).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ['resolvedAt'] })] });
    await expect(createIncident(database.db, { body: 'A message.', name: 'Tomorrow', startedAt: new Date(Date.now() + 86_400_000) }, SYSTEM_ACTOR)).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ['startedAt'] })] });
  });

  it('edits and deletes a posted update, never the last one, each write audited and versioned', async () => {
    const incident = await open();
    await postIncidentUpdate(database.db, incident.id, { status: 'identified', body: 'Bad deploy on the CDN egde.' }, SYSTEM_ACTOR);
    const [first, typo] = await database.db.incidentUpdate.findMany({ where: { incidentId: incident.id }, orderBy: { displayAt: 'asc' } });
    const earlier = new Date(first.displayAt.getTime() + 1000);

    const edited = await editIncidentUpdate(database.db, incident.id, typo.id, { body: 'Bad deploy on the CDN edge.', displayAt: earlier, expectedVersion: 2 }, SYSTEM_ACTOR);
    expect(edited).toMatchObject({ body: 'Bad deploy on the CDN edge.', displayAt: earlier, status: 'identified' });
    const afterEdit = await database.db.incident.findUniqueOrThrow({ where: { id: incident.id } });
    expect(afterEdit).toMatchObject({ version: 3, status: 'identified' });
    // Someone else edits it meanwhile (version 4): an edit made from version 3 is refused.
    await editIncidentUpdate(database.db, incident.id, typo.id, { body: 'Bad deploy on the CDN edge, rolled back.' }, SYSTEM_ACTOR);
    await expect(editIncidentUpdate(database.db, incident.id, typo.id, { body: 'stale', expectedVersion: 3 }, SYSTEM_ACTOR)).rejects.toMatchObject({ status: 409 });
    expect((await database.db.incidentUpdate.findUniqueOrThrow({ where: { id: typo.id } })).body).toBe('Bad deploy on the CDN edge, rolled back.');
    await expect(editIncidentUpdate(database.db, incident.id, 'nosuchupdate', { body: 'x' }, SYSTEM_ACTOR)).rejects.toMatchObject({ status: 404 });
    const other = await open();
    await expect(editIncidentUpdate(database.db, other.id, typo.id, { body: 'x' }, SYSTEM_ACTOR)).rejects.toMatchObject({ status: 404 });
    await expect(editIncidentUpdate(database.db, incident.id, typo.id, { displayAt: new Date(Date.now() + 3_600_000) }, SYSTEM_ACTOR)).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ['displayAt'] })] });

    await deleteIncidentUpdate(database.db, incident.id, typo.id, SYSTEM_ACTOR);
    expect(await database.db.incidentUpdate.count({ where: { incidentId: incident.id } })).toBe(1);
    // The incident keeps its status; visitors just no longer read that update.
    expect((await database.db.incident.findUniqueOrThrow({ where: { id: incident.id } })).status).toBe('identified');
    await expect(deleteIncidentUpdate(database.db, incident.id, first.id, SYSTEM_ACTOR)).rejects.toMatchObject({ status: 422, code: 'last_update' });
    expect(await database.db.incidentUpdate.count({ where: { incidentId: incident.id } })).toBe(1);
    const audit = await database.db.auditLog.findMany({ where: { targetId: incident.id, action: { startsWith: 'incident_update.' } }, orderBy: { at: 'asc' } });
    expect(audit.map((row) => row.action)).toEqual(['incident_update.update', 'incident_update.update', 'incident_update.delete']);
  });
});
