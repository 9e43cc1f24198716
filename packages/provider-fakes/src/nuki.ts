import { bearer, type FakeReply, type FakeRequest, ProviderFake } from './server.js';

type NukiToken = { account: boolean; email: string; name: string };

/**
 * The Nuki Web API's `GET /account` (https://api.nuki.io/): a known API token with the `account`
 * scope gets the account object; an unknown one 401 `{"detailMessage":"Your access token is not
 * authorized","stackTrace":null}`; a token generated without the account permission 403.
 */
export class NukiFake extends ProviderFake {
  readonly id = 'nuki';
  private readonly tokens = new Map<string, NukiToken>();

  /** Registers a Web API token; `account: false` is a token generated without the account scope. */
  addToken(token: string, opts: Partial<NukiToken> = {}): this {
    this.tokens.set(token, { account: true, email: 'host@example.com', name: 'Example Host', ...opts });
    return this;
  }

  override reset(): void {
    super.reset();
    this.tokens.clear();
  }

  handle(req: FakeRequest): FakeReply {
    if (req.method !== 'GET' || req.path !== '/account') return { status: 404 };
    const token = bearer(req.headers);
    const known = token ? this.tokens.get(token) : undefined;
    if (!known) {
      return { status: 401, json: { detailMessage: 'Your access token is not authorized', stackTrace: null } };
    }
    if (!known.account) return { status: 403 };
    return {
      status: 200,
      json: {
        accountId: 1234567,
        type: 0,
        email: known.email,
        name: known.name,
        language: 'en',
        creationDate: '2024-01-15T09:30:00.000Z',
        updateDate: '2024-01-15T09:30:00.000Z',
        config: { publicKey: '', notificationsEnabled: true },
      },
    };
  }
}
