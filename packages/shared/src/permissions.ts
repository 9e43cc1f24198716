import { z } from 'zod';

export const Role = z.enum(['owner', 'admin', 'manager', 'staff']);
export type Role = z.infer<typeof Role>;

export const Plan = z.enum(['free', 'standard', 'pro', 'enterprise']);
export type Plan = z.infer<typeof Plan>;

/** Plan-gated product areas; which plan unlocks which is data in the `plan_entitlements` table. */
export const Feature = z.enum(['connections', 'api_keys', 'webhooks']);
export type Feature = z.infer<typeof Feature>;

export const Action = z.enum([
  'integrations.view',
  'integrations.manage',
  'webhooks.manage',
  'api_keys.manage',
  'team.view',
  'team.manage',
  'audit.view',
  'tenant.manage',
]);
export type Action = z.infer<typeof Action>;

export const ApiKeyScope = z.enum(['api', 'admin']);
export type ApiKeyScope = z.infer<typeof ApiKeyScope>;

/**
 * The one permission table, read by the API (to authorize) and the SPA (to build navigation).
 * Seed 003: staff has no Integrations section; managers open Connections and Webhooks but not
 * API keys; admins and owners open everything. Each action also names the API-key scope it needs.
 */
export const PERMISSIONS: Record<Action, { roles: readonly Role[]; scope: ApiKeyScope; feature?: Feature }> = {
  'integrations.view': { roles: ['owner', 'admin', 'manager'], scope: 'api', feature: 'connections' },
  'integrations.manage': { roles: ['owner', 'admin'], scope: 'api', feature: 'connections' },
  'webhooks.manage': { roles: ['owner', 'admin', 'manager'], scope: 'api', feature: 'webhooks' },
  'api_keys.manage': { roles: ['owner', 'admin'], scope: 'admin', feature: 'api_keys' },
  'team.view': { roles: ['owner', 'admin', 'manager', 'staff'], scope: 'api' },
  'team.manage': { roles: ['owner', 'admin'], scope: 'admin' },
  'audit.view': { roles: ['owner', 'admin'], scope: 'admin' },
  'tenant.manage': { roles: ['owner', 'admin'], scope: 'admin' },
};

export const can = (role: Role, action: Action): boolean => PERMISSIONS[action].roles.includes(role);

export const actionsFor = (role: Role): Action[] => Action.options.filter((action) => can(role, action));

/** Roles a member may grant: nobody grants more than they hold, and only owners make owners. */
export const assignableRoles = (role: Role): Role[] =>
  role === 'owner' ? [...Role.options] : role === 'admin' ? ['admin', 'manager', 'staff'] : [];
