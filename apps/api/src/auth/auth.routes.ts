import { ChangePassword, GetMe, Login, Logout, SwitchTenant } from '@gatehouse/shared';
import Router from '@koa/router';
import type { Context } from 'koa';

import type { Deps } from '../deps.js';
import { auditContextOf } from '../http/context.js';
import { mount } from '../http/route.js';
import { changePassword, login, switchTenant } from './auth.service.js';
import type { UserPrincipal } from './principal.js';
import * as sessions from './sessions.repository.js';
import { CSRF_COOKIE, describeMe, loadSessionPrincipal, type NewSession, SESSION_COOKIE } from './session.service.js';

export function authRoutes(deps: Deps): Router {
  const router = new Router();
  const secure = deps.env.COOKIE_SECURE || deps.env.NODE_ENV === 'production';

  const setCookies = (ctx: Context, s: NewSession) => {
    const common = { sameSite: 'lax' as const, secure, path: '/', expires: s.expiresAt, overwrite: true };
    ctx.cookies.set(SESSION_COOKIE, s.token, { ...common, httpOnly: true });
    // Readable by the SPA, which echoes it in X-CSRF-Token (double submit bound to the session).
    ctx.cookies.set(CSRF_COOKIE, s.csrfToken, { ...common, httpOnly: false });
  };

  mount(router, Login, {}, async ({ body, ctx }) => {
    const session = await login(deps, body.email, body.password, {
      ip: ctx.ip || null,
      userAgent: ctx.get('user-agent') || null,
      requestId: ctx.state.requestId ?? null,
    });
    setCookies(ctx, session);
    const principal = await loadSessionPrincipal(deps, session.token);
    return { message: 'Signed in', data: await describeMe(deps, principal!) };
  });

  mount(router, Logout, { allowPendingPassword: true }, async ({ principal, ctx }) => {
    if (principal.kind === 'user') await sessions.deleteSession(deps.db, principal.sessionId);
    ctx.cookies.set(SESSION_COOKIE, null);
    ctx.cookies.set(CSRF_COOKIE, null);
    return { message: 'Signed out', data: null };
  });

  mount(router, GetMe, { allowPendingPassword: true }, async ({ principal }) => ({
    data: await describeMe(deps, principal as UserPrincipal),
  }));

  mount(router, SwitchTenant, {}, async ({ principal, body, ctx }) => {
    const user = principal as UserPrincipal;
    await switchTenant(deps, user, body.tenant_id, auditContextOf(ctx));
    const token = ctx.cookies.get(SESSION_COOKIE)!;
    return { message: 'Switched tenant', data: await describeMe(deps, (await loadSessionPrincipal(deps, token))!) };
  });

  mount(router, ChangePassword, { allowPendingPassword: true }, async ({ principal, body, ctx }) => {
    await changePassword(
      deps,
      principal as UserPrincipal,
      body.current_password,
      body.new_password,
      auditContextOf(ctx),
    );
    return { message: 'Password changed', data: null };
  });

  return router;
}
