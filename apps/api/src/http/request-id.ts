import { randomUUID } from 'node:crypto';

import type { Middleware } from 'koa';

const SAFE_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** Accepts a caller's X-Request-Id when it is tame, otherwise makes one; echoes it back. */
export const requestId = (): Middleware => async (ctx, next) => {
  const given = ctx.get('x-request-id');
  ctx.state.requestId = SAFE_ID.test(given) ? given : randomUUID();
  ctx.set('X-Request-Id', ctx.state.requestId);
  await next();
};
