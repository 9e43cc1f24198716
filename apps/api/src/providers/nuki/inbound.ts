import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

import { pick } from '../outcome.js';
import type { InboundHandler, InboundResult } from '../types.js';

const rejected = (status: number, reason: string): InboundResult => ({ kind: 'rejected', status, reason });

/**
 * Nuki Web API decentral webhooks: `X-Nuki-Signature-SHA256: <hex HMAC-SHA256(secret, raw body)>`,
 * keyed with the secret Nuki returns when the webhook is registered (credential `webhook_secret`).
 * Nuki sends no event id, so the body hash deduplicates. Nothing is normalized yet: lock and device
 * events need our device ids, which processing resolves.
 */
export const inbound: InboundHandler = async (ctx) => {
  const secret = ctx.credentials.webhook_secret;
  if (!secret) return rejected(403, 'Webhook secret not configured');
  const header = ctx.request.headers['x-nuki-signature-sha256'];
  if (!header) return rejected(401, 'Missing X-Nuki-Signature-SHA256 header');

  const expected = createHmac('sha256', secret).update(ctx.request.rawBody).digest();
  const received = /^[0-9a-f]{64}$/i.test(header.trim()) ? Buffer.from(header.trim(), 'hex') : Buffer.alloc(0);
  if (received.length !== expected.length || !timingSafeEqual(received, expected)) {
    return rejected(401, 'Signature does not match');
  }

  let body: unknown;
  try {
    body = JSON.parse(ctx.request.rawBody.toString('utf8'));
  } catch {
    return rejected(400, 'Body is not valid JSON');
  }
  const feature = pick(body, 'feature');
  return {
    kind: 'verified',
    eventId: createHash('sha256').update(ctx.request.rawBody).digest('hex'),
    eventType: typeof feature === 'string' && feature !== '' ? feature : null,
    events: [],
  };
};
