import type { ProviderManifest } from '../types.js';
import { monogram } from '../logo.js';

const modeOf = (key: string | undefined) =>
  key === undefined ? null : /^(pk|sk|rk)_live_/.test(key) ? 'live' : /^(pk|sk|rk)_test_/.test(key) ? 'test' : null;

export const manifest: ProviderManifest = {
  id: 'stripe',
  displayName: 'Stripe',
  category: 'payment',
  description: 'Accept card payments for bookings and memberships.',
  docsUrl: 'https://docs.stripe.com/keys',
  logoSvg: monogram('S', '#635bff'),
  // Stripe's supported countries (https://stripe.com/global), abridged to ISO codes.
  regions: [
    'AE',
    'AT',
    'AU',
    'BE',
    'BG',
    'BR',
    'CA',
    'CH',
    'CY',
    'CZ',
    'DE',
    'DK',
    'EE',
    'ES',
    'FI',
    'FR',
    'GB',
    'GI',
    'GR',
    'HK',
    'HR',
    'HU',
    'IE',
    'IN',
    'IT',
    'JP',
    'LI',
    'LT',
    'LU',
    'LV',
    'MT',
    'MX',
    'MY',
    'NL',
    'NO',
    'NZ',
    'PL',
    'PT',
    'RO',
    'SE',
    'SG',
    'SI',
    'SK',
    'TH',
    'US',
  ],
  capabilities: ['initiate_payment', 'process_refund', 'verify_payment'],
  credentialSchema: {
    publishable_key: {
      type: 'string',
      sensitive: false,
      required: true,
      label: 'Publishable key',
      description: 'From Stripe → Developers → API keys. Decides the mode: test or live.',
      pattern: '^pk_(test|live)_[A-Za-z0-9]+$',
      pattern_message: 'Publishable key must start with pk_test_ or pk_live_',
      placeholder: 'pk_test_…',
    },
    secret_key: {
      type: 'string',
      sensitive: true,
      required: true,
      label: 'Secret key',
      description: 'A secret (sk_…) or restricted (rk_…) key with read access to Balance.',
      pattern: '^(sk|rk)_(test|live)_[A-Za-z0-9]+$',
      pattern_message: 'Secret key must start with sk_test_, sk_live_, rk_test_ or rk_live_',
      placeholder: 'sk_test_…',
    },
    webhook_secret: {
      type: 'string',
      sensitive: true,
      required: false,
      label: 'Webhook signing secret',
      description: 'Optional. Needed only if you send Stripe webhooks to the endpoint URL below.',
      pattern: '^whsec_[A-Za-z0-9]+$',
      pattern_message: 'Webhook signing secret must start with whsec_',
      placeholder: 'whsec_…',
    },
  },
  defaultBaseUrl: 'https://api.stripe.com',
  sendsWebhooks: true,
  healthHints: [
    'The card shows Connected and the mode you expect (Test or Live).',
    'In the Stripe dashboard, Developers → Webhooks lists the endpoint URL with recent successful deliveries.',
  ],
  mode: (c) => modeOf(c.publishable_key) ?? modeOf(c.secret_key),
  crossCheck: (c): Record<string, string> => {
    const pk = modeOf(c.publishable_key);
    const sk = modeOf(c.secret_key);
    return pk && sk && pk !== sk
      ? { secret_key: `Secret key is a ${sk} key but the publishable key is a ${pk} key; use keys of one mode` }
      : {};
  },
};
