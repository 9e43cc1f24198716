import type { ApiKey, ApiKeyScope, ApiKeyStatus } from '@gatehouse/shared';

import type { ApiKeyRow } from '../db/schema.js';

export const apiKeyStatus = (row: ApiKeyRow, now = new Date()): ApiKeyStatus =>
  row.revoked_at ? 'revoked' : row.expires_at && row.expires_at <= now ? 'expired' : 'active';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The public view of a key: the hash and the secret never leave the server. */
export const toApiKey = (row: ApiKeyRow): ApiKey => ({
  id: row.id,
  name: row.name,
  description: row.description,
  environment: row.environment,
  scopes: row.scopes as ApiKeyScope[],
  prefix: row.prefix,
  status: apiKeyStatus(row),
  expires_at: iso(row.expires_at),
  revoked_at: iso(row.revoked_at),
  last_used_at: iso(row.last_used_at),
  created_at: row.created_at.toISOString(),
  created_by: row.created_by,
});
