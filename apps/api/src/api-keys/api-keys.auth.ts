import { parseApiKey, verifyApiKeyHash } from '@gatehouse/crypto';
import { Feature } from '@gatehouse/shared';

import type { ApiKeyPrincipal } from '../auth/principal.js';
import { hitRateLimit, peekRateLimit } from '../auth/rate-limit.repository.js';
import { inScope } from '../db/scope.js';
import type { Deps } from '../deps.js';
import { HttpError } from '../http/errors.js';
import * as tenants from '../tenants/tenants.repository.js';
import { apiKeyStatus } from './api-keys.format.js';
import * as repo from './api-keys.repository.js';

const FAILURE_WINDOW_S = 300;
const MAX_FAILURES = 30;

/**
 * parse (shape + CRC32: a typo never reaches the database) → lookup by key id → constant-time
 * hash compare → revoked/expired → tenant entitlements. Failures per IP are rate limited.
 */
export async function authenticateApiKey(deps: Deps, token: string, ip: string | null): Promise<ApiKeyPrincipal> {
  const parsed = parseApiKey(token);
  if (!parsed) {
    throw new HttpError('invalid_api_key', 'API key is malformed or mistyped (its checksum does not match)');
  }
  const failKey = `apikey-fail:${ip ?? 'unknown'}`;
  if ((await peekRateLimit(deps.db, failKey, FAILURE_WINDOW_S)) >= MAX_FAILURES) {
    throw new HttpError('rate_limited', 'Too many failed API key attempts; try again later', undefined, {
      'Retry-After': String(FAILURE_WINDOW_S),
    });
  }
  const row = await inScope(deps.db, { apiKeyId: parsed.keyId }, (trx) => repo.findApiKeyByKeyId(trx, parsed.keyId));
  const fail = async (message: string): Promise<never> => {
    await hitRateLimit(deps.db, failKey, FAILURE_WINDOW_S);
    throw new HttpError('invalid_api_key', message);
  };
  if (!row || !verifyApiKeyHash(deps.apiKeyPepper, token, row.secret_hash)) return fail('API key is not valid');
  const status = apiKeyStatus(row);
  if (status === 'revoked') return fail('API key has been revoked');
  if (status === 'expired') return fail('API key has expired');
  const entitlements = await inScope(deps.db, { tenantId: row.tenant_id }, async (trx) => {
    // Last use is kept to the minute, so most authenticated requests stay pure reads.
    if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > 60_000) await repo.touchApiKey(trx, row.id, ip);
    return tenants.entitlementsForTenant(trx, row.tenant_id);
  });
  return {
    kind: 'api_key',
    apiKeyId: row.id,
    keyName: row.name,
    prefix: row.prefix,
    tenantId: row.tenant_id,
    scopes: row.scopes.filter((s): s is 'api' | 'admin' => s === 'api' || s === 'admin'),
    entitlements: entitlements.filter((f): f is Feature => Feature.safeParse(f).success),
  };
}
