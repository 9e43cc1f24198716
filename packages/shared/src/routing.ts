import { z } from 'zod';

import { PageQuery } from './http.js';
import { Capability, IntegrationStatus } from './integrations.js';

/** A routing target as the rule sees it now; `deleted` when the integration was disconnected. */
export const RoutingTarget = z
  .object({
    id: z.uuid(),
    provider: z.string().nullable(),
    display_name: z.string().nullable(),
    status: z.union([IntegrationStatus, z.literal('deleted')]),
  })
  .meta({ id: 'RoutingTarget' });
export type RoutingTarget = z.infer<typeof RoutingTarget>;

export const RoutingRule = z
  .object({
    id: z.uuid(),
    capability: z.string(),
    integration_id: z.uuid(),
    /** Higher runs first. */
    priority: z.number().int(),
    is_default: z.boolean(),
    fallback_integration_id: z.uuid().nullable(),
    integration: RoutingTarget,
    fallback: RoutingTarget.nullable(),
    /** Problems the rule has now, e.g. its integration was deleted or is not active. */
    warnings: z.array(z.string()),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: 'RoutingRule' });
export type RoutingRule = z.infer<typeof RoutingRule>;

const Priority = z.number().int('Priority must be a whole number').min(0).max(10_000);

export const CreateRoutingRuleBody = z
  .object({
    capability: Capability,
    integration_id: z.uuid({ message: 'Must be a valid integration id' }),
    priority: Priority.default(100),
    is_default: z.boolean().default(false),
    fallback_integration_id: z.uuid({ message: 'Must be a valid integration id' }).nullable().default(null),
  })
  .strict();
export type CreateRoutingRuleBody = z.infer<typeof CreateRoutingRuleBody>;

export const UpdateRoutingRuleBody = z
  .object({
    capability: Capability,
    integration_id: z.uuid({ message: 'Must be a valid integration id' }),
    priority: Priority,
    is_default: z.boolean(),
    fallback_integration_id: z.uuid({ message: 'Must be a valid integration id' }).nullable(),
  })
  .partial()
  .strict();
export type UpdateRoutingRuleBody = z.infer<typeof UpdateRoutingRuleBody>;

export const RoutingRuleListQuery = PageQuery.extend({ capability: Capability.optional() });
export type RoutingRuleListQuery = z.infer<typeof RoutingRuleListQuery>;

export const ResolveQuery = z.object({ capability: Capability });
export type ResolveQuery = z.infer<typeof ResolveQuery>;

/** Which integration a capability would use now, and why. */
export const Resolution = z
  .object({
    capability: z.string(),
    /** `null` when the platform default (e.g. the OpenRouter key) is used. */
    integration_id: z.uuid().nullable(),
    provider: z.string(),
    via: z.enum(['rule', 'fallback', 'only_active', 'platform_default']),
    rule_id: z.uuid().nullable(),
  })
  .meta({ id: 'Resolution' });
export type Resolution = z.infer<typeof Resolution>;
