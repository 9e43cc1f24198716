import { z } from 'zod';

import { IntegrationStatus } from './integrations.js';

/**
 * The typed event catalog. Events are written to the outbox in the same transaction as the change
 * that caused them; the webhooks issue delivers them to tenants' endpoints.
 */
export const IntegrationStatusChanged = z
  .object({
    integration_id: z.uuid(),
    provider: z.string(),
    from_status: IntegrationStatus.nullable(),
    to_status: IntegrationStatus,
    reason: z.string(),
  })
  .meta({ id: 'IntegrationStatusChangedEvent' });
export type IntegrationStatusChanged = z.infer<typeof IntegrationStatusChanged>;

export const EVENT_TYPES = {
  'integration.status_changed': IntegrationStatusChanged,
} as const;
export type EventType = keyof typeof EVENT_TYPES;
export type EventPayload<T extends EventType> = z.infer<(typeof EVENT_TYPES)[T]>;
