import { pick, send, unexpected } from '../outcome.js';
import type { VerifyContext, VerifyOutcome } from '../types.js';

const PROVIDER = 'Beds24';

/**
 * Beds24 API V2 authentication: an invite code is exchanged once (`GET /v2/authentication/setup`)
 * for a refresh token, which is stored in its place; a refresh token gets a 24-hour token (`GET
 * /v2/authentication/token`); `GET /v2/authentication/details` then confirms the token, which
 * answers 200 even for an invalid one, so the body decides.
 */
export async function verify(ctx: VerifyContext): Promise<VerifyOutcome> {
  const exchange: { refreshToken?: string } = {};
  const outcome = await check(ctx, exchange);
  // The invite code is spent once exchanged: keep its refresh token whatever happened next.
  return exchange.refreshToken
    ? { ...outcome, replaceCredentials: { refresh_token: exchange.refreshToken, invite_code: '' } }
    : outcome;
}

async function check(ctx: VerifyContext, exchange: { refreshToken?: string }): Promise<VerifyOutcome> {
  const invite = (ctx.credentials.invite_code ?? '').trim();
  let refreshToken = (ctx.credentials.refresh_token ?? '').trim();
  let token: string | undefined;
  let exchanged = false;

  if (!refreshToken) {
    if (!invite) return { kind: 'rejected', reason: 'Enter a Beds24 refresh token or an invite code' };
    const sent = await send(ctx, PROVIDER, {
      url: `${ctx.baseUrl}/v2/authentication/setup`,
      headers: { code: invite },
    });
    if ('outcome' in sent) return sent.outcome;
    const { res } = sent;
    const issued = pick(res.json, 'refreshToken');
    if (res.status === 200 && typeof issued === 'string' && issued !== '') {
      refreshToken = issued;
      exchanged = true;
      exchange.refreshToken = issued;
      // The setup answer carries a token too: using it spares a call after the single-use code is spent.
      const setupToken = pick(res.json, 'token');
      if (typeof setupToken === 'string' && setupToken !== '') token = setupToken;
    } else if (res.status === 400 || res.status === 401 || res.status === 403) {
      return {
        kind: 'rejected',
        reason: 'Beds24 rejected the invite code: it is invalid, expired or was already used; generate a new one',
      };
    } else {
      return unexpected(PROVIDER, res.status);
    }
  }

  if (token === undefined) {
    const sent = await send(ctx, PROVIDER, {
      url: `${ctx.baseUrl}/v2/authentication/token`,
      headers: { refreshToken },
    });
    if ('outcome' in sent) return sent.outcome;
    const { res } = sent;
    const issued = pick(res.json, 'token');
    if (res.status === 200 && typeof issued === 'string' && issued !== '') {
      token = issued;
    } else if (res.status === 400 || res.status === 401 || res.status === 403) {
      return {
        kind: 'rejected',
        reason:
          'Beds24 rejected the refresh token: it is invalid, or expired after 30 days unused; enter a new invite code',
      };
    } else {
      return unexpected(PROVIDER, res.status);
    }
  }

  const sent = await send(ctx, PROVIDER, { url: `${ctx.baseUrl}/v2/authentication/details`, headers: { token } });
  if ('outcome' in sent) return sent.outcome;
  const { res } = sent;
  if (res.status !== 200) return unexpected(PROVIDER, res.status);
  const validToken = pick(res.json, 'validToken');
  if (validToken === false) {
    return { kind: 'rejected', reason: 'Beds24 reports the access token as not valid; enter a new invite code' };
  }
  if (validToken !== true) return unexpected(PROVIDER, res.status);
  const owner = pick(res.json, 'token', 'ownerId');
  return {
    kind: 'valid',
    reason: exchanged
      ? 'Beds24 accepted the invite code; its refresh token is stored'
      : 'Beds24 accepted the refresh token',
    ...(typeof owner === 'number' || typeof owner === 'string' ? { account: `Beds24 account ${owner}` } : {}),
  };
}
