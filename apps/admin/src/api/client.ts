import {
  buildPath,
  type Endpoint,
  type EndpointInput,
  type EndpointOutput,
  ErrorEnvelope,
  GetMe,
  Login,
} from '@gatehouse/shared';

import { ApiError } from './api-error';
import { readCookie } from './cookies';

export const CSRF_COOKIE = 'gh_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';

/** Endpoints whose 401 is an answer ("not signed in" / "wrong password"), not an expired session. */
const AUTH_PROBES: readonly Endpoint[] = [Login, GetMe];

let onUnauthorized: (() => void) | null = null;

/** Set once at boot: what to do when the session ends under the user (dehydrate, go to login). */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

type Query = Record<string, unknown>;

/** `?a=1&b=x` from a query object, leaving out undefined and null values. */
export function buildQuery(query: Query | undefined): string {
  if (!query) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    search.append(key, value instanceof Date ? value.toISOString() : String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

type InputArgs<E extends Endpoint> =
  object extends EndpointInput<E> ? [input?: EndpointInput<E>] : [input: EndpointInput<E>];

interface LooseInput {
  params?: Record<string, string>;
  query?: Query;
  body?: unknown;
}

/** Calls one endpoint contract and returns its parsed success envelope, or throws an ApiError. */
export async function call<E extends Endpoint>(endpoint: E, ...args: InputArgs<E>): Promise<EndpointOutput<E>> {
  const input = (args[0] ?? {}) as LooseInput;
  const url = buildPath(endpoint.path, input.params) + buildQuery(input.query);
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (input.body !== undefined) headers['Content-Type'] = 'application/json';
  const csrf = readCookie(CSRF_COOKIE);
  if (endpoint.method !== 'GET' && csrf) headers[CSRF_HEADER] = csrf;

  let response: Response;
  try {
    response = await fetch(url, {
      method: endpoint.method,
      headers,
      credentials: 'same-origin',
      body: input.body === undefined ? undefined : JSON.stringify(input.body),
    });
  } catch {
    throw new ApiError(0, 'network_error', 'Could not reach the server. Check your connection and try again.');
  }

  const payload = await readJson(response);
  if (!response.ok || payload?.success !== true) {
    const error = toApiError(response.status, payload);
    if (error.status === 401 && !AUTH_PROBES.includes(endpoint)) onUnauthorized?.();
    throw error;
  }
  const parsed = endpoint.response.safeParse(payload);
  if (!parsed.success) throw new ApiError(response.status, 'bad_response', 'The server sent an unexpected response.');
  return parsed.data as EndpointOutput<E>;
}

async function readJson(response: Response): Promise<{ success?: unknown } | null> {
  try {
    return (await response.json()) as { success?: unknown };
  } catch {
    return null;
  }
}

function toApiError(status: number, payload: unknown): ApiError {
  const envelope = ErrorEnvelope.safeParse(payload);
  if (envelope.success) {
    const { code, message, errors } = envelope.data;
    return new ApiError(status, code, message, errors ?? {});
  }
  return new ApiError(status, 'bad_response', `The server answered ${status} without an explanation.`);
}
