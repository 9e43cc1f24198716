import { z } from 'zod';

import { Action, Feature, Plan, Role } from './permissions.js';
import { Tenant } from './tenants.js';

export const Password = z
  .string()
  .min(12, 'Password must be at least 12 characters')
  .max(200, 'Password must be at most 200 characters');

export const LoginBody = z
  .object({
    email: z.email('Must be a valid email address').max(254),
    password: z.string().min(1, 'Password is required').max(200),
  })
  .strict();
export type LoginBody = z.infer<typeof LoginBody>;

export const ChangePasswordBody = z
  .object({ current_password: z.string().min(1, 'Current password is required').max(200), new_password: Password })
  .strict();
export type ChangePasswordBody = z.infer<typeof ChangePasswordBody>;

export const SwitchTenantBody = z.object({ tenant_id: z.uuid() }).strict();
export type SwitchTenantBody = z.infer<typeof SwitchTenantBody>;

export const User = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    is_platform_admin: z.boolean(),
    must_change_password: z.boolean(),
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof User>;

export const MembershipSummary = z
  .object({
    tenant_id: z.uuid(),
    slug: z.string(),
    name: z.string(),
    plan: Plan,
    role: Role,
  })
  .meta({ id: 'MembershipSummary' });
export type MembershipSummary = z.infer<typeof MembershipSummary>;

/**
 * Who is signed in, in which tenant, and what they may open. `tenant` and `role` are null for an
 * account without any membership (a platform superadmin before creating a tenant).
 */
export const Me = z
  .object({
    user: User,
    tenant: Tenant.nullable(),
    role: Role.nullable(),
    permissions: z.array(Action),
    entitlements: z.array(Feature),
    memberships: z.array(MembershipSummary),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof Me>;
