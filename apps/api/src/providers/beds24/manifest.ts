import type { ProviderManifest } from '../types.js';
import { monogram } from '../logo.js';

const blank = (value: string | undefined) => (value ?? '').trim() === '';

export const manifest: ProviderManifest = {
  id: 'beds24',
  displayName: 'Beds24',
  category: 'booking',
  description: 'Import reservations from a Beds24 account (legacy, read-only).',
  docsUrl: 'https://wiki.beds24.com/index.php/Category:API_V2',
  logoSvg: monogram('B24', '#1f6fb2'),
  regions: null,
  capabilities: ['sync_reservations'],
  credentialSchema: {
    inbound_token: {
      type: 'string',
      sensitive: true,
      required: false,
      label: 'Inbound token',
      description:
        'Beds24 does not sign its notifications: choose a long random value and add ?token=<value> to the notify URL (or send it as the X-Gatehouse-Token custom header). Bookings are re-fetched through the API before they are trusted.',
      pattern: '^[A-Za-z0-9_-]{24,128}$',
      pattern_message: 'Inbound token must be 24 to 128 letters, digits, - or _',
    },
    refresh_token: {
      type: 'string',
      sensitive: true,
      required: false,
      label: 'Refresh token',
      description:
        'A Beds24 API V2 refresh token. Leave empty when you enter an invite code: Gatehouse exchanges it for one.',
      pattern: '^[A-Za-z0-9+/=._-]+$',
      pattern_message: 'Refresh token must be the token exactly as Beds24 shows it, without spaces',
      placeholder: 'Ea6DftE50aYYRe/qAd9SkQ…',
    },
    invite_code: {
      type: 'string',
      sensitive: true,
      required: false,
      label: 'Invite code',
      description:
        'From Beds24 → Settings → Apps & Integrations → API → Generate invite code (with read access to bookings). Used once.',
      pattern: '^[A-Za-z0-9+/=._-]+$',
      pattern_message: 'Invite code must be the code exactly as Beds24 shows it, without spaces',
      placeholder: 'Paste the invite code',
    },
  },
  defaultBaseUrl: 'https://api.beds24.com',
  sendsWebhooks: true,
  readOnly: true,
  healthHints: [
    'The card shows Connected; Beds24 is read-only here, so reservations are imported but never written back.',
    'In Beds24, Settings → Properties → Access lists the booking webhook URL shown below, and new bookings appear here within minutes.',
  ],
  crossCheck: (c): Record<string, string> =>
    blank(c.refresh_token) && blank(c.invite_code) ? { refresh_token: 'Enter a refresh token or an invite code' } : {},
};
