import { createHmac } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import type { OutboundHttp } from '../../net/outbound.js';
import type { Credentials, InboundResult } from '../types.js';
import { inbound } from './inbound.js';

const SECRET = 'hsp_whsec_4f1e2d3c4b5a69788796a5b4c3d2e1f0';
const http: OutboundHttp = {
  request: () => Promise.reject(new Error('no HTTP in Hospitable inbound')),
  resolveAllowed: () => Promise.reject(new Error('no HTTP in Hospitable inbound')),
};
const sign = (body: string, secret = SECRET) => createHmac('sha256', secret).update(body).digest('hex');
const run = (
  body: string,
  headers: Record<string, string>,
  credentials: Credentials = { api_key: 'eyJ0eXAiOiJKV1Qi', webhook_secret: SECRET },
): Promise<InboundResult> =>
  inbound({
    request: { method: 'POST', rawBody: Buffer.from(body), headers, query: {}, publicUrl: 'https://gh.test/x' },
    credentials,
    http,
    baseUrl: 'https://public.api.hospitable.com',
    now: new Date('2026-03-01T12:00:00Z'),
  });

const reservation = (action: string, data: Record<string, unknown> = {}) =>
  JSON.stringify({
    id: '01HQZ8K3V4W5X6Y7Z8A9B0C1D2',
    action,
    data: {
      id: 'becd1474-ccd1-40bf-9ce8-04456bfa338d',
      code: 'HMABCD1234',
      platform: 'airbnb',
      arrival_date: '2026-12-01T16:00:00+01:00',
      departure_date: '2026-12-04T11:00:00+01:00',
      reservation_status: { current: { category: 'accepted', sub_category: 'accepted' } },
      guest: { first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.com' },
      properties: [{ id: 'prop_42', name: 'Flat 3' }],
      ...data,
    },
    created: '2026-03-01T11:59:58Z',
    version: 'v2',
  });

describe('Hospitable inbound webhooks', () => {
  it('matches the documented vector (minified body)', async () => {
    expect(sign('{"foo":"bar"}', '123456')).toBe('cc99bf5947391ddb0d0d9866f5b9d3a68e8b273c5ac8f699b4ae2399a7433118');
    const result = await run(
      '{"foo":"bar"}',
      { signature: 'cc99bf5947391ddb0d0d9866f5b9d3a68e8b273c5ac8f699b4ae2399a7433118' },
      { webhook_secret: '123456' },
    );
    expect(result).toEqual({ kind: 'verified', eventId: null, eventType: null, events: [] });
    expect(
      await run(
        '{"foo": "bar"}',
        { signature: 'cc99bf5947391ddb0d0d9866f5b9d3a68e8b273c5ac8f699b4ae2399a7433118' },
        { webhook_secret: '123456' },
      ),
    ).toEqual({ kind: 'rejected', status: 401, reason: 'Signature does not match' });
  });

  it('normalizes reservation.created into booking.created', async () => {
    const body = reservation('reservation.created');
    expect(await run(body, { signature: sign(body) })).toEqual({
      kind: 'verified',
      eventId: '01HQZ8K3V4W5X6Y7Z8A9B0C1D2',
      eventType: 'reservation.created',
      events: [
        {
          type: 'booking.created',
          payload: {
            booking_id: 'becd1474-ccd1-40bf-9ce8-04456bfa338d',
            provider: 'hospitable',
            property_id: 'prop_42',
            status: 'confirmed',
            check_in: '2026-12-01',
            check_out: '2026-12-04',
            guest_name: 'Ada Lovelace',
          },
        },
      ],
    });
  });

  it('treats reservation.changed as booking.updated, or booking.cancelled when its status is cancelled', async () => {
    const changed = reservation('reservation.changed', { departure_date: '2026-12-05' });
    expect(await run(changed, { signature: sign(changed) })).toMatchObject({
      events: [{ type: 'booking.updated', payload: { status: 'confirmed', check_out: '2026-12-05' } }],
    });
    const cancelled = reservation('reservation.changed', {
      reservation_status: { current: { category: 'cancelled', sub_category: 'cancelled by guest' } },
    });
    expect(await run(cancelled, { signature: sign(cancelled) })).toMatchObject({
      events: [{ type: 'booking.cancelled', payload: { status: 'cancelled' } }],
    });
    const legacy = reservation('reservation.cancelled', { reservation_status: undefined, status: 'cancelled' });
    expect(await run(legacy, { signature: sign(legacy) })).toMatchObject({
      events: [{ type: 'booking.cancelled', payload: { status: 'cancelled' } }],
    });
  });

  it('maps other field spellings defensively', async () => {
    const body = JSON.stringify({
      id: '01HQZ8K3V4W5X6Y7Z8A9B0C1D3',
      action: 'reservation.created',
      data: {
        code: 'HMXYZ',
        property_id: 77,
        check_in: '2026-07-01',
        check_out: '2026-07-03',
        status: 'request',
        guest: { name: 'Grace Hopper' },
      },
    });
    expect(await run(body, { signature: sign(body) })).toMatchObject({
      events: [
        {
          type: 'booking.created',
          payload: {
            booking_id: 'HMXYZ',
            property_id: '77',
            status: 'pending',
            check_in: '2026-07-01',
            check_out: '2026-07-03',
            guest_name: 'Grace Hopper',
          },
        },
      ],
    });
    const bare = JSON.stringify({ id: 'x', action: 'reservation.created', data: { id: 'r1' } });
    expect(await run(bare, { signature: sign(bare) })).toMatchObject({
      events: [
        {
          type: 'booking.created',
          payload: { booking_id: 'r1', property_id: null, check_in: null, check_out: null, guest_name: null },
        },
      ],
    });
  });

  it('accepts other actions without normalized events', async () => {
    const body = JSON.stringify({ id: '01HQ', action: 'message.created', data: { body: 'hi' } });
    expect(await run(body, { signature: sign(body) })).toEqual({
      kind: 'verified',
      eventId: '01HQ',
      eventType: 'message.created',
      events: [],
    });
  });

  it.each<[string, string, Record<string, string>, Credentials | undefined, number, string]>([
    ['a missing header', reservation('reservation.created'), {}, undefined, 401, 'Missing Signature header'],
    [
      'a wrong secret',
      reservation('reservation.created'),
      { signature: sign(reservation('reservation.created'), 'other') },
      undefined,
      401,
      'Signature does not match',
    ],
    [
      'a tampered body',
      reservation('reservation.changed'),
      { signature: sign(reservation('reservation.created')) },
      undefined,
      401,
      'Signature does not match',
    ],
    ['a signature that is not hex', '{}', { signature: 'zz'.repeat(32) }, undefined, 401, 'Signature does not match'],
    ['no configured secret', '{}', { signature: sign('{}') }, { api_key: 'k' }, 403, 'Webhook secret not configured'],
    ['a signed body that is not JSON', 'nope', { signature: sign('nope') }, undefined, 400, 'Body is not valid JSON'],
  ])('rejects %s', async (_name, body, headers, credentials, status, reason) => {
    const result = await run(body, headers, credentials);
    expect(result).toEqual({ kind: 'rejected', status, reason });
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });

  it('accepts an upper-case hex signature', async () => {
    const body = reservation('reservation.created');
    expect((await run(body, { signature: sign(body).toUpperCase() })).kind).toBe('verified');
  });
});
