import { z } from 'zod';

import { IntegrationStatus } from './integrations.js';

/**
 * The typed event catalog. Events are written to the outbox in the same transaction as the change
 * that caused them and delivered to every subscribed webhook endpoint. Type names are versioned by
 * shape: a breaking change gets a new name, never a changed payload.
 */
export const IntegrationStatusChanged = z
  .object({
    integration_id: z.uuid(),
    provider: z.string(),
    from_status: IntegrationStatus.nullable(),
    to_status: IntegrationStatus,
    reason: z.string(),
  })
  .meta({ id: 'IntegrationStatusChangedEvent' });
export type IntegrationStatusChanged = z.infer<typeof IntegrationStatusChanged>;

/** A reservation normalized from any booking channel (Hospitable, Beds24). */
export const BookingEvent = z
  .object({
    booking_id: z.string(),
    provider: z.string(),
    property_id: z.string().nullable(),
    status: z.enum(['confirmed', 'cancelled', 'pending']),
    check_in: z.string().nullable(),
    check_out: z.string().nullable(),
    guest_name: z.string().nullable(),
  })
  .meta({ id: 'BookingEvent' });
export type BookingEvent = z.infer<typeof BookingEvent>;

export const PaymentEvent = z
  .object({
    payment_id: z.string(),
    provider: z.string(),
    amount: z.number().int(),
    currency: z.string(),
    failure_reason: z.string().nullable(),
  })
  .meta({ id: 'PaymentEvent' });
export type PaymentEvent = z.infer<typeof PaymentEvent>;

export const MessageReceived = z
  .object({
    message_id: z.string(),
    provider: z.string(),
    channel: z.enum(['sms', 'whatsapp']),
    from: z.string(),
    text: z.string(),
  })
  .meta({ id: 'MessageReceivedEvent' });
export type MessageReceived = z.infer<typeof MessageReceived>;

export const AccessCodeEvent = z
  .object({
    access_code_id: z.uuid(),
    device_id: z.uuid(),
    name: z.string(),
    valid_from: z.string(),
    valid_until: z.string(),
  })
  .meta({ id: 'AccessCodeEvent' });
export const DeviceEvent = z
  .object({ device_id: z.uuid(), bridge_id: z.uuid(), kind: z.enum(['nuki_lock', 'twon_intercom']), name: z.string() })
  .meta({ id: 'DeviceEvent' });
export const LockEvent = z
  .object({ device_id: z.uuid(), action: z.enum(['lock', 'unlock', 'unlatch']), source: z.string() })
  .meta({ id: 'LockEvent' });
export const IntercomEvent = z
  .object({ device_id: z.uuid(), switch: z.number().int(), source: z.string() })
  .meta({ id: 'IntercomEvent' });

export const EndpointDisabled = z
  .object({ endpoint_id: z.uuid(), name: z.string(), reason: z.string() })
  .meta({ id: 'EndpointDisabledEvent' });

export const WebhookTest = z.object({ message: z.string() }).meta({ id: 'WebhookTestEvent' });

const INTEGRATION = '0b6d1f0e-6f6c-4f55-9c3a-0c7f5a6d9e10';
const DEVICE = '5d7c2a47-2f49-4d0c-9b7e-3c2b8b1f4a21';
const booking = {
  booking_id: 'HOSP-1234567',
  provider: 'hospitable',
  property_id: 'prop_42',
  status: 'confirmed',
  check_in: '2026-12-01',
  check_out: '2026-12-04',
  guest_name: 'Ada Lovelace',
} as const;
const door = {
  device_id: DEVICE,
  bridge_id: '9a1e5c3b-0d2f-4e8a-8b6c-7f0e1d2c3b4a',
  kind: 'nuki_lock',
  name: 'Flat 3 front door',
} as const;

/** Every event type: its payload schema, where it belongs, what it means, and an example. */
export const EVENT_CATALOG = {
  'integration.status_changed': {
    schema: IntegrationStatusChanged,
    group: 'Integrations',
    description: 'An integration became active, failed verification, recovered or was disabled.',
    example: {
      integration_id: INTEGRATION,
      provider: 'stripe',
      from_status: 'pending_verify',
      to_status: 'active',
      reason: 'Verified: Stripe accepted the secret key',
    },
  },
  'booking.created': {
    schema: BookingEvent,
    group: 'Bookings',
    description: 'A booking channel reported a new reservation.',
    example: booking,
  },
  'booking.updated': {
    schema: BookingEvent,
    group: 'Bookings',
    description: 'A reservation changed (dates, guest, property).',
    example: { ...booking, check_out: '2026-12-05' },
  },
  'booking.cancelled': {
    schema: BookingEvent,
    group: 'Bookings',
    description: 'A reservation was cancelled.',
    example: { ...booking, status: 'cancelled' },
  },
  'payment.succeeded': {
    schema: PaymentEvent,
    group: 'Payments',
    description: 'A payment succeeded.',
    example: { payment_id: 'pi_3Nq', provider: 'stripe', amount: 12900, currency: 'eur', failure_reason: null },
  },
  'payment.failed': {
    schema: PaymentEvent,
    group: 'Payments',
    description: 'A payment failed.',
    example: {
      payment_id: 'pi_3Nr',
      provider: 'stripe',
      amount: 12900,
      currency: 'eur',
      failure_reason: 'card_declined',
    },
  },
  'message.received': {
    schema: MessageReceived,
    group: 'Messages',
    description: 'A guest or member sent an SMS or WhatsApp message.',
    example: {
      message_id: 'wamid.HBgL',
      provider: 'whatsapp',
      channel: 'whatsapp',
      from: '+421900123456',
      text: 'What is the wifi password?',
    },
  },
  'access_code.created': {
    schema: AccessCodeEvent,
    group: 'Access codes',
    description: 'An access code was issued on a lock or intercom.',
    example: {
      access_code_id: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
      device_id: DEVICE,
      name: 'Guest Lovelace',
      valid_from: '2026-12-01T15:00:00Z',
      valid_until: '2026-12-04T11:00:00Z',
    },
  },
  'access_code.revoked': {
    schema: AccessCodeEvent,
    group: 'Access codes',
    description: 'An access code was revoked or expired.',
    example: {
      access_code_id: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
      device_id: DEVICE,
      name: 'Guest Lovelace',
      valid_from: '2026-12-01T15:00:00Z',
      valid_until: '2026-12-04T11:00:00Z',
    },
  },
  'device.online': {
    schema: DeviceEvent,
    group: 'Devices',
    description: 'A lock or intercom came online.',
    example: door,
  },
  'device.offline': {
    schema: DeviceEvent,
    group: 'Devices',
    description: 'A lock or intercom stopped answering.',
    example: door,
  },
  'lock.unlocked': {
    schema: LockEvent,
    group: 'Locks',
    description: 'A lock was unlocked or unlatched.',
    example: { device_id: DEVICE, action: 'unlock', source: 'access_code' },
  },
  'lock.locked': {
    schema: LockEvent,
    group: 'Locks',
    description: 'A lock was locked.',
    example: { device_id: DEVICE, action: 'lock', source: 'auto_lock' },
  },
  'intercom.door_opened': {
    schema: IntercomEvent,
    group: 'Intercoms',
    description: 'An intercom opened its door switch.',
    example: { device_id: DEVICE, switch: 1, source: 'pin' },
  },
  'endpoint.disabled': {
    schema: EndpointDisabled,
    group: 'Webhooks',
    description: 'A webhook endpoint was disabled after failing for 5 days or answering 410.',
    example: {
      endpoint_id: '7e6d5c4b-3a2f-4e1d-9c8b-7a6f5e4d3c2b',
      name: 'Channel manager',
      reason: 'Failing for 5 days',
    },
  },
  'webhook.test': {
    schema: WebhookTest,
    group: 'Webhooks',
    description: 'A test event sent from the dashboard (Send test).',
    example: { message: 'This is a test event from Gatehouse.' },
  },
} as const;

export type EventType = keyof typeof EVENT_CATALOG;
export type EventPayload<T extends EventType> = z.infer<(typeof EVENT_CATALOG)[T]['schema']>;
export const EVENT_TYPES = Object.keys(EVENT_CATALOG) as EventType[];
