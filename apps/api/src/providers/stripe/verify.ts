import { pick, send, unexpected } from '../outcome.js';
import type { VerifyContext, VerifyOutcome } from '../types.js';

/** `GET /v1/balance` with the secret key: the cheapest authenticated read Stripe offers. */
export async function verify(ctx: VerifyContext): Promise<VerifyOutcome> {
  const sent = await send(ctx, 'Stripe', {
    url: `${ctx.baseUrl}/v1/balance`,
    headers: { authorization: `Bearer ${ctx.credentials.secret_key ?? ''}` },
  });
  if ('outcome' in sent) return sent.outcome;
  const { res } = sent;
  if (res.status === 200 && pick(res.json, 'object') === 'balance') {
    return { kind: 'valid', reason: 'Stripe accepted the secret key' };
  }
  if (res.status === 401) {
    return { kind: 'rejected', reason: 'Stripe rejected the secret key: it is invalid, expired or was rolled' };
  }
  if (res.status === 403 || pick(res.json, 'error', 'type') === 'permission_error') {
    return {
      kind: 'under_scoped',
      reason: 'The restricted key lacks the Balance (read) permission; grant it in the Stripe dashboard',
      missing: 'Balance: Read',
    };
  }
  return unexpected('Stripe', res.status);
}
