import { bearer, type FakeReply, type FakeRequest, ProviderFake } from './server.js';

type StripeKey = { balance: boolean };

/**
 * Stripe's `GET /v1/balance` (https://docs.stripe.com/api/balance/balance_retrieve): a known key
 * gets the balance object; an unknown one a 401 `invalid_request_error` ("Invalid API Key
 * provided: sk_test_****1234", as Stripe masks it); a restricted key without Balance read a 403
 * `permission_error`.
 */
export class StripeFake extends ProviderFake {
  readonly id = 'stripe';
  private readonly keys = new Map<string, StripeKey>();

  /** Registers a secret or restricted key; `balance: false` is a restricted key lacking Balance read. */
  addKey(key: string, opts: Partial<StripeKey> = {}): this {
    this.keys.set(key, { balance: true, ...opts });
    return this;
  }

  override reset(): void {
    super.reset();
    this.keys.clear();
  }

  handle(req: FakeRequest): FakeReply {
    if (req.method !== 'GET' || req.path !== '/v1/balance') {
      return {
        status: 404,
        json: {
          error: { type: 'invalid_request_error', message: `Unrecognized request URL (${req.method}: ${req.path}).` },
        },
      };
    }
    const token = bearer(req.headers);
    const key = token ? this.keys.get(token) : undefined;
    if (!token || !key) {
      const masked = token ? `${token.slice(0, 8)}****${token.slice(-4)}` : '';
      return {
        status: 401,
        json: { error: { type: 'invalid_request_error', message: `Invalid API Key provided: ${masked}` } },
      };
    }
    if (!key.balance) {
      return {
        status: 403,
        json: {
          error: {
            type: 'permission_error',
            message:
              "The provided key does not have the required permissions for this endpoint on account. Having the 'rak_balance_read' permission would allow this request to continue.",
          },
        },
      };
    }
    const live = token.includes('_live_');
    return {
      status: 200,
      json: {
        object: 'balance',
        available: [{ amount: 0, currency: 'eur', source_types: { card: 0 } }],
        livemode: live,
        pending: [{ amount: 0, currency: 'eur', source_types: { card: 0 } }],
      },
    };
  }
}
