import type { ApiKeyScope } from '../schemas/api-key.ts';

/** Operators' roles, most powerful first. */
export const ROLES = ['owner', 'admin', 'editor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  owner: 'Owner',
  admin: 'Admin',
  editor: 'Editor',
  viewer: 'Viewer',
};

/** What each role may do in the admin UI. */
const PERMISSIONS = {
  /** Post incidents, maintenance and component status. */
  communicate: ['owner', 'admin', 'editor'],
  /** Components, groups, page settings, API keys. */
  configure: ['owner', 'admin'],
  /** Add operators and change their roles. */
  manageOperators: ['owner', 'admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function roleOf(value: string | null | undefined): Role {
  return (ROLES as readonly string[]).includes(value ?? '') ? (value as Role) : 'viewer';
}

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/**
 * What an API key made by an operator may do at most, by the role its maker has now: a key never
 * does more than its maker could do in the admin UI (a demoted admin's keys shrink with them).
 */
const KEY_SCOPES_BY_ROLE: Record<Role, readonly ApiKeyScope[]> = {
  owner: ['admin', 'read', 'incidents', 'components'],
  admin: ['admin', 'read', 'incidents', 'components'],
  editor: ['read', 'incidents', 'components'],
  viewer: ['read'],
};

export const roleAllowsScope = (role: Role, scope: ApiKeyScope) => KEY_SCOPES_BY_ROLE[role].includes(scope);

/** A key's scopes as far as its maker's current role allows them (`admin` stands for every scope). */
export function scopesWithinRole(scopes: readonly ApiKeyScope[], role: Role): ApiKeyScope[] {
  const granted: readonly ApiKeyScope[] = scopes.includes('admin') ? KEY_SCOPES_BY_ROLE.owner : scopes;
  return granted.filter((scope) => roleAllowsScope(role, scope));
}
