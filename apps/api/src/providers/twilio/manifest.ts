import type { ProviderManifest } from '../types.js';
import { monogram } from '../logo.js';

export const manifest: ProviderManifest = {
  id: 'twilio',
  displayName: 'Twilio',
  category: 'communication',
  description: 'Send booking confirmations and access codes by SMS and WhatsApp through your Twilio account.',
  docsUrl: 'https://www.twilio.com/docs/iam/api/account',
  logoSvg: monogram('T', '#f22f46'),
  regions: null,
  capabilities: ['send_sms', 'send_whatsapp'],
  credentialSchema: {
    account_sid: {
      type: 'string',
      sensitive: false,
      required: true,
      label: 'Account SID',
      description: 'From the Twilio Console → Account Info; use a subaccount SID to keep Gatehouse traffic separate.',
      pattern: '^AC[0-9a-fA-F]{32}$',
      pattern_message: 'Account SID must be AC followed by 32 hexadecimal characters',
      placeholder: 'AC…',
    },
    auth_token: {
      type: 'string',
      sensitive: true,
      required: true,
      label: 'Auth token',
      description: 'The auth token shown next to the Account SID; rotating it in Twilio requires updating it here.',
      placeholder: 'Your auth token',
    },
    from_number: {
      type: 'string',
      sensitive: false,
      required: true,
      label: 'Sender number',
      description: 'A Twilio phone number of this account that sends the messages, in E.164 format.',
      pattern: '^\\+[1-9]\\d{1,14}$',
      pattern_message: 'Sender number must be in E.164 format, e.g. +15550100000',
      placeholder: '+15550100000',
    },
  },
  defaultBaseUrl: 'https://api.twilio.com',
  sendsWebhooks: true,
  healthHints: [
    'The card shows Connected and the Twilio account name you expect.',
    'Send a test SMS to your own phone; it appears in the Twilio Console → Monitor → Messaging logs as delivered.',
    "In the Twilio Console, the sender number's messaging webhook points at the endpoint URL below.",
  ],
};
