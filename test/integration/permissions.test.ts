// Every write verb checks its permission itself: called directly (as a monitor, an intake or a
// script would) by an actor that may not, it refuses with a 403 and writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, revokeApiKey } from '@/lib/api-keys/api-keys';
import { apiKeyActor, operatorActor, SYSTEM_ACTOR, systemActor, type Actor } from '@/lib/access/permissions';
import { createComponent, createGroup, deleteComponent, deleteGroup, editComponent, editGroup, moveEntry, setComponentStatus } from '@/lib/components/manage-components';
import { createIncident } from '@/lib/incidents/create-incident';
import { deleteIncidentUpdate, editIncidentUpdate } from '@/lib/incidents/edit-update';
import { deleteIncident, editIncident } from '@/lib/incidents/manage-incident';
import { patchIncident } from '@/lib/incidents/patch-incident';
import { postIncidentUpdate } from '@/lib/incidents/post-update';
import { deleteTemplate, saveTemplate } from '@/lib/incidents/templates';
import { cancelMaintenance, createMaintenance } from '@/lib/maintenance/maintenance';
import { updatePageSettings } from '@/lib/page/page-settings';
import { seedDemo } from '@/lib/seed/demo';
import { removeDemoContent } from '@/lib/seed/remove-demo';
import { createTestDatabase, PROVIDERS, type TestDatabase } from '../helpers/databases';

describe.each(PROVIDERS)('permissions inside the verbs on %s', (provider) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(provider);
    await seedDemo(database.db, { pageUrl: 'https://status.example.com' });
  });
  afterAll(() => database.drop());

  /** Everything a refused write could have touched. */
  async function everything() {
    const { db } = database;
    return {
      audit: await db.auditLog.count(),
      components: await db.component.findMany({ orderBy: { id: 'asc' } }),
      groups: await db.componentGroup.findMany({ orderBy: { id: 'asc' } }),
      history: await db.componentStatusChange.count(),
      incidents: await db.incident.findMany({ orderBy: { id: 'asc' } }),
      updates: await db.incidentUpdate.count(),
      page: await db.page.findFirst(),
      templates: await db.incidentTemplate.count(),
      keys: await db.apiKey.findMany({ orderBy: { id: 'asc' } }),
    };
  }

  it('refuses every write to an actor without its permission, and nothing changes', async () => {
    const { db } = database;
    const component = await db.component.findFirstOrThrow({ where: { groupId: { not: null } } });
    const group = await db.componentGroup.findFirstOrThrow();
    const incident = await db.incident.findFirstOrThrow({ where: { kind: 'incident' }, include: { updates: true } });
    const maintenance = await db.incident.findFirstOrThrow({ where: { kind: 'maintenance', status: 'scheduled' } });
    const template = await saveTemplate(db, undefined, { title: 'Ours', name: 'Something broke' }, SYSTEM_ACTOR);
    const { record: key } = await createApiKey(db, { name: 'bot', scopes: ['read'] }, SYSTEM_ACTOR);
    const later = new Date(Date.now() + 86_400_000);

    const viewer = operatorActor({ id: 'u1', name: 'Vic', role: 'viewer' });
    const editor = operatorActor({ id: 'u2', name: 'Ed', role: 'editor' });
    const statusKey = apiKeyActor({ id: 'k1', name: 'status-bot', scopes: ['components'] });
    const demotedKey = apiKeyActor({ id: 'k2', name: 'grace-bot', scopes: ['admin'], makerRole: 'viewer' });
    const cli = systemActor('command line', ['api_keys.manage']);

    const writes: [string, Actor, () => Promise<unknown>][] = [];
    const as = (actor: Actor, name: string, write: (actor: Actor) => Promise<unknown>) => writes.push([name, actor, () => write(actor)]);
    for (const actor of [viewer, demotedKey, cli]) {
      as(actor, 'createIncident', (a) => createIncident(db, { name: 'x', body: 'x', components: { [component.id]: 'major_outage' } }, a));
      as(actor, 'postIncidentUpdate', (a) => postIncidentUpdate(db, incident.id, { status: 'resolved', body: 'x' }, a));
      as(actor, 'editIncident', (a) => editIncident(db, incident.id, { name: 'y' }, a));
      as(actor, 'patchIncident', (a) => patchIncident(db, incident.id, { edit: { name: 'y' } }, a));
      as(actor, 'deleteIncident', (a) => deleteIncident(db, incident.id, a));
      as(actor, 'editIncidentUpdate', (a) => editIncidentUpdate(db, incident.id, incident.updates[0].id, { body: 'y' }, a));
      as(actor, 'deleteIncidentUpdate', (a) => deleteIncidentUpdate(db, incident.id, incident.updates[0].id, a));
      as(actor, 'createMaintenance', (a) => createMaintenance(db, { name: 'x', body: 'x', scheduledFor: later, scheduledUntil: new Date(later.getTime() + 3_600_000) }, a));
      as(actor, 'cancelMaintenance', (a) => cancelMaintenance(db, maintenance.id, {}, a));
      as(actor, 'saveTemplate', (a) => saveTemplate(db, template.id, { title: 'Changed', name: 'x' }, a));
      as(actor, 'deleteTemplate', (a) => deleteTemplate(db, template.id, a));
      as(actor, 'setComponentStatus', (a) => setComponentStatus(db, { componentId: component.id, status: 'major_outage' }, a));
    }
    for (const actor of [editor, statusKey, demotedKey, cli]) {
      as(actor, 'createComponent', (a) => createComponent(db, { name: 'x' }, a));
      as(actor, 'editComponent (rename)', (a) => editComponent(db, component.id, { name: 'y' }, a));
      as(actor, 'editComponent (status and group)', (a) => editComponent(db, component.id, { status: 'major_outage', groupId: null }, a));
      as(actor, 'deleteComponent', (a) => deleteComponent(db, component.id, a));
      as(actor, 'moveEntry', (a) => moveEntry(db, { kind: 'group', id: group.id }, 1, a));
      as(actor, 'createGroup', (a) => createGroup(db, { name: 'x' }, a));
      as(actor, 'editGroup', (a) => editGroup(db, group.id, { name: 'y' }, a));
      as(actor, 'deleteGroup', (a) => deleteGroup(db, group.id, a));
      as(actor, 'updatePageSettings', (a) => updatePageSettings(db, { name: 'Taken over' }, a));
      as(actor, 'removeDemoContent', (a) => removeDemoContent(db, a));
    }
    for (const actor of [editor, statusKey, apiKeyActor({ id: 'k3', name: 'all', scopes: ['admin'] })]) {
      as(actor, 'createApiKey', (a) => createApiKey(db, { name: 'more', scopes: ['admin'] }, a));
      as(actor, 'revokeApiKey', (a) => revokeApiKey(db, key.id, a));
    }

    const before = await everything();
    for (const [name, actor, write] of writes) {
      await expect(write(), `${name} as ${actor.name}`).rejects.toMatchObject({ code: 'forbidden', status: 403, message: expect.any(String) });
    }
    expect(await everything()).toEqual(before);
  });

  it('lets a status alone through where other fields need more (the rule of PATCH /components)', async () => {
    const { db } = database;
    const component = await db.component.findFirstOrThrow();
    for (const actor of [operatorActor({ id: 'u2', name: 'Ed', role: 'editor' }), apiKeyActor({ id: 'k1', name: 'status-bot', scopes: ['components'] })]) {
      await editComponent(db, component.id, { status: 'degraded_performance' }, actor);
      expect((await db.component.findUniqueOrThrow({ where: { id: component.id } })).status).toBe('degraded_performance');
      await setComponentStatus(db, { componentId: component.id, status: 'operational' }, actor);
      await expect(editComponent(db, component.id, { status: 'major_outage', description: 'x' }, actor)).rejects.toMatchObject({ status: 403 });
      expect((await db.component.findUniqueOrThrow({ where: { id: component.id } })).status).toBe('operational');
    }
    const audit = await db.auditLog.findFirstOrThrow({ where: { targetId: component.id }, orderBy: { at: 'desc' } });
    expect(audit).toMatchObject({ actorType: 'api_key', actorName: 'API key "status-bot"' });
  });
});
