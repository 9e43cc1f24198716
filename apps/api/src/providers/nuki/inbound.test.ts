import { createHash, createHmac } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import type { OutboundHttp } from '../../net/outbound.js';
import type { Credentials, InboundResult } from '../types.js';
import { inbound } from './inbound.js';

const SECRET = '3b8f1c0e6a2d4f9b7c5e1a0d8f6b4c2e';
const CREDS: Credentials = { api_token: '1db3cb5fade30a2ec6ce0000', webhook_secret: SECRET };
const http: OutboundHttp = {
  request: () => Promise.reject(new Error('no HTTP in Nuki inbound')),
  resolveAllowed: () => Promise.reject(new Error('no HTTP in Nuki inbound')),
};
const sign = (body: string, secret = SECRET) => createHmac('sha256', secret).update(body).digest('hex');
const run = (body: string, headers: Record<string, string>, credentials = CREDS): Promise<InboundResult> =>
  inbound({
    request: { method: 'POST', rawBody: Buffer.from(body), headers, query: {}, publicUrl: 'https://gh.test/x' },
    credentials,
    http,
    baseUrl: 'https://api.nuki.io',
    now: new Date('2026-03-01T12:00:00Z'),
  });

const status = JSON.stringify({
  feature: 'DEVICE_STATUS',
  smartlockId: 18023456789,
  deviceType: 0,
  name: 'Flat 3 front door',
  state: { mode: 2, state: 1, trigger: 0, batteryCritical: false, doorState: 2 },
});

describe('Nuki inbound webhooks', () => {
  it('verifies the signature and uses the body hash as the event id', async () => {
    expect(await run(status, { 'x-nuki-signature-sha256': sign(status) })).toEqual({
      kind: 'verified',
      eventId: createHash('sha256').update(status).digest('hex'),
      eventType: 'DEVICE_STATUS',
      events: [],
    });
  });

  it('has no event type when the body names no feature', async () => {
    expect(await run('{"smartlockId":1}', { 'x-nuki-signature-sha256': sign('{"smartlockId":1}') })).toMatchObject({
      kind: 'verified',
      eventType: null,
    });
  });

  it.each<[string, string, Record<string, string>, Credentials, number, string]>([
    ['a missing header', status, {}, CREDS, 401, 'Missing X-Nuki-Signature-SHA256 header'],
    [
      'a wrong secret',
      status,
      { 'x-nuki-signature-sha256': sign(status, 'f'.repeat(32)) },
      CREDS,
      401,
      'Signature does not match',
    ],
    [
      'a tampered body',
      status.replace('"state":1', '"state":3'),
      { 'x-nuki-signature-sha256': sign(status) },
      CREDS,
      401,
      'Signature does not match',
    ],
    [
      'a truncated signature',
      status,
      { 'x-nuki-signature-sha256': sign(status).slice(0, 62) },
      CREDS,
      401,
      'Signature does not match',
    ],
    [
      'no configured secret',
      status,
      { 'x-nuki-signature-sha256': sign(status) },
      { api_token: 'x' },
      403,
      'Webhook secret not configured',
    ],
    [
      'a signed body that is not JSON',
      'x',
      { 'x-nuki-signature-sha256': sign('x') },
      CREDS,
      400,
      'Body is not valid JSON',
    ],
  ])('rejects %s', async (_name, body, headers, credentials, code, reason) => {
    const result = await run(body, headers, credentials);
    expect(result).toEqual({ kind: 'rejected', status: code, reason });
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });
});
