import { z } from 'zod';

import { Plan } from './permissions.js';

export const TenantSlug = z
  .string()
  .min(3, 'Slug must be at least 3 characters')
  .max(40, 'Slug must be at most 40 characters')
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, 'Slug may contain lowercase letters, digits and inner hyphens');

/** ISO 3166-1 alpha-2 country code, e.g. DE. */
export const CountryCode = z.string().regex(/^[A-Z]{2}$/, 'Country must be a two-letter ISO code such as DE');

export const Tenant = z
  .object({
    id: z.uuid(),
    slug: TenantSlug,
    name: z.string(),
    country: CountryCode,
    plan: Plan,
    created_at: z.iso.datetime(),
  })
  .meta({ id: 'Tenant' });
export type Tenant = z.infer<typeof Tenant>;

export const UpdateTenantBody = z
  .object({
    name: z.string().trim().min(1, 'Name is required').max(120),
    country: CountryCode,
  })
  .partial()
  .strict();
export type UpdateTenantBody = z.infer<typeof UpdateTenantBody>;

export const CreateTenantBody = z
  .object({
    slug: TenantSlug,
    name: z.string().trim().min(1, 'Name is required').max(120),
    country: CountryCode,
    plan: Plan.default('free'),
    owner_email: z.email('Must be a valid email address').max(254),
    owner_name: z.string().trim().min(1, 'Name is required').max(120),
  })
  .strict();
export type CreateTenantBody = z.infer<typeof CreateTenantBody>;

export const CreatedTenant = z.object({
  tenant: Tenant,
  owner_email: z.string(),
  /** Set only when the owner account was created now: shown once. */
  one_time_password: z.string().nullable(),
});
export type CreatedTenant = z.infer<typeof CreatedTenant>;

export const UpdateTenantPlanBody = z.object({ plan: Plan }).strict();
export type UpdateTenantPlanBody = z.infer<typeof UpdateTenantPlanBody>;
