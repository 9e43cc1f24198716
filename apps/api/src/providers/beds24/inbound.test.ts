import { createHash } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import type { OutboundHttp } from '../../net/outbound.js';
import type { Credentials, InboundRequest, InboundResult } from '../types.js';
import { inbound } from './inbound.js';

const TOKEN = 'ib_5c0f3a9e7d1b4c2a8f6e0d9c3b7a1e4f';
const CREDS: Credentials = { refresh_token: 'Ea6DftE50aYYRe', inbound_token: TOKEN };
const http: OutboundHttp = {
  request: () => Promise.reject(new Error('no HTTP in Beds24 inbound')),
  resolveAllowed: () => Promise.reject(new Error('no HTTP in Beds24 inbound')),
};
const run = (request: Partial<InboundRequest>, credentials: Credentials = CREDS): Promise<InboundResult> =>
  inbound({
    request: {
      method: 'POST',
      rawBody: Buffer.alloc(0),
      headers: {},
      query: {},
      publicUrl: 'https://gh.test/api/webhooks/beds24/t/hotel-ada',
      ...request,
    },
    credentials,
    http,
    baseUrl: 'https://api.beds24.com',
    now: new Date('2026-03-01T12:00:00Z'),
  });
const hash16 = (body: string) => createHash('sha256').update(body).digest('hex').slice(0, 16);

/** The minute of receipt is part of the id, so later changes to one booking are not dropped as duplicates. */
const MINUTE = Math.floor(Date.parse('2026-03-01T12:00:00Z') / 60_000);

describe('Beds24 inbound webhooks', () => {
  it('accepts a V1 notification with the token in the URL, without trusting its details', async () => {
    expect(await run({ method: 'GET', query: { token: TOKEN, bookid: '12345678', status: 'new' } })).toEqual({
      kind: 'verified',
      eventId: `12345678:new:${hash16('')}:${MINUTE}`,
      eventType: 'booking.notify:12345678',
      events: [],
    });
  });

  it('accepts a V2 JSON notification with the token as a custom header', async () => {
    const body = JSON.stringify({
      timeStamp: '2026-03-01T11:59:30Z',
      booking: {
        id: 63152789,
        propertyId: 145377,
        roomId: 309917,
        status: 'cancelled',
        arrival: '2026-12-01',
        departure: '2026-12-04',
        firstName: 'Ada',
        lastName: 'Lovelace',
      },
      infoItems: [],
      invoiceItems: [],
    });
    expect(await run({ rawBody: Buffer.from(body), headers: { 'x-gatehouse-token': TOKEN } })).toEqual({
      kind: 'verified',
      eventId: `63152789:cancelled:${hash16(body)}:${MINUTE}`,
      eventType: 'booking.notify:63152789',
      events: [],
    });
  });

  it('reads V1 form data in a POST body', async () => {
    const body = 'bookid=87654321&status=modify';
    expect(await run({ rawBody: Buffer.from(body), query: { token: TOKEN } })).toMatchObject({
      kind: 'verified',
      eventId: `87654321:modify:${hash16(body)}:${MINUTE}`,
      eventType: 'booking.notify:87654321',
    });
  });

  it('accepts an inventory webhook', async () => {
    const body = '{"roomId":309917,"propId":145377,"ownerId":9911,"action":"SYNC_ROOM"}';
    expect(await run({ rawBody: Buffer.from(body), headers: { 'x-gatehouse-token': TOKEN } })).toEqual({
      kind: 'verified',
      eventId: `room:309917:SYNC_ROOM:${hash16(body)}`,
      eventType: 'SYNC_ROOM',
      events: [],
    });
  });

  it.each<[string, Partial<InboundRequest>, Credentials, number, string]>([
    ['a missing token', { query: { bookid: '1', status: 'new' } }, CREDS, 401, 'Missing inbound token'],
    [
      'a wrong token',
      { query: { token: `${TOKEN}x`, bookid: '1', status: 'new' } },
      CREDS,
      401,
      'Inbound token does not match',
    ],
    [
      'a wrong header token',
      { headers: { 'x-gatehouse-token': 'guess' }, query: { bookid: '1' } },
      CREDS,
      401,
      'Inbound token does not match',
    ],
    [
      'no configured token',
      { query: { token: TOKEN, bookid: '1' } },
      { refresh_token: 'x' },
      403,
      'Inbound token not configured',
    ],
    [
      'an empty configured token',
      { query: { token: '', bookid: '1' } },
      { inbound_token: '' },
      403,
      'Inbound token not configured',
    ],
    [
      'invalid JSON',
      { query: { token: TOKEN }, rawBody: Buffer.from('{"booking":') },
      CREDS,
      400,
      'Body is not valid JSON',
    ],
    ['no booking id', { query: { token: TOKEN, status: 'new' } }, CREDS, 400, 'Notification has no booking id'],
    [
      'a booking id that is not an id',
      { query: { token: TOKEN, bookid: '1;drop' } },
      CREDS,
      400,
      'Notification has no booking id',
    ],
  ])('rejects %s', async (_name, request, credentials, status, reason) => {
    const result = await run(request, credentials);
    expect(result).toEqual({ kind: 'rejected', status, reason });
    expect(JSON.stringify(result)).not.toContain(TOKEN);
  });
});
