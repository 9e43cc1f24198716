import { pick, send, unexpected } from '../outcome.js';
import type { VerifyContext, VerifyOutcome } from '../types.js';

/**
 * `GET /v2/user` with the personal access token. `Accept: application/json` matters: without it
 * Hospitable (a Laravel app) answers an unauthenticated request with a redirect to its login page.
 */
export async function verify(ctx: VerifyContext): Promise<VerifyOutcome> {
  const sent = await send(ctx, 'Hospitable', {
    url: `${ctx.baseUrl}/v2/user`,
    headers: { authorization: `Bearer ${ctx.credentials.api_key ?? ''}`, accept: 'application/json' },
  });
  if ('outcome' in sent) return sent.outcome;
  const { res } = sent;
  const user = pick(res.json, 'data');
  if (res.status === 200 && user !== null && typeof user === 'object') {
    const name = pick(user, 'name');
    const email = pick(user, 'email');
    const account =
      typeof name === 'string' && name !== '' ? name : typeof email === 'string' && email !== '' ? email : undefined;
    return {
      kind: 'valid',
      reason: 'Hospitable accepted the personal access token',
      ...(account ? { account } : {}),
    };
  }
  if (res.status === 401) {
    return {
      kind: 'rejected',
      reason: 'Hospitable rejected the personal access token: it is invalid, expired or was revoked',
    };
  }
  if (res.status === 403) {
    return {
      kind: 'under_scoped',
      reason: 'The personal access token lacks the user:read scope; create a token with read access',
      missing: 'user:read',
    };
  }
  return unexpected('Hospitable', res.status);
}
