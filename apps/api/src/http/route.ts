import type { Action, Endpoint } from '@gatehouse/shared';
import type Router from '@koa/router';
import type { Context } from 'koa';
import type { z } from 'zod';

import { authorize } from '../auth/authorize.js';
import type { Principal } from '../auth/principal.js';
import { readJsonBody } from './body.js';
import { HttpError, zodFieldErrors } from './errors.js';

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteInput<E extends Endpoint, P extends Principal | null> {
  params: Out<E['params']>;
  query: Out<E['query']>;
  body: Out<E['body']>;
  principal: P;
  ctx: Context;
}

/** The success envelope without `success`; `data` is typed by the endpoint's contract. */
export type RouteResult<E extends Endpoint> = Omit<z.input<E['response']>, 'success'>;

export interface RouteOptions {
  /** Permission (role or key scope, then plan) checked before the handler runs. */
  action?: Action;
  /** Routes a user with a one-time password may still call. */
  allowPendingPassword?: boolean;
}

type PrincipalOf<E extends Endpoint> = E['auth'] extends 'public' ? Principal | null : Principal;

function parsePart<S extends z.ZodType>(schema: S | undefined, value: unknown, where: 'params' | 'query' | 'body') {
  if (!schema) return undefined;
  const result = schema.safeParse(value ?? (where === 'body' ? undefined : {}));
  if (result.success) return result.data;
  // An id that cannot exist is simply not found, like another tenant's id.
  if (where === 'params') throw new HttpError('not_found', 'Resource not found');
  if (where === 'body' && value === undefined) {
    throw new HttpError('validation_failed', 'The given data was invalid.', { _: ['A JSON request body is required'] });
  }
  throw new HttpError('validation_failed', 'The given data was invalid.', zodFieldErrors(result.error));
}

function requirePrincipal(ctx: Context, auth: Endpoint['auth'], opts: RouteOptions): Principal | null {
  const principal = (ctx.state.principal ?? null) as Principal | null;
  if (auth === 'public') return principal;
  if (!principal) throw new HttpError('unauthenticated', 'Sign in or send an API key to call this endpoint');
  if (auth === 'session' && principal.kind !== 'user') {
    throw new HttpError('forbidden', 'This endpoint needs a signed-in user, not an API key');
  }
  if (principal.kind === 'user' && principal.mustChangePassword && !opts.allowPendingPassword) {
    throw new HttpError('forbidden', 'Change your one-time password before continuing');
  }
  return principal;
}

/**
 * Mounts one endpoint contract: authenticates, authorizes, parses params/query/body with the
 * contract's zod schemas (422 with per-field errors), runs the handler, and answers with the
 * envelope parsed through the response schema so nothing beyond the contract (hashes, secrets) leaves.
 */
export function mount<E extends Endpoint>(
  router: Router,
  endpoint: E,
  opts: RouteOptions,
  handler: (input: RouteInput<E, PrincipalOf<E>>) => Promise<RouteResult<E>>,
): void {
  const method = endpoint.method.toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete';
  router[method](endpoint.path, async (ctx) => {
    const principal = requirePrincipal(ctx, endpoint.auth, opts);
    if (principal && opts.action) authorize(principal, opts.action);
    const params = parsePart(endpoint.params, ctx.params, 'params');
    const query = parsePart(endpoint.query, ctx.query, 'query');
    const raw = endpoint.body ? await readJsonBody(ctx, ctx.state.bodyLimit as number) : undefined;
    const body = parsePart(endpoint.body, raw, 'body');
    const result = await handler({ params, query, body, principal, ctx } as unknown as RouteInput<E, PrincipalOf<E>>);
    ctx.status = endpoint.status ?? 200;
    ctx.body = endpoint.response.parse({ success: true, ...result });
  });
}
