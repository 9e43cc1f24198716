import type { BookingEvent } from '@gatehouse/shared';

import { pick, send } from '../outcome.js';
import type { NormalizedEvent, VerifyContext } from '../types.js';

const PROVIDER = 'Beds24';

/** What the V1 notify URL's `status` query said happened; a hint only, since Beds24 may send `modify` for anything. */
export type Beds24NotifyHint = 'new' | 'modify' | 'cancel';

export type FetchBookingResult = { ok: true; event: NormalizedEvent } | { ok: false; retry: boolean; reason: string };

const fail = (retry: boolean, reason: string): FetchBookingResult => ({ ok: false, retry, reason });

/** Beds24 booking statuses that are reservations, and what they mean here. `black` (a blocked period) is not one. */
const STATUSES: Record<string, BookingEvent['status']> = {
  confirmed: 'confirmed',
  new: 'confirmed',
  request: 'pending',
  inquiry: 'pending',
  cancelled: 'cancelled',
};

const dateOf = (value: unknown): string | null =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null;
const idOf = (value: unknown): string | null =>
  (typeof value === 'number' && Number.isSafeInteger(value)) || (typeof value === 'string' && value !== '')
    ? String(value)
    : null;
const nameOf = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/**
 * Beds24 notifications are unsigned, so a booking they name is trusted only once re-fetched through
 * API V2: the stored `refresh_token` gets a token (`GET /v2/authentication/token`, header
 * `refreshToken`), then `GET /v2/bookings?id=<id>` (header `token`) answers
 * `{ success, type: 'booking', count, data: [booking] }`.
 *
 * The booking alone does not say whether it is new, so it becomes `booking.cancelled` when
 * cancelled and `booking.updated` otherwise. The V1 notify query's `status=new` can tell a new
 * booking apart: pass it as `hint` and a booking that is not cancelled becomes `booking.created`.
 *
 * Failures are `retry: true` when they may heal by themselves (network, timeouts, 429, 5xx,
 * unexpected answers) and `retry: false` when the credentials or the booking are at fault. Reasons
 * are ours: never a token, never the provider's body.
 */
export async function fetchBooking(
  ctx: VerifyContext,
  bookingId: string,
  hint?: Beds24NotifyHint,
): Promise<FetchBookingResult> {
  const refreshToken = (ctx.credentials.refresh_token ?? '').trim();
  if (!refreshToken) return fail(false, 'No Beds24 refresh token is stored; enter a new invite code');

  const auth = await send(ctx, PROVIDER, { url: `${ctx.baseUrl}/v2/authentication/token`, headers: { refreshToken } });
  if ('outcome' in auth) return fail(true, auth.outcome.reason);
  const token = pick(auth.res.json, 'token');
  if (auth.res.status === 400 || auth.res.status === 401 || auth.res.status === 403) {
    return fail(
      false,
      'Beds24 rejected the refresh token: it is invalid, or expired after 30 days unused; enter a new invite code',
    );
  }
  if (auth.res.status !== 200 || typeof token !== 'string' || token === '') {
    return fail(true, `${PROVIDER} gave an unexpected answer to the token request (HTTP ${auth.res.status})`);
  }

  const query = new URLSearchParams({ id: bookingId });
  const sent = await send(ctx, PROVIDER, { url: `${ctx.baseUrl}/v2/bookings?${query.toString()}`, headers: { token } });
  if ('outcome' in sent) return fail(true, sent.outcome.reason);
  const { res } = sent;
  if (res.status === 401 || res.status === 403) {
    return fail(
      false,
      `Beds24 refused to read bookings (HTTP ${res.status}): the API access needs read access to bookings; enter a new invite code`,
    );
  }
  if (res.status === 400 || res.status === 404) {
    return fail(false, `Beds24 refused the query for booking ${bookingId} (HTTP ${res.status})`);
  }
  const data = pick(res.json, 'data');
  if (res.status !== 200 || pick(res.json, 'success') !== true || !Array.isArray(data)) {
    return fail(true, `${PROVIDER} gave an unexpected answer to the booking request (HTTP ${res.status})`);
  }

  const booking: unknown = data.find((item) => idOf(pick(item, 'id')) === bookingId);
  if (booking === undefined) return fail(false, `Booking ${bookingId} not found in Beds24`);

  const raw = pick(booking, 'status');
  const status = typeof raw === 'string' ? STATUSES[raw.toLowerCase()] : undefined;
  if (status === undefined) {
    const shown = typeof raw === 'string' && /^[A-Za-z_]{1,32}$/.test(raw) ? raw : 'unknown';
    return fail(false, `Beds24 booking ${bookingId} has status ${shown}, which is not a reservation`);
  }

  const guest = `${nameOf(pick(booking, 'firstName'))} ${nameOf(pick(booking, 'lastName'))}`.trim();
  const payload: BookingEvent = {
    booking_id: bookingId,
    provider: 'beds24',
    property_id: idOf(pick(booking, 'propertyId')),
    status,
    check_in: dateOf(pick(booking, 'arrival')),
    check_out: dateOf(pick(booking, 'departure')),
    guest_name: guest === '' ? null : guest,
  };
  const type = status === 'cancelled' ? 'booking.cancelled' : hint === 'new' ? 'booking.created' : 'booking.updated';
  return { ok: true, event: { type, payload } };
}
