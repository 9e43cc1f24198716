import type { ProviderDefinition } from '../types.js';
import { inbound } from './inbound.js';
import { manifest } from './manifest.js';
import { verify } from './verify.js';

export const beds24: ProviderDefinition = { manifest, verify, inbound };
