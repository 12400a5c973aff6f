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
