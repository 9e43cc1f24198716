import type { ProviderManifest } from '../types.js';
import { monogram } from '../logo.js';

export const manifest: ProviderManifest = {
  id: 'paypal',
  displayName: 'PayPal',
  category: 'payment',
  description: 'Take PayPal payments, refunds and subscriptions for bookings and memberships.',
  docsUrl: 'https://developer.paypal.com/api/rest/authentication/',
  logoSvg: monogram('PP', '#003087'),
  regions: null,
  capabilities: ['initiate_payment', 'process_refund', 'manage_subscriptions'],
  credentialSchema: {
    environment: {
      type: 'select',
      sensitive: false,
      required: true,
      label: 'Environment',
      description: 'Sandbox for testing with sandbox accounts, Live for real payments. Decides the mode.',
      options: [
        { value: 'sandbox', label: 'Sandbox' },
        { value: 'live', label: 'Live' },
      ],
      default: 'sandbox',
    },
    client_id: {
      type: 'string',
      sensitive: false,
      required: true,
      label: 'Client ID',
      description: 'From the PayPal Developer Dashboard → Apps & Credentials, for the REST app of this environment.',
      pattern: '^[A-Za-z0-9_-]{20,128}$',
      pattern_message: 'Client ID must be the 20–128 letters, digits, - or _ shown for your REST app',
      placeholder: 'AbCdEf…',
    },
    client_secret: {
      type: 'string',
      sensitive: true,
      required: true,
      label: 'Client secret',
      description: 'The secret shown next to the client ID of the same REST app and environment.',
      pattern: '^[A-Za-z0-9_-]{20,128}$',
      pattern_message: 'Client secret must be the 20–128 letters, digits, - or _ shown for your REST app',
      placeholder: 'EFgH…',
    },
    webhook_id: {
      type: 'string',
      sensitive: false,
      required: false,
      label: 'Webhook ID',
      description:
        'Optional. The ID PayPal shows for the webhook you add with the endpoint URL below; needed to verify webhook signatures.',
      pattern: '^[A-Z0-9]{10,40}$',
      pattern_message:
        'Webhook ID must be the upper-case letters and digits PayPal shows, e.g. 8PT597110X687430LKGECATA',
      placeholder: '8PT597110X687430LKGECATA',
    },
  },
  defaultBaseUrl: (c) => (c.environment === 'live' ? 'https://api-m.paypal.com' : 'https://api-m.sandbox.paypal.com'),
  sendsWebhooks: true,
  healthHints: [
    'The card shows Connected and the environment you expect (Sandbox or Live).',
    "In the PayPal Developer Dashboard, your app's Webhooks list the endpoint URL below with recent successful deliveries.",
  ],
  mode: (c) => (c.environment === 'live' ? 'live' : c.environment === 'sandbox' ? 'test' : null),
};
