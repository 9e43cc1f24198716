import { constantTimeEqual } from '@gatehouse/crypto';
import type { Middleware } from 'koa';

import { authenticateApiKey } from '../api-keys/api-keys.auth.js';
import type { Deps } from '../deps.js';
import { HttpError } from '../http/errors.js';
import { CSRF_COOKIE, loadSessionPrincipal, SESSION_COOKIE } from './session.service.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const bearerToken = (header: string): string | null => {
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1] ?? null;
};

/**
 * Resolves `ctx.state.principal` from an API key (`X-API-Key` or `Authorization: Bearer`) or the
 * session cookie. Cookie-authenticated writes must echo the CSRF token in `X-CSRF-Token`.
 */
export const principalMiddleware =
  (deps: Deps): Middleware =>
  async (ctx, next) => {
    const apiKey = ctx.get('x-api-key') || bearerToken(ctx.get('authorization'));
    if (apiKey) {
      ctx.state.principal = await authenticateApiKey(deps, apiKey, ctx.ip || null);
      return next();
    }
    const token = ctx.cookies.get(SESSION_COOKIE);
    if (token) {
      const principal = await loadSessionPrincipal(deps, token);
      if (principal) {
        if (!SAFE_METHODS.has(ctx.method)) {
          const sent = ctx.get('x-csrf-token');
          if (!sent || !constantTimeEqual(sent, principal.csrfToken)) {
            throw new HttpError('csrf_failed', 'Missing or invalid X-CSRF-Token header');
          }
        }
        ctx.state.principal = principal;
      } else {
        ctx.cookies.set(SESSION_COOKIE, null);
        ctx.cookies.set(CSRF_COOKIE, null);
      }
    }
    return next();
  };
