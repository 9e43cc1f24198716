import type { z } from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/**
 * One REST endpoint as data: the API validates with it, the OpenAPI document is generated from it,
 * and the SPA's client is typed by it.
 */
export interface Endpoint {
  method: HttpMethod;
  /** Koa-style path, e.g. `/api/v1/api-keys/:id`. */
  path: string;
  summary: string;
  tag: string;
  /** `public`: no auth; `session`: a signed-in user only; `principal`: a user session or an API key. */
  auth: 'public' | 'session' | 'principal';
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** The whole success envelope. */
  response: z.ZodType;
  status?: 200 | 201 | 202;
  /** Error statuses beyond those its shape implies (e.g. 401 on sign-in, 409 on a conflict). */
  errors?: readonly (401 | 404 | 409)[];
}

export const endpoint = <const E extends Endpoint>(e: E): E => e;

type InputOf<S> = S extends z.ZodType ? z.input<S> : never;
type Field<E, K extends keyof Endpoint, Name extends string> =
  E extends Record<K, z.ZodType> ? { [P in Name]: InputOf<E[K]> } : { [P in Name]?: never };

/** What a caller passes: `params`, `query` and `body` where the endpoint declares them. */
export type EndpointInput<E extends Endpoint> = Field<E, 'params', 'params'> &
  Field<E, 'query', 'query'> &
  Field<E, 'body', 'body'>;

/** The parsed success envelope the endpoint answers with. */
export type EndpointOutput<E extends Endpoint> = z.output<E['response']>;

/** Replaces `:name` segments of a path with encoded values. */
export const buildPath = (path: string, params: Record<string, string> = {}): string =>
  path.replace(/:([a-zA-Z_]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`Missing path parameter ${name}`);
    return encodeURIComponent(value);
  });
