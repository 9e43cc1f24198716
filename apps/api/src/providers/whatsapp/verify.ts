import { pick, send, unexpected } from '../outcome.js';
import type { VerifyContext, VerifyOutcome } from '../types.js';

/**
 * `GET /{phone-number-id}?fields=display_phone_number,verified_name,quality_rating` with the access
 * token: proves the token is valid and can see the phone number inbound messages are routed by.
 * Graph errors are classified by `error.code` (190 token, 100 object, 200/10 permission).
 */
export async function verify(ctx: VerifyContext): Promise<VerifyOutcome> {
  const phoneNumberId = ctx.credentials.phone_number_id ?? '';
  const sent = await send(ctx, 'WhatsApp', {
    url: `${ctx.baseUrl}/${encodeURIComponent(phoneNumberId)}?fields=display_phone_number,verified_name,quality_rating`,
    headers: { authorization: `Bearer ${ctx.credentials.access_token ?? ''}`, accept: 'application/json' },
  });
  if ('outcome' in sent) return sent.outcome;
  const { res } = sent;
  if (res.status === 200 && pick(res.json, 'id') !== undefined) {
    const name = pick(res.json, 'verified_name');
    const number = pick(res.json, 'display_phone_number');
    const account =
      typeof name === 'string' && typeof number === 'string'
        ? `${name} (${number})`
        : typeof number === 'string'
          ? number
          : undefined;
    return {
      kind: 'valid',
      reason: 'WhatsApp accepted the access token and phone number ID',
      ...(account ? { account } : {}),
    };
  }
  const code = pick(res.json, 'error', 'code');
  if (code === 190 || code === 104 || (code === undefined && res.status === 401)) {
    return {
      kind: 'rejected',
      reason:
        'Meta rejected the access token: it is invalid, expired or was revoked; use a permanent System User token',
    };
  }
  if (code === 200 || code === 10 || (code === undefined && res.status === 403)) {
    return {
      kind: 'under_scoped',
      reason: 'The access token lacks the whatsapp_business_management permission; grant it to the System User',
      missing: 'whatsapp_business_management',
    };
  }
  if (code === 100) {
    return {
      kind: 'rejected',
      reason:
        'Meta does not know the Phone number ID or the access token cannot see it; check the Phone number ID field on the WhatsApp API Setup page',
    };
  }
  return unexpected('WhatsApp', res.status);
}
