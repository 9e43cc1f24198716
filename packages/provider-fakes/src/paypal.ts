import { randomBytes } from 'node:crypto';

import { basicAuth, bearer, type FakeReply, type FakeRequest, ProviderFake } from './server.js';

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
 *
 * `POST /v1/notifications/verify-webhook-signature`
 * (https://developer.paypal.com/docs/api/webhooks/v1/#verify-webhook-signature_post): with a bearer
 * token this fake issued, answers `{verification_status: 'SUCCESS'}` when `transmission_sig` was
 * registered with `acceptSignature`, `'FAILURE'` otherwise; an unknown token gets 401
 * `invalid_token`, a missing field 400 `VALIDATION_ERROR`.
 */
export class PayPalFake extends ProviderFake {
  readonly id = 'paypal';
  private readonly clients = new Map<string, PayPalClient>();
  private readonly tokens = new Set<string>();
  private readonly signatures = new Set<string>();

  /** Registers a REST app's credentials; `disabled: true` is an app whose credentials no longer authenticate. */
  addClient(clientId: string, secret: string, opts: Partial<Omit<PayPalClient, 'secret'>> = {}): this {
    this.clients.set(clientId, { secret, appId: 'APP-80W284485P519543T', disabled: false, ...opts });
    return this;
  }

  /** Makes `verify-webhook-signature` answer SUCCESS for this `transmission_sig`. */
  acceptSignature(sig: string): this {
    this.signatures.add(sig);
    return this;
  }

  override reset(): void {
    super.reset();
    this.clients.clear();
    this.tokens.clear();
    this.signatures.clear();
  }

  handle(req: FakeRequest): FakeReply {
    if (req.method === 'POST' && req.path === '/v1/notifications/verify-webhook-signature') {
      return this.verifyWebhookSignature(req);
    }
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
    const accessToken = `A21AA${randomBytes(24).toString('base64url')}`;
    this.tokens.add(accessToken);
    return {
      status: 200,
      json: {
        scope: SCOPES,
        access_token: accessToken,
        token_type: 'Bearer',
        app_id: client.appId,
        expires_in: 32_400,
        nonce: `${new Date().toISOString().slice(0, 19)}Z${randomBytes(16).toString('base64url')}`,
      },
    };
  }

  private verifyWebhookSignature(req: FakeRequest): FakeReply {
    const token = bearer(req.headers);
    if (token === null || !this.tokens.has(token)) {
      return {
        status: 401,
        json: { error: 'invalid_token', error_description: 'Token signature verification failed' },
      };
    }
    let body: Record<string, unknown> = {};
    try {
      const parsed: unknown = JSON.parse(req.body);
      if (parsed !== null && typeof parsed === 'object') body = parsed as Record<string, unknown>;
    } catch {
      return {
        status: 400,
        json: {
          name: 'MALFORMED_REQUEST',
          message: 'Incoming JSON request does not map to API request',
          debug_id: debugId(),
        },
      };
    }
    const missing = VERIFY_FIELDS.filter((field) => body[field] === undefined || body[field] === '');
    if (missing.length > 0) {
      return {
        status: 400,
        json: {
          name: 'VALIDATION_ERROR',
          message: 'Invalid request - see details',
          debug_id: debugId(),
          details: missing.map((field) => ({ field, location: 'body', issue: 'MISSING_REQUIRED_PARAMETER' })),
        },
      };
    }
    const sig = body.transmission_sig;
    const status = typeof sig === 'string' && this.signatures.has(sig) ? 'SUCCESS' : 'FAILURE';
    return { status: 200, json: { verification_status: status } };
  }
}

const VERIFY_FIELDS = [
  'auth_algo',
  'cert_url',
  'transmission_id',
  'transmission_sig',
  'transmission_time',
  'webhook_id',
  'webhook_event',
] as const;

const debugId = () => randomBytes(7).toString('hex');
