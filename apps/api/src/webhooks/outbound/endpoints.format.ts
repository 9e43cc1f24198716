import type { WebhookEndpoint } from '@gatehouse/shared';

import type { WebhookEndpointRow } from '../../db/schema.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const toEndpoint = (row: WebhookEndpointRow): WebhookEndpoint => ({
  id: row.id,
  name: row.name,
  url: row.url,
  description: row.description,
  event_types: row.event_types,
  headers: row.headers,
  status: row.status,
  disabled_reason: row.disabled_reason,
  secret_hint: row.secret_hint,
  previous_secret_expires_at:
    row.previous_secret_expires_at && row.previous_secret_expires_at > new Date()
      ? row.previous_secret_expires_at.toISOString()
      : null,
  failing_since: iso(row.failing_since),
  last_delivery_at: iso(row.last_delivery_at),
  created_at: row.created_at.toISOString(),
  updated_at: row.updated_at.toISOString(),
});
