import { randomBytes } from 'node:crypto';

import { basicAuth, type FakeReply, type FakeRequest, ProviderFake } from './server.js';

type PayPalClient = {
  secret: string;
  /** The REST app's id, answered as `app_id`. */
  appId: string;
  /** A client disabled or deleted in the developer dashboard still exists here but authenticates no more. */
  disabled: boolean;
};

const SCOPES = [
  'https://uri.paypal.com/services/invoicing',
  'https://uri.paypal.com/services/payments/futurepayments',
  'https://uri.paypal.com/services/payments/payment',
  'https://uri.paypal.com/services/payments/refund',
  'https://uri.paypal.com/services/subscriptions',
  'openid',
].join(' ');

/**
 * PayPal's `POST /v1/oauth2/token` (https://developer.paypal.com/api/rest/authentication/): HTTP
 * Basic `client_id:client_secret` with the form body `grant_type=client_credentials`. A known client
 * gets `{scope, access_token, token_type: 'Bearer', app_id, expires_in, nonce}`; bad credentials a
 * 401 `{"error":"invalid_client","error_description":"Client Authentication failed"}`; a missing or
 * other grant type a 400 `unsupported_grant_type`.
 */
export class PayPalFake extends ProviderFake {
  readonly id = 'paypal';
  private readonly clients = new Map<string, PayPalClient>();

  /** Registers a REST app's credentials; `disabled: true` is an app whose credentials no longer authenticate. */
  addClient(clientId: string, secret: string, opts: Partial<Omit<PayPalClient, 'secret'>> = {}): this {
    this.clients.set(clientId, { secret, appId: 'APP-80W284485P519543T', disabled: false, ...opts });
    return this;
  }

  override reset(): void {
    super.reset();
    this.clients.clear();
  }

  handle(req: FakeRequest): FakeReply {
    if (req.method !== 'POST' || req.path !== '/v1/oauth2/token') {
      return {
        status: 404,
        json: { name: 'RESOURCE_NOT_FOUND', message: 'The specified resource does not exist.', debug_id: debugId() },
      };
    }
    const auth = basicAuth(req.headers);
    const client = auth ? this.clients.get(auth.user) : undefined;
    if (!auth || !client || client.secret !== auth.password || client.disabled) {
      return { status: 401, json: { error: 'invalid_client', error_description: 'Client Authentication failed' } };
    }
    const grant = new URLSearchParams(req.body).get('grant_type');
    if (grant !== 'client_credentials') {
      return {
        status: 400,
        json: {
          error: 'unsupported_grant_type',
          error_description: grant ? 'Grant Type is not supported' : 'Grant Type is NULL',
        },
      };
    }
    return {
      status: 200,
      json: {
        scope: SCOPES,
        access_token: `A21AA${randomBytes(24).toString('base64url')}`,
        token_type: 'Bearer',
        app_id: client.appId,
        expires_in: 32_400,
        nonce: `${new Date().toISOString().slice(0, 19)}Z${randomBytes(16).toString('base64url')}`,
      },
    };
  }
}

const debugId = () => randomBytes(7).toString('hex');
