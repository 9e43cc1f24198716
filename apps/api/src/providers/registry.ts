import { stripe } from './stripe/index.js';
import { paypal } from './paypal/index.js';
import { openrouter } from './openrouter/index.js';
import { twilio } from './twilio/index.js';
import { whatsapp } from './whatsapp/index.js';
import { hospitable } from './hospitable/index.js';
import { beds24 } from './beds24/index.js';
import { smtp } from './smtp/index.js';
import { nuki } from './nuki/index.js';
import { twon } from './twon/index.js';
import type { ProviderDefinition } from './types.js';

/** Every provider, in catalog order. Adding a provider: one folder and one line here. */
export const PROVIDERS: readonly ProviderDefinition[] = [
  stripe,
  paypal,
  openrouter,
  twilio,
  whatsapp,
  hospitable,
  beds24,
  smtp,
  nuki,
  twon,
];

const byId = new Map(PROVIDERS.map((p) => [p.manifest.id, p]));

export const findProvider = (id: string): ProviderDefinition | undefined => byId.get(id);
