import { pick, send, unexpected } from '../outcome.js';
import type { VerifyContext, VerifyOutcome } from '../types.js';

/** `GET /account` with the Web API token: the account the token belongs to. */
export async function verify(ctx: VerifyContext): Promise<VerifyOutcome> {
  const sent = await send(ctx, 'Nuki', {
    url: `${ctx.baseUrl}/account`,
    headers: { authorization: `Bearer ${ctx.credentials.api_token ?? ''}`, accept: 'application/json' },
  });
  if ('outcome' in sent) return sent.outcome;
  const { res } = sent;
  if (res.status === 200 && pick(res.json, 'accountId') !== undefined) {
    const email = pick(res.json, 'email');
    return {
      kind: 'valid',
      reason: 'Nuki accepted the API token',
      ...(typeof email === 'string' && email !== '' ? { account: email } : {}),
    };
  }
  if (res.status === 401) {
    return { kind: 'rejected', reason: 'Nuki rejected the API token: it is invalid or was deleted in Nuki Web' };
  }
  if (res.status === 403) {
    return {
      kind: 'under_scoped',
      reason: 'The API token lacks the account permission; generate a token with it in Nuki Web → Web API',
      missing: 'account',
    };
  }
  return unexpected('Nuki', res.status);
}
