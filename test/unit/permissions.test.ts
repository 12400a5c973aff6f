// The one permission vocabulary: what each role and each API key scope maps to, and the refusals.
import { describe, expect, it } from 'vitest';
import { apiKeyActor, can, keyPermissions, operatorActor, PERMISSIONS, requirePermission, SYSTEM_ACTOR, systemActor, type Actor, type Permission } from '@/lib/access/permissions';
import { ROLES } from '@/lib/access/roles';
import { API_KEY_SCOPES } from '@/lib/schemas/api-key';

const ALL = Object.keys(PERMISSIONS) as Permission[];
const allowed = (actor: Actor) => ALL.filter((permission) => actor.permissions.has(permission));
const refusal = (actor: Actor, permission: Permission) => {
  try {
    requirePermission(actor, permission);
  } catch (error) {
    return error;
  }
  return undefined;
};

describe('operator roles', () => {
  it('map to permissions: owners and admins everything, editors incidents and status, viewers reading', () => {
    const byRole = Object.fromEntries(ROLES.map((role) => [role, ALL.filter((permission) => can(role, permission))]));
    expect(byRole).toEqual({
      owner: ALL,
      admin: ALL,
      editor: ['read', 'incidents.write', 'components.status', 'deploys.write'],
      viewer: ['read'],
    });
    for (const role of ROLES) expect(allowed(operatorActor({ id: 'u1', name: 'Ada', role }))).toEqual(byRole[role]);
  });

  it('are refused in the sentences the forms and read-only notices show', () => {
    const viewer = operatorActor({ id: 'u1', name: 'Vic', role: 'viewer' });
    const editor = operatorActor({ id: 'u2', name: 'Ed', role: 'editor' });
    expect(refusal(viewer, 'incidents.write')).toMatchObject({ code: 'forbidden', status: 403, message: 'Viewers cannot change anything; ask an admin for the editor role.' });
    expect(refusal(viewer, 'components.status')).toMatchObject({ message: expect.stringContaining('Viewers cannot change anything') });
    expect(refusal(editor, 'components.configure')).toMatchObject({ status: 403, message: 'Only owners and admins change components, groups and monitors.' });
    expect(refusal(editor, 'page.configure')).toMatchObject({ message: 'Only owners and admins change the page settings.' });
    expect(refusal(editor, 'operators.manage')).toMatchObject({ message: 'Only owners and admins manage operators.' });
    expect(refusal(editor, 'incidents.write')).toBeUndefined();
  });
});

describe('API key scopes', () => {
  it('map to permissions; `admin` is everything the API does, never managing keys or operators', () => {
    expect(Object.fromEntries(API_KEY_SCOPES.map((scope) => [scope, [...keyPermissions([scope])]]))).toEqual({
      read: ['read'],
      incidents: ['incidents.write', 'deploys.write'],
      components: ['components.status'],
      deploys: ['deploys.write'],
      alerts: ['alerts.post'],
      admin: ['read', 'incidents.write', 'components.status', 'deploys.write', 'components.configure', 'page.configure', 'alerts.post', 'subscribers.manage'],
    });
    expect([...keyPermissions(['read', 'incidents', 'components'])].sort()).toEqual(['components.status', 'deploys.write', 'incidents.write', 'read']);
  });

  it('never exceed the current role of the operator who made the key', () => {
    expect([...keyPermissions(['admin'], 'admin')]).toEqual([...keyPermissions(['admin'])]);
    expect([...keyPermissions(['admin'], 'editor')]).toEqual(['read', 'incidents.write', 'components.status', 'deploys.write']);
    expect([...keyPermissions(['admin', 'incidents'], 'viewer')]).toEqual(['read']);
    expect([...keyPermissions(['incidents'], 'viewer')]).toEqual([]);
    // Every role, every scope: a key's permissions are within both.
    for (const role of ROLES) {
      for (const scope of API_KEY_SCOPES) {
        for (const permission of keyPermissions([scope], role)) expect(can(role, permission) && keyPermissions([scope]).has(permission), `${role} ${scope} ${permission}`).toBe(true);
      }
    }
  });

  it('are refused naming the scope that would do, and the role that holds the key back', () => {
    const componentsKey = apiKeyActor({ id: 'k1', name: 'status-bot', scopes: ['components'] });
    expect(componentsKey.name).toBe('API key "status-bot"');
    expect(refusal(componentsKey, 'components.configure')).toMatchObject({ code: 'forbidden', status: 403, message: 'This API key lacks the "admin" scope' });
    expect(refusal(componentsKey, 'incidents.write')).toMatchObject({ message: 'This API key lacks the "incidents" scope' });
    // The narrowest scope that would do: a deploy pipeline needs no more than "deploys".
    expect(refusal(componentsKey, 'deploys.write')).toMatchObject({ message: 'This API key lacks the "deploys" scope' });
    expect(refusal(componentsKey, 'components.status')).toBeUndefined();
    const demoted = apiKeyActor({ id: 'k2', name: 'grace-bot', scopes: ['admin'], makerRole: 'viewer' });
    expect(refusal(demoted, 'page.configure')).toMatchObject({ message: expect.stringContaining('now has the viewer role') });
    expect(refusal(demoted, 'read')).toBeUndefined();
    expect(refusal(apiKeyActor({ id: 'k3', name: 'all', scopes: ['admin'] }), 'api_keys.manage')).toMatchObject({ status: 403, message: expect.stringContaining('An API key cannot create and revoke API keys') });
  });
});

describe('Gatewatch itself', () => {
  it('may do everything, unless made with less (the command line manages keys only)', () => {
    expect(allowed(SYSTEM_ACTOR)).toEqual(ALL);
    const cli = systemActor('command line', ['api_keys.manage']);
    expect(allowed(cli)).toEqual(['api_keys.manage']);
    expect(refusal(cli, 'incidents.write')).toMatchObject({ status: 403, message: 'command line may not open, update, edit and delete incidents, maintenance and incident templates.' });
  });

  it('an actor made by hand without permissions may do nothing', () => {
    const bare = { type: 'user', id: 'u1', name: 'Ada', role: 'owner', permissions: new Set() } as Actor;
    for (const permission of ALL) expect(refusal(bare, permission), permission).toMatchObject({ status: 403 });
  });
});
