import { pick, send, unexpected } from '../outcome.js';
import type { VerifyContext, VerifyOutcome } from '../types.js';

/**
 * `POST /v1/oauth2/token` with HTTP Basic `client_id:client_secret` and
 * `grant_type=client_credentials`: the token exchange every PayPal REST call starts with.
 */
export async function verify(ctx: VerifyContext): Promise<VerifyOutcome> {
  const { client_id = '', client_secret = '' } = ctx.credentials;
  const sent = await send(ctx, 'PayPal', {
    method: 'POST',
    url: `${ctx.baseUrl}/v1/oauth2/token`,
    headers: {
      authorization: `Basic ${Buffer.from(`${client_id}:${client_secret}`).toString('base64')}`,
      accept: 'application/json',
    },
    body: new URLSearchParams({ grant_type: 'client_credentials' }),
  });
  if ('outcome' in sent) return sent.outcome;
  const { res } = sent;
  const accessToken = pick(res.json, 'access_token');
  if (res.status === 200 && typeof accessToken === 'string' && accessToken !== '') {
    const appId = pick(res.json, 'app_id');
    return {
      kind: 'valid',
      reason: 'PayPal accepted the client ID and secret',
      ...(typeof appId === 'string' && appId !== '' ? { account: appId } : {}),
    };
  }
  if (res.status === 401 || pick(res.json, 'error') === 'invalid_client') {
    const environment = ctx.credentials.environment === 'live' ? 'Live' : 'Sandbox';
    return {
      kind: 'rejected',
      reason: `PayPal rejected the client ID and secret: check they belong to the same REST app and to ${environment}`,
    };
  }
  return unexpected('PayPal', res.status);
}
