import type { ProviderManifest } from '../types.js';
import { monogram } from '../logo.js';

export const manifest: ProviderManifest = {
  id: 'whatsapp',
  displayName: 'WhatsApp',
  category: 'communication',
  description: 'Send and receive WhatsApp messages with guests and members through the WhatsApp Cloud API.',
  docsUrl: 'https://developers.facebook.com/docs/whatsapp/cloud-api/get-started',
  logoSvg: monogram('W', '#25d366'),
  regions: null,
  capabilities: ['send_whatsapp', 'receive_whatsapp'],
  credentialSchema: {
    phone_number_id: {
      type: 'string',
      sensitive: false,
      required: true,
      label: 'Phone number ID',
      description:
        'From Meta → WhatsApp → API Setup (not the phone number itself). It is the inbound routing key: without it, inbound webhooks cannot be matched to this tenant.',
      pattern: '^[0-9]{5,20}$',
      pattern_message: 'Phone number ID must be 5 to 20 digits (the ID, not the phone number)',
      placeholder: '106540352242922',
    },
    business_account_id: {
      type: 'string',
      sensitive: false,
      required: false,
      label: 'WhatsApp Business Account ID',
      description: 'Optional. The WABA ID shown on the same API Setup page; used to manage message templates.',
      pattern: '^[0-9]{5,20}$',
      pattern_message: 'WhatsApp Business Account ID must be 5 to 20 digits',
      placeholder: '102290129340398',
    },
    verify_token: {
      type: 'string',
      sensitive: true,
      required: true,
      label: 'Webhook verify token',
      description:
        'A secret you choose and also enter in Meta → WhatsApp → Configuration; Meta echoes it in the webhook handshake.',
      placeholder: 'A long random string',
    },
    access_token: {
      type: 'string',
      sensitive: true,
      required: true,
      label: 'Access token',
      description:
        'A permanent System User token with the whatsapp_business_management and whatsapp_business_messaging permissions (temporary tokens expire after 24 hours).',
      placeholder: 'EAAG…',
    },
    app_secret: {
      type: 'string',
      sensitive: true,
      required: true,
      label: 'App secret',
      description: 'From Meta → App settings → Basic; verifies the X-Hub-Signature-256 of every inbound webhook.',
      pattern: '^[0-9a-f]{32}$',
      pattern_message: 'App secret must be 32 hexadecimal characters',
      placeholder: '32 hexadecimal characters',
    },
  },
  defaultBaseUrl: 'https://graph.facebook.com/v21.0',
  sendsWebhooks: true,
  healthHints: [
    'The inbound rate in the webhook log is non-zero.',
    'Send a test message from a non-staff phone to the business number; it appears in the webhook log within seconds.',
    'Test the outbound reply: answer that message and check it arrives on the phone.',
  ],
};
