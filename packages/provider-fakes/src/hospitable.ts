import { randomUUID } from 'node:crypto';

import { bearer, type FakeReply, type FakeRequest, ProviderFake } from './server.js';

type HospitableUser = { id: string; email: string; name: string };

type HospitableToken = {
  user: HospitableUser;
  /** Scopes the personal access token was created with; `GET /v2/user` needs `user:read`. */
  scopes: string[];
};

/**
 * Hospitable's Public API `GET /v2/user` (https://developer.hospitable.com/docs/public-api-docs),
 * a Laravel application: a known personal access token gets `{data: {id, email, name, …}}`; an
 * unknown or revoked one a 401 `{"message":"Unauthenticated."}` when the client asks for JSON, and
 * otherwise a 302 to the login page (why callers must send `Accept: application/json`); a token
 * without the scope a 403 `{"message":"Invalid scope(s) provided."}`.
 */
export class HospitableFake extends ProviderFake {
  readonly id = 'hospitable';
  private readonly tokens = new Map<string, HospitableToken>();

  /** Registers a personal access token; leave `user:read` out of `scopes` for an under-scoped one. */
  addToken(token: string, opts: { user?: Partial<HospitableUser>; scopes?: string[] } = {}): this {
    this.tokens.set(token, {
      user: { id: randomUUID(), email: 'host@example.com', name: 'Jane Host', ...opts.user },
      scopes: opts.scopes ?? ['user:read', 'property:read', 'reservation:read', 'reservation:write'],
    });
    return this;
  }

  override reset(): void {
    super.reset();
    this.tokens.clear();
  }

  handle(req: FakeRequest): FakeReply {
    const wantsJson = (req.headers.accept ?? '').includes('json');
    if (req.method !== 'GET' || req.path !== '/v2/user') {
      return { status: 404, json: { message: 'Not Found' } };
    }
    const raw = bearer(req.headers);
    const token = raw ? this.tokens.get(raw) : undefined;
    if (!token) {
      return wantsJson
        ? { status: 401, json: { message: 'Unauthenticated.' } }
        : { status: 302, headers: { location: 'https://my.hospitable.com/login' } };
    }
    if (!token.scopes.includes('user:read')) {
      return { status: 403, json: { message: 'Invalid scope(s) provided.' } };
    }
    return {
      status: 200,
      json: {
        data: {
          id: token.user.id,
          email: token.user.email,
          name: token.user.name,
          created_at: '2023-10-01T09:35:24Z',
          updated_at: '2024-05-14T12:00:00Z',
        },
      },
    };
  }
}
