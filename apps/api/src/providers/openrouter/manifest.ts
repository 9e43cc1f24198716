import type { ProviderManifest } from '../types.js';
import { monogram } from '../logo.js';

export const manifest: ProviderManifest = {
  id: 'openrouter',
  displayName: 'OpenRouter',
  category: 'ai',
  description: 'Answer guest and member messages with large language models through one OpenRouter API key.',
  docsUrl: 'https://openrouter.ai/docs/api-keys',
  logoSvg: monogram('OR', '#6467f2'),
  regions: null,
  capabilities: ['chat_completion'],
  credentialSchema: {
    api_key: {
      type: 'string',
      sensitive: true,
      required: true,
      label: 'API key',
      description:
        'An inference key from OpenRouter → Settings → API Keys (not a management key, which cannot call completions).',
      pattern: '^sk-or-v1-[A-Za-z0-9]+$',
      pattern_message: 'API key must start with sk-or-v1-',
      placeholder: 'sk-or-v1-…',
    },
  },
  defaultBaseUrl: 'https://openrouter.ai',
  sendsWebhooks: false,
  healthHints: [
    'The card shows Connected and the key label you expect.',
    'In OpenRouter → Activity, recent requests from Gatehouse appear without errors.',
    'If the key has a credit limit, check in OpenRouter → Settings → API Keys that it is not used up.',
  ],
};
