import type { ProviderManifest } from '../types.js';
import { monogram } from '../logo.js';

export const manifest: ProviderManifest = {
  id: 'twon',
  displayName: '2N Intercom',
  category: 'access',
  description: 'Open doors and manage entry codes on 2N IP intercoms through the on-site bridge.',
  docsUrl: 'https://wiki.2n.com/hip/conf/latest/en/5-konfigurace-interkomu/5-4-sluzby/5-4-5-http-api',
  logoSvg: monogram('2N', '#1d1d1b'),
  regions: null,
  capabilities: ['intercom_open', 'intercom_codes'],
  credentialSchema: {},
  defaultBaseUrl: null,
  sendsWebhooks: false,
  healthHints: [
    'Intercoms are configured per property and appear once the bridge is paired.',
    "On a property's Intercom page, each device shows Online and opening the door from there works.",
  ],
};
