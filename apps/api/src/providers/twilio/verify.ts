import { pick, send, unexpected } from '../outcome.js';
import type { VerifyContext, VerifyOutcome } from '../types.js';

/** `GET /2010-04-01/Accounts/{AccountSid}.json` with HTTP Basic `AccountSid:AuthToken`: reads the account itself. */
export async function verify(ctx: VerifyContext): Promise<VerifyOutcome> {
  const { account_sid = '', auth_token = '' } = ctx.credentials;
  const sent = await send(ctx, 'Twilio', {
    url: `${ctx.baseUrl}/2010-04-01/Accounts/${encodeURIComponent(account_sid)}.json`,
    headers: {
      authorization: `Basic ${Buffer.from(`${account_sid}:${auth_token}`).toString('base64')}`,
      accept: 'application/json',
    },
  });
  if ('outcome' in sent) return sent.outcome;
  const { res } = sent;
  if (res.status === 200) {
    const status = pick(res.json, 'status');
    if (status === 'active') {
      const name = pick(res.json, 'friendly_name');
      return {
        kind: 'valid',
        reason: 'Twilio accepted the Account SID and auth token',
        ...(typeof name === 'string' && name !== '' ? { account: name } : {}),
      };
    }
    if (status === 'suspended') {
      return {
        kind: 'rejected',
        reason: 'The Twilio account is suspended; resolve it with Twilio (billing or compliance) before sending',
      };
    }
    if (status === 'closed') {
      return { kind: 'rejected', reason: 'The Twilio account is closed; use the SID and token of an active account' };
    }
    return unexpected('Twilio', res.status);
  }
  if (res.status === 401 || pick(res.json, 'code') === 20003) {
    return {
      kind: 'rejected',
      reason: 'Twilio rejected the Account SID and auth token: the token is wrong or was rotated',
    };
  }
  if (res.status === 404 || pick(res.json, 'code') === 20404) {
    return { kind: 'rejected', reason: 'Twilio found no account with this Account SID; it may have been deleted' };
  }
  return unexpected('Twilio', res.status);
}
