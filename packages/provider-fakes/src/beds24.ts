import { randomBytes } from 'node:crypto';

import { type FakeReply, type FakeRequest, ProviderFake } from './server.js';

type Beds24Refresh = { scopes: string[]; tokenValid: boolean };

/** A booking as Beds24 API V2 `GET /bookings` returns it (the fields Gatehouse reads, plus any others). */
export interface Beds24Booking {
  id: number;
  propertyId?: number;
  roomId?: number;
  status: 'confirmed' | 'new' | 'request' | 'cancelled' | 'black' | 'inquiry';
  /** YYYY-MM-DD */
  arrival?: string;
  /** YYYY-MM-DD */
  departure?: string;
  firstName?: string;
  lastName?: string;
  [field: string]: unknown;
}

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
 *
 * `GET /v2/bookings?id=<id>` with header `token` (one the fake issued and still valid, else 401;
 * 403 without the `read:bookings` scope) answers
 * `{ success, type: 'booking', count, data: [booking…] }`, with `count: 0` and empty `data` for an
 * unknown id; bookings come from `addBooking`.
 */
export class Beds24Fake extends ProviderFake {
  readonly id = 'beds24';
  private readonly invites = new Map<string, string>();
  private readonly refreshTokens = new Map<string, Beds24Refresh>();
  private readonly tokens = new Map<string, Beds24Refresh>();
  private readonly bookings = new Map<string, Beds24Booking>();

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

  /** Registers (or replaces) a booking that `GET /v2/bookings?id=` returns. */
  addBooking(booking: Beds24Booking): this {
    this.bookings.set(String(booking.id), booking);
    return this;
  }

  override reset(): void {
    super.reset();
    this.invites.clear();
    this.refreshTokens.clear();
    this.tokens.clear();
    this.bookings.clear();
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
      case '/v2/bookings': {
        const issued = this.tokens.get(req.headers.token ?? '');
        if (!issued || !issued.tokenValid) return error(401, 'Unauthorized');
        if (!issued.scopes.includes('read:bookings')) return error(403, 'Token does not have the required scope');
        const ids = req.query.getAll('id');
        const data = ids.length === 0 ? [...this.bookings.values()] : ids.flatMap((id) => this.bookings.get(id) ?? []);
        return {
          status: 200,
          json: {
            success: true,
            type: 'booking',
            count: data.length,
            pages: { nextPageExists: false, nextPageLink: null },
            data,
          },
        };
      }
      default:
        return error(404, 'Not found');
    }
  }
}
