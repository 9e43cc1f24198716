import type { ProviderManifest } from '../types.js';
import { monogram } from '../logo.js';

export const manifest: ProviderManifest = {
  id: 'hospitable',
  displayName: 'Hospitable',
  category: 'booking',
  description: 'Sync short-term rental reservations from Hospitable and react to their changes as they happen.',
  docsUrl: 'https://developer.hospitable.com/docs/public-api-docs',
  logoSvg: monogram('H', '#e5484d'),
  regions: null,
  capabilities: ['sync_reservations', 'receive_reservation_events'],
  credentialSchema: {
    api_key: {
      type: 'string',
      sensitive: true,
      required: true,
      label: 'Personal access token',
      description: 'From Hospitable → Apps → API access → Access tokens; give it read access (including user:read).',
      placeholder: 'eyJ0eXAiOiJKV1Qi…',
    },
    webhook_secret: {
      type: 'string',
      sensitive: true,
      required: true,
      label: 'Webhook secret',
      description:
        'The HMAC secret Hospitable gives you for webhooks; verifies the Signature header of every inbound event.',
      placeholder: 'Your webhook secret',
    },
  },
  defaultBaseUrl: 'https://public.api.hospitable.com',
  sendsWebhooks: true,
  healthHints: [
    'Check the webhook log for recent inbound events from Hospitable.',
    'None in the last 24 hours while you have bookings means its webhook may be disabled; re-enable it in Hospitable.',
  ],
};
