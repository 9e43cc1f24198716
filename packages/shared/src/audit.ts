import { z } from 'zod';

import { CursorQuery } from './http.js';

export const AuditActor = z
  .object({
    type: z.enum(['user', 'api_key', 'system']),
    id: z.string().nullable(),
    label: z.string(),
  })
  .meta({ id: 'AuditActor' });
export type AuditActor = z.infer<typeof AuditActor>;

export const AuditEvent = z
  .object({
    id: z.uuid(),
    action: z.string(),
    actor: AuditActor,
    target_type: z.string(),
    target_id: z.string().nullable(),
    target_label: z.string().nullable(),
    /** Changed field names and non-secret values; never a secret. */
    details: z.record(z.string(), z.unknown()),
    ip: z.string().nullable(),
    created_at: z.iso.datetime(),
  })
  .meta({ id: 'AuditEvent' });
export type AuditEvent = z.infer<typeof AuditEvent>;

export const AuditQuery = CursorQuery.extend({
  action: z.string().max(100).optional(),
  actor_id: z.string().max(100).optional(),
  target_type: z.string().max(50).optional(),
  since: z.iso.datetime({ offset: true }).optional(),
  until: z.iso.datetime({ offset: true }).optional(),
});
export type AuditQuery = z.infer<typeof AuditQuery>;
