import { stripe } from './stripe/index.js';
import type { ProviderDefinition } from './types.js';

/** Every provider, in catalog order. Adding a provider: one folder and one line here. */
export const PROVIDERS: readonly ProviderDefinition[] = [stripe];

const byId = new Map(PROVIDERS.map((p) => [p.manifest.id, p]));

export const findProvider = (id: string): ProviderDefinition | undefined => byId.get(id);
