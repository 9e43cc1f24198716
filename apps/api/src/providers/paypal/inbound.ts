import { pick, send } from '../outcome.js';
import type { InboundHandler, InboundResult, NormalizedEvent } from '../types.js';

const rejected = (status: number, reason: string): InboundResult => ({ kind: 'rejected', status, reason });

/** Asks PayPal to retry later (it retries non-2xx deliveries for up to 3 days). */
const UNAVAILABLE = rejected(503, 'PayPal verification unavailable');

const HEADERS = {
  auth_algo: 'paypal-auth-algo',
  cert_url: 'paypal-cert-url',
  transmission_id: 'paypal-transmission-id',
  transmission_sig: 'paypal-transmission-sig',
  transmission_time: 'paypal-transmission-time',
} as const;

/**
 * PayPal signs with RSA over `${transmission id}|${time}|${webhook id}|${crc32(body)}`; rather than
 * fetching and pinning certificates ourselves we ask PayPal: an OAuth client-credentials token, then
 * `POST /v1/notifications/verify-webhook-signature` with the five `PAYPAL-*` headers, the
 * webhook id PayPal gave the endpoint (credential `webhook_id`), and the event.
 *
 * The event is spliced into the request as the exact bytes received rather than re-serialized:
 * PayPal checks the CRC32 of the event it is sent, and JSON.stringify may change number or
 * unicode spellings.
 */
export const inbound: InboundHandler = async (ctx) => {
  const { credentials, request } = ctx;
  if (!credentials.webhook_id) return rejected(403, 'Webhook ID not configured');
  if (!credentials.client_id || !credentials.client_secret) return rejected(403, 'Client ID and secret not configured');

  const fields: Record<string, string> = {};
  for (const [field, header] of Object.entries(HEADERS)) {
    const value = request.headers[header];
    if (!value) return rejected(401, `Missing ${header} header`);
    fields[field] = value;
  }

  const text = request.rawBody.toString('utf8');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return rejected(400, 'Body is not valid JSON');
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    return rejected(400, 'Body is not a PayPal event');

  const tokenSent = await send(ctx, 'PayPal', {
    method: 'POST',
    url: `${ctx.baseUrl}/v1/oauth2/token`,
    headers: {
      authorization: `Basic ${Buffer.from(`${credentials.client_id}:${credentials.client_secret}`).toString('base64')}`,
      accept: 'application/json',
    },
    body: new URLSearchParams({ grant_type: 'client_credentials' }),
  });
  if ('outcome' in tokenSent) return UNAVAILABLE;
  const accessToken = pick(tokenSent.res.json, 'access_token');
  if (tokenSent.res.status === 401 || pick(tokenSent.res.json, 'error') === 'invalid_client') {
    return rejected(403, 'PayPal rejected the client ID and secret');
  }
  if (tokenSent.res.status !== 200 || typeof accessToken !== 'string' || accessToken === '') return UNAVAILABLE;

  const envelope = JSON.stringify({ ...fields, webhook_id: credentials.webhook_id });
  const verifySent = await send(ctx, 'PayPal', {
    method: 'POST',
    url: `${ctx.baseUrl}/v1/notifications/verify-webhook-signature`,
    headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json', accept: 'application/json' },
    body: `${envelope.slice(0, -1)},"webhook_event":${text}}`,
  });
  if ('outcome' in verifySent) return UNAVAILABLE;
  const { res } = verifySent;
  if (res.status === 401 || res.status === 403) return UNAVAILABLE; // our fresh token refused: PayPal's problem
  if (res.status !== 200) return rejected(401, `PayPal refused to verify the signature (HTTP ${res.status})`);
  const verdict = pick(res.json, 'verification_status');
  if (verdict === 'FAILURE') return rejected(401, 'Signature does not match');
  if (verdict !== 'SUCCESS') return UNAVAILABLE;

  const id = pick(body, 'id');
  const type = pick(body, 'event_type');
  const eventType = typeof type === 'string' ? type : null;
  return {
    kind: 'verified',
    eventId: typeof id === 'string' && id !== '' ? id : null,
    eventType,
    events: normalize(eventType, pick(body, 'resource')),
  };
};

const PAYMENT_EVENTS: Record<string, string> = {
  'PAYMENT.CAPTURE.COMPLETED': 'payment.succeeded',
  'PAYMENT.CAPTURE.DENIED': 'payment.failed',
};

/** Currencies PayPal amounts carry without decimals; every other PayPal currency has two. */
const ZERO_DECIMAL = new Set(['HUF', 'JPY', 'TWD']);

/** `"12.90"` EUR → 1290: the smallest currency unit, like Stripe amounts; null when it does not fit. */
function minorUnits(value: string, currency: string): number | null {
  const match = /^(\d{1,15})(?:\.(\d{1,6}))?$/.exec(value);
  if (!match) return null;
  const digits = ZERO_DECIMAL.has(currency.toUpperCase()) ? 0 : 2;
  const fraction = (match[2] ?? '').padEnd(digits, '0');
  if (/[^0]/.test(fraction.slice(digits))) return null;
  const minor = Number(`${match[1]}${fraction.slice(0, digits)}`);
  return Number.isSafeInteger(minor) ? minor : null;
}

/** Capture events → PaymentEvent (currency lower-cased like Stripe's). */
function normalize(type: string | null, resource: unknown): NormalizedEvent[] {
  const mapped = type === null ? undefined : PAYMENT_EVENTS[type];
  if (!mapped) return [];
  const id = pick(resource, 'id');
  const value = pick(resource, 'amount', 'value');
  const currency = pick(resource, 'amount', 'currency_code');
  if (typeof id !== 'string' || typeof value !== 'string' || typeof currency !== 'string') return [];
  const amount = minorUnits(value, currency);
  if (amount === null) return [];
  const reason = pick(resource, 'status_details', 'reason');
  return [
    {
      type: mapped,
      payload: {
        payment_id: id,
        provider: 'paypal',
        amount,
        currency: currency.toLowerCase(),
        failure_reason: mapped === 'payment.failed' && typeof reason === 'string' ? reason : null,
      },
    },
  ];
}
