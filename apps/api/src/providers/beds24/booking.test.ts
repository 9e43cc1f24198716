import { BookingEvent } from '@gatehouse/shared';
import { Beds24Fake, type Beds24Booking, FakeServer } from '@gatehouse/provider-fakes';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { createOutboundHttp } from '../../net/outbound-http.js';
import type { Credentials } from '../types.js';
import { type Beds24NotifyHint, fetchBooking } from './booking.js';

const REFRESH = 'Ea6DftE50aYYRe/qAd9SkQaSmTF6kaLQxH6gtRxO1h10yVC64d4qIj4BGiQOU+y5';

const fakes = new FakeServer([new Beds24Fake()]);
const beds24 = () => fakes.get<Beds24Fake>('beds24');
const http = createOutboundHttp({ allow: ['127.0.0.1/32'], timeoutMs: 500 });
const run = (bookingId: string, hint?: Beds24NotifyHint, credentials: Credentials = { refresh_token: REFRESH }) =>
  fetchBooking({ http, baseUrl: fakes.baseUrl('beds24'), credentials }, bookingId, hint);

/** The access tokens the fake issued during a test: none of them may appear in a reason. */
const issuedTokens = () => beds24().requests.flatMap((r) => (r.headers.token ? [r.headers.token] : []));
const expectNoSecrets = (text: string) => {
  expect(text).not.toContain(REFRESH);
  for (const token of issuedTokens()) expect(text).not.toContain(token);
};

const booking = (over: Partial<Beds24Booking> = {}): Beds24Booking => ({
  id: 93472260,
  propertyId: 4211,
  roomId: 88012,
  status: 'confirmed',
  arrival: '2026-12-01',
  departure: '2026-12-04',
  firstName: 'Ada ',
  lastName: 'Lovelace',
  numAdult: 2,
  ...over,
});

beforeAll(() => fakes.start());
afterAll(async () => {
  await http.close();
  await fakes.close();
});
beforeEach(() => {
  fakes.resetAll();
  beds24().addRefreshToken(REFRESH);
});

describe('fetchBooking against the Beds24 fake', () => {
  it('turns a confirmed booking into booking.updated, re-fetched with a fresh token', async () => {
    beds24().addBooking(booking());
    const result = await run('93472260');
    expect(result).toEqual({
      ok: true,
      event: {
        type: 'booking.updated',
        payload: {
          booking_id: '93472260',
          provider: 'beds24',
          property_id: '4211',
          status: 'confirmed',
          check_in: '2026-12-01',
          check_out: '2026-12-04',
          guest_name: 'Ada Lovelace',
        },
      },
    });
    if (result.ok) expect(BookingEvent.safeParse(result.event.payload).success).toBe(true);
    const [auth, read] = beds24().requests;
    expect(auth?.path).toBe('/v2/authentication/token');
    expect(auth?.headers.refreshtoken).toBe(REFRESH);
    expect(read?.path).toBe('/v2/bookings');
    expect(read?.query.get('id')).toBe('93472260');
    expect(read?.headers.token).toBeTruthy();
  });

  it('emits booking.created when the notification said the booking is new', async () => {
    beds24().addBooking(booking({ status: 'new' }));
    expect(await run('93472260', 'new')).toMatchObject({
      ok: true,
      event: { type: 'booking.created', payload: { status: 'confirmed' } },
    });
    // A "modify" or "cancel" hint alone does not make a live booking cancelled.
    expect(await run('93472260', 'cancel')).toMatchObject({ ok: true, event: { type: 'booking.updated' } });
  });

  it('emits booking.cancelled for a cancelled booking, whatever the hint', async () => {
    beds24().addBooking(booking({ status: 'cancelled' }));
    for (const hint of [undefined, 'new', 'modify'] as const) {
      expect(await run('93472260', hint)).toMatchObject({
        ok: true,
        event: { type: 'booking.cancelled', payload: { status: 'cancelled' } },
      });
    }
  });

  it.each([
    ['request', 'pending'],
    ['inquiry', 'pending'],
  ] as const)('maps status %s to %s', async (status, mapped) => {
    beds24().addBooking(booking({ status }));
    expect(await run('93472260')).toMatchObject({ ok: true, event: { payload: { status: mapped } } });
  });

  it('leaves missing guest names, properties and dates null', async () => {
    beds24().addBooking({ id: 7, status: 'confirmed', firstName: ' ', arrival: 'soon' });
    expect(await run('7')).toMatchObject({
      ok: true,
      event: { payload: { property_id: null, guest_name: null, check_in: null, check_out: null } },
    });
  });

  it('does not emit a blocked period (status black) as a reservation', async () => {
    beds24().addBooking(booking({ status: 'black' }));
    expect(await run('93472260')).toMatchObject({ ok: false, retry: false, reason: expect.stringMatching(/black/) });
  });

  it('reports an unknown booking as not found, without retrying', async () => {
    beds24().addBooking(booking());
    expect(await run('11111111')).toEqual({
      ok: false,
      retry: false,
      reason: 'Booking 11111111 not found in Beds24',
    });
    expectNoSecrets(JSON.stringify(await run('11111111')));
  });

  it('does not retry a revoked refresh token, and never echoes it', async () => {
    beds24().reset();
    const result = await run('93472260');
    expect(result).toMatchObject({ ok: false, retry: false, reason: expect.stringMatching(/refresh token/) });
    expectNoSecrets(JSON.stringify(result));
    expect(beds24().requests.map((r) => r.path)).toEqual(['/v2/authentication/token']);
  });

  it('does not retry without a stored refresh token', async () => {
    const result = await run('93472260', undefined, { refresh_token: ' ' });
    expect(result).toMatchObject({ ok: false, retry: false });
    expect(beds24().requests).toHaveLength(0);
  });

  it.each([
    ['a token Beds24 no longer accepts (401)', { tokenValid: false }, /HTTP 401/],
    ['a token without read:bookings (403)', { scopes: ['read:properties'] }, /HTTP 403/],
  ])('does not retry %s, and never echoes the token', async (_, opts, reason) => {
    beds24().addRefreshToken(REFRESH, opts).addBooking(booking());
    const result = await run('93472260');
    expect(result).toMatchObject({ ok: false, retry: false, reason: expect.stringMatching(reason) });
    expect(issuedTokens()).toHaveLength(1);
    expectNoSecrets(JSON.stringify(result));
  });

  it.each([
    ['down', /unavailable \(HTTP 503\)/],
    ['slow', /did not answer in time/],
    ['reset', /Could not reach Beds24/],
  ] as const)('retries when Beds24 is %s', async (mode, reason) => {
    beds24().addBooking(booking());
    beds24().mode = mode;
    beds24().slowMs = 1_500;
    const result = await run('93472260');
    expect(result).toMatchObject({ ok: false, retry: true, reason: expect.stringMatching(reason) });
    expectNoSecrets(JSON.stringify(result));
  });
});
