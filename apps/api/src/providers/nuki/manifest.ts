import type { ProviderManifest } from '../types.js';
import { monogram } from '../logo.js';

export const manifest: ProviderManifest = {
  id: 'nuki',
  displayName: 'Nuki',
  category: 'access',
  description: 'Issue guest keypad codes and lock or unlock Nuki Smart Locks through the Nuki Web API.',
  docsUrl: 'https://developer.nuki.io/page/nuki-web-api-1-4/3#heading--api-tokens',
  logoSvg: monogram('N', '#ff8a00'),
  regions: null,
  capabilities: ['lock_codes', 'lock_actions'],
  credentialSchema: {
    api_token: {
      type: 'string',
      sensitive: true,
      required: true,
      label: 'API token',
      description:
        'A Nuki Web API token from web.nuki.io → Web API, with the account, smart lock, smart lock action and authorization permissions.',
      pattern: '^[A-Za-z0-9._~+/=-]{20,}$',
      pattern_message: 'API token must be the long token generated in Nuki Web → Web API, without spaces',
      placeholder: '1db3cb5fade30a2ec6ce…',
    },
    webhook_secret: {
      type: 'string',
      sensitive: true,
      required: false,
      label: 'Webhook secret',
      description:
        'Optional. The secret Nuki returns when a decentral webhook is registered; it verifies X-Nuki-Signature-SHA256.',
    },
  },
  defaultBaseUrl: 'https://api.nuki.io',
  sendsWebhooks: true,
  healthHints: [
    "Open a property's Smart Lock page: its active codes should load within seconds.",
    'Issue a maintenance code and check that it shows in the Nuki app.',
  ],
};
