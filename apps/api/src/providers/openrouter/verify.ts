import { pick, send, unexpected } from '../outcome.js';
import type { VerifyContext, VerifyOutcome } from '../types.js';

/** `GET /api/v1/key` with the key as a bearer token: reads the key's own details, costs no credits. */
export async function verify(ctx: VerifyContext): Promise<VerifyOutcome> {
  const sent = await send(ctx, 'OpenRouter', {
    url: `${ctx.baseUrl}/api/v1/key`,
    headers: { authorization: `Bearer ${ctx.credentials.api_key ?? ''}`, accept: 'application/json' },
  });
  if ('outcome' in sent) return sent.outcome;
  const { res } = sent;
  const data = pick(res.json, 'data');
  if (res.status === 200 && data !== null && typeof data === 'object') {
    if (pick(data, 'is_management_key') === true) {
      return {
        kind: 'under_scoped',
        reason: 'This is an OpenRouter management key, which cannot call chat completions; create an inference API key',
        missing: 'inference (chat completions)',
      };
    }
    const label = pick(data, 'label');
    // Unnamed keys are labelled with a masked copy of the key itself; that is not stored anywhere.
    const named = typeof label === 'string' && label !== '' && !label.startsWith('sk-or-');
    return { kind: 'valid', reason: 'OpenRouter accepted the API key', ...(named ? { account: label } : {}) };
  }
  if (res.status === 401) {
    return { kind: 'rejected', reason: 'OpenRouter rejected the API key: it is invalid, disabled or was deleted' };
  }
  return unexpected('OpenRouter', res.status);
}
