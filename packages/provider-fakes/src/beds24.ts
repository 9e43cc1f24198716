import { randomBytes } from 'node:crypto';

import { type FakeReply, type FakeRequest, ProviderFake } from './server.js';

type Beds24Refresh = { scopes: string[]; tokenValid: boolean };

const token = () => randomBytes(36).toString('base64');
const error = (status: number, message: string): FakeReply => ({
  status,
  json: { success: false, type: 'error', code: status, error: message },
});

/**
 * Beds24 API V2 authentication (https://wiki.beds24.com/index.php/Category:API_V2, OpenAPI at
 * https://beds24.com/api/v2): `GET /v2/authentication/setup` with header `code: <invite code>`
 * exchanges a single-use invite code for `{ token, expiresIn, refreshToken }`; `GET
 * /v2/authentication/token` with header `refreshToken` issues `{ token, expiresIn }`; `GET
 * /v2/authentication/details` with header `token` answers 200 with `validToken` true or false.
 * Bad codes and refresh tokens get Beds24's 400 error body.
 */
export class Beds24Fake extends ProviderFake {
  readonly id = 'beds24';
  private readonly invites = new Map<string, string>();
  private readonly refreshTokens = new Map<string, Beds24Refresh>();
  private readonly tokens = new Map<string, Beds24Refresh>();

  /** Registers a single-use invite code; exchanging it issues `refreshToken` (random when omitted). */
  addInviteCode(code: string, refreshToken = token(), opts: Partial<Beds24Refresh> = {}): this {
    this.invites.set(code, refreshToken);
    this.addRefreshToken(refreshToken, opts);
    return this;
  }

  /** Registers a refresh token; `tokenValid: false` makes the tokens it issues report `validToken: false`. */
  addRefreshToken(refreshToken: string, opts: Partial<Beds24Refresh> = {}): this {
    this.refreshTokens.set(refreshToken, { scopes: ['read:bookings', 'read:properties'], tokenValid: true, ...opts });
    return this;
  }

  override reset(): void {
    super.reset();
    this.invites.clear();
    this.refreshTokens.clear();
    this.tokens.clear();
  }

  private issue(refresh: Beds24Refresh): string {
    const issued = token();
    this.tokens.set(issued, refresh);
    return issued;
  }

  handle(req: FakeRequest): FakeReply {
    if (req.method !== 'GET') return error(405, 'Method not allowed');
    switch (req.path) {
      case '/v2/authentication/setup': {
        const code = req.headers.code ?? '';
        const refreshToken = this.invites.get(code);
        const refresh = refreshToken === undefined ? undefined : this.refreshTokens.get(refreshToken);
        if (refreshToken === undefined || !refresh) return error(400, 'Invalid code');
        this.invites.delete(code);
        return { status: 200, json: { token: this.issue(refresh), expiresIn: 86_400, refreshToken } };
      }
      case '/v2/authentication/token': {
        const refresh = this.refreshTokens.get(req.headers.refreshtoken ?? '');
        if (!refresh) return error(400, 'Invalid refresh token');
        return { status: 200, json: { token: this.issue(refresh), expiresIn: 86_400 } };
      }
      case '/v2/authentication/details': {
        const issued = this.tokens.get(req.headers.token ?? '');
        if (!issued || !issued.tokenValid) return { status: 200, json: { validToken: false } };
        return {
          status: 200,
          json: { validToken: true, token: { ownerId: 12345, expiresIn: 86_400, scopes: issued.scopes } },
        };
      }
      default:
        return error(404, 'Not found');
    }
  }
}
