// What can be done, in one vocabulary that operators' roles and API keys' scopes both map to, and
// who does it (the Actor, which carries what it may do). Every lib verb that writes starts with
// requirePermission(actor, ...), so no caller (the admin UI, the API, the command line, a monitor)
// can skip the check.
import { AppError } from '../errors.ts';
import { API_KEY_SCOPES, type ApiKeyScope } from '../schemas/api-key.ts';
import { ROLE_LABELS, type Role } from './roles.ts';

/** Each permission, with what it allows in words. */
export const PERMISSIONS = {
  read: 'read incidents, components and the page settings',
  'incidents.write': 'open, update, edit and delete incidents, maintenance and incident templates',
  'components.status': "set a component's status",
  'deploys.write': 'open and finish deploy windows (a short maintenance on the components a deploy restarts)',
  'components.configure': 'add, change, move and delete components, groups and their monitors',
  'page.configure': 'change the page settings and remove the demo content',
  'alerts.post': "post alerts from Prometheus Alertmanager or Grafana, which set the status of the components their alert monitors watch",
  'subscribers.manage': 'see, add and remove subscribers to notifications',
  'api_keys.manage': 'create and revoke API keys',
  'operators.manage': 'add operators, change their roles, disable and remove them',
} as const;
export type Permission = keyof typeof PERMISSIONS;
const ALL = Object.keys(PERMISSIONS) as Permission[];

const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  owner: ALL,
  admin: ALL,
  editor: ['read', 'incidents.write', 'components.status', 'deploys.write'],
  viewer: ['read'],
};

/**
 * What each API key scope grants. `admin` is everything a key can do; keys never manage keys or
 * operators (a leaked key must not mint more), which only signed-in owners and admins do.
 */
const SCOPE_PERMISSIONS: Record<ApiKeyScope, readonly Permission[]> = {
  read: ['read'],
  incidents: ['incidents.write', 'deploys.write'],
  deploys: ['deploys.write'],
  components: ['components.status'],
  alerts: ['alerts.post'],
  admin: ['read', 'incidents.write', 'components.status', 'deploys.write', 'components.configure', 'page.configure', 'alerts.post', 'subscribers.manage'],
};

/** Why an operator's role may not do something, in the words forms and read-only notices show. */
export const OPERATOR_REFUSALS: Record<Permission, string> = {
  read: 'Sign in to see this.',
  'incidents.write': 'Viewers cannot change anything; ask an admin for the editor role.',
  'components.status': 'Viewers cannot change anything; ask an admin for the editor role.',
  'deploys.write': 'Viewers cannot change anything; ask an admin for the editor role.',
  'components.configure': 'Only owners and admins change components, groups and monitors.',
  'page.configure': 'Only owners and admins change the page settings.',
  'alerts.post': 'Only owners and admins post alerts; alerting tools post them with an API key of the "alerts" scope.',
  'subscribers.manage': 'Only owners and admins see and manage subscribers.',
  'api_keys.manage': 'Only owners and admins manage API keys.',
  'operators.manage': 'Only owners and admins manage operators.',
};

export const can = (role: Role, permission: Permission) => ROLE_PERMISSIONS[role].includes(permission);

/**
 * What a key with `scopes` may do: what they grant, and, for a key an operator made, no more than
 * that operator's role allows now (a demoted admin's keys shrink with them).
 */
export function keyPermissions(scopes: readonly ApiKeyScope[], makerRole?: Role): Set<Permission> {
  const granted = scopes.flatMap((scope) => SCOPE_PERMISSIONS[scope] ?? []);
  return new Set(makerRole ? granted.filter((permission) => can(makerRole, permission)) : granted);
}

/** The narrowest scope that grants `permission`, if any does. */
const scopeFor = (permission: Permission) =>
  API_KEY_SCOPES.filter((scope) => SCOPE_PERMISSIONS[scope].includes(permission)).sort((a, b) => SCOPE_PERMISSIONS[a].length - SCOPE_PERMISSIONS[b].length)[0];

/** Who makes a write, as the audit log names them, and what they may do (worked out once, when made). */
export type Actor = { name: string; permissions: ReadonlySet<Permission> } & (
  | { type: 'user'; id: string; role: Role }
  | { type: 'api_key'; id: string; makerRole?: Role }
  | { type: 'system'; id?: undefined }
  | { type: 'monitor'; id: string }
);

export const operatorActor = (operator: { id: string; name: string; role: Role }): Actor => ({
  type: 'user',
  id: operator.id,
  name: operator.name,
  role: operator.role,
  permissions: new Set(ROLE_PERMISSIONS[operator.role]),
});

export const apiKeyActor = (key: { id: string; name: string; scopes: readonly ApiKeyScope[]; makerRole?: Role }): Actor => ({
  type: 'api_key',
  id: key.id,
  name: `API key "${key.name}"`,
  makerRole: key.makerRole,
  permissions: keyPermissions(key.scopes, key.makerRole),
});

/** Gatewatch itself (the scheduler, seeding, the command line): everything, unless told less. */
export const systemActor = (name: string, permissions: readonly Permission[] = ALL): Actor => ({ type: 'system', name, permissions: new Set(permissions) });

export const SYSTEM_ACTOR = systemActor('Gatewatch');

/** An operator or a key a person or script holds: what they set is a choice monitors must not undo. */
export const isPerson = (actor: Actor) => actor.type === 'user' || actor.type === 'api_key';

/** A monitor acting on what it watches: the audit log names it; it sets statuses and opens incidents, nothing else. */
export const monitorActor = (monitor: { id: string; name: string }): Actor => ({
  type: 'monitor',
  id: monitor.id,
  name: `Monitor "${monitor.name}"`,
  permissions: new Set<Permission>(['read', 'components.status', 'incidents.write']),
});

/** Returns if `actor` may do `permission`; otherwise a 403 saying why, in the words its caller understands. */
export function requirePermission(actor: Actor, permission: Permission): void {
  if (actor.permissions.has(permission)) return;
  throw new AppError('forbidden', refusal(actor, permission));
}

function refusal(actor: Actor, permission: Permission): string {
  if (actor.type === 'user') return OPERATOR_REFUSALS[permission];
  if (actor.type === 'system' || actor.type === 'monitor') return `${actor.name} may not ${PERMISSIONS[permission]}.`;
  const scope = scopeFor(permission);
  if (!scope) return `An API key cannot ${PERMISSIONS[permission]}; an owner or admin does it in the admin UI.`;
  const role = actor.makerRole && !can(actor.makerRole, permission) ? actor.makerRole : null;
  const why = role ? `: the operator who made it now has the ${ROLE_LABELS[role].toLowerCase()} role, and a key does no more than its maker's role allows` : '';
  return `This API key lacks the "${scope}" scope${why}`;
}
