import {
  actionsFor,
  type ApiKey,
  type Feature,
  type InboundEvent,
  type InboundSummary,
  type Integration,
  type IntegrationStatusEvent,
  type Me,
  type Plan,
  type Provider,
  type Role,
  type RoutingRule,
  type WebhookAttempt,
  type WebhookEndpoint,
  type WebhookStats,
} from '@gatehouse/shared';

const TENANT_ID = '11111111-1111-4111-8111-111111111111';

/** A signed-in user as `/auth/me` would describe them. */
export function makeMe(role: Role, plan: Plan = 'enterprise', entitlements?: Feature[]): Me {
  return {
    user: {
      id: '22222222-2222-4222-8222-222222222222',
      email: `${role}@example.com`,
      name: `Ada ${role}`,
      is_platform_admin: false,
      must_change_password: false,
    },
    tenant: {
      id: TENANT_ID,
      slug: 'acme',
      name: 'Acme Flats',
      country: 'DE',
      plan,
      created_at: '2026-01-01T00:00:00.000Z',
    },
    role,
    permissions: actionsFor(role),
    entitlements: entitlements ?? (plan === 'enterprise' ? ['connections', 'api_keys', 'webhooks'] : []),
    memberships: [{ tenant_id: TENANT_ID, slug: 'acme', name: 'Acme Flats', plan, role }],
  };
}

/** A Response carrying a JSON body, as the browser's fetch would resolve. */
export const jsonResponse = (status: number, body: unknown): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

export function makeApiKey(overrides: Partial<ApiKey> = {}): ApiKey {
  return {
    id: '33333333-3333-4333-8333-333333333333',
    name: 'Booking sync',
    description: null,
    environment: 'production',
    scopes: ['api'],
    prefix: 'gth_live_abcd1234',
    status: 'active',
    expires_at: null,
    revoked_at: null,
    last_used_at: null,
    created_at: '2026-01-02T00:00:00.000Z',
    created_by: null,
    ...overrides,
  };
}

export const pageOf = <T>(items: T[]) => ({
  success: true,
  data: items,
  meta: { current_page: 1, per_page: 25, total: items.length, last_page: 1 },
  links: { first: '?page=1', last: '?page=1', prev: null, next: null },
});

export const STRIPE_INTEGRATION_ID = '44444444-4444-4444-8444-444444444444';
export const TWILIO_INTEGRATION_ID = '55555555-5555-4555-8555-555555555555';

/** Stripe as the provider catalog describes it (the API's manifest, abridged). */
export function makeProvider(overrides: Partial<Provider> = {}): Provider {
  return {
    name: 'stripe',
    display_name: 'Stripe',
    category: 'payment',
    description: 'Accept card payments for bookings and memberships.',
    capabilities: ['initiate_payment', 'process_refund', 'verify_payment'],
    credential_schema: {
      publishable_key: {
        type: 'string',
        sensitive: false,
        required: true,
        label: 'Publishable key',
        description: 'From Stripe → Developers → API keys.',
        pattern: '^pk_(test|live)_[A-Za-z0-9]+$',
        pattern_message: 'Publishable key must start with pk_test_ or pk_live_',
        placeholder: 'pk_test_…',
      },
      secret_key: {
        type: 'string',
        sensitive: true,
        required: true,
        label: 'Secret key',
        description: 'A secret (sk_…) or restricted (rk_…) key.',
        pattern: '^(sk|rk)_(test|live)_[A-Za-z0-9]+$',
        pattern_message: 'Secret key must start with sk_test_, sk_live_, rk_test_ or rk_live_',
        placeholder: 'sk_test_…',
      },
      webhook_secret: {
        type: 'string',
        sensitive: true,
        required: false,
        label: 'Webhook signing secret',
        description: 'Optional.',
        pattern: '^whsec_[A-Za-z0-9]+$',
        pattern_message: 'Webhook signing secret must start with whsec_',
      },
    },
    is_configured: false,
    integration_id: null,
    docs_url: 'https://docs.stripe.com/keys',
    logo_url: '/api/v1/integrations/providers/stripe/logo.svg',
    regions: null,
    available: true,
    read_only: false,
    inbound_webhook_url: 'https://gatehouse.example/api/webhooks/stripe/t/acme',
    health_hints: ['The card shows Connected and the mode you expect (Test or Live).'],
    ...overrides,
  };
}

/** A messaging provider with a select and a number field. */
export function makeTwilioProvider(overrides: Partial<Provider> = {}): Provider {
  return makeProvider({
    name: 'twilio',
    display_name: 'Twilio',
    category: 'communication',
    description: 'SMS and WhatsApp messages.',
    capabilities: ['send_sms', 'send_whatsapp'],
    credential_schema: {
      account_sid: { type: 'string', sensitive: false, required: true, label: 'Account SID', description: '' },
      auth_token: { type: 'string', sensitive: true, required: true, label: 'Auth token', description: '' },
      region: {
        type: 'select',
        sensitive: false,
        required: true,
        label: 'Region',
        description: 'Where your account lives.',
        options: [
          { value: 'us1', label: 'United States' },
          { value: 'ie1', label: 'Ireland' },
        ],
        default: 'us1',
      },
      timeout: { type: 'number', sensitive: false, required: false, label: 'Timeout', description: 'Seconds.' },
    },
    docs_url: 'https://www.twilio.com/docs',
    logo_url: '/api/v1/integrations/providers/twilio/logo.svg',
    inbound_webhook_url: null,
    health_hints: ['Send a test message.'],
    ...overrides,
  });
}

export function makeIntegration(overrides: Partial<Integration> = {}): Integration {
  return {
    id: STRIPE_INTEGRATION_ID,
    provider: 'stripe',
    display_name: 'Stripe',
    category: 'payment',
    status: 'active',
    enabled_capabilities: ['initiate_payment', 'process_refund', 'verify_payment'],
    credentials: { publishable_key: 'pk_test_abc123', secret_key: null, webhook_secret: null },
    credential_hints: { secret_key: '4242', webhook_secret: null },
    mode: 'test',
    metadata: {},
    verifying: false,
    verified_at: '2026-01-10T08:45:00.000Z',
    connected_at: '2026-01-10T08:30:00.000Z',
    created_at: '2026-01-10T08:30:00.000Z',
    updated_at: '2026-01-10T08:45:00.000Z',
    ...overrides,
  };
}

export function makeRoutingRule(overrides: Partial<RoutingRule> = {}): RoutingRule {
  return {
    id: '66666666-6666-4666-8666-666666666666',
    capability: 'initiate_payment',
    integration_id: STRIPE_INTEGRATION_ID,
    priority: 100,
    is_default: true,
    fallback_integration_id: null,
    integration: { id: STRIPE_INTEGRATION_ID, provider: 'stripe', display_name: 'Stripe', status: 'active' },
    fallback: null,
    warnings: [],
    created_at: '2026-01-11T00:00:00.000Z',
    updated_at: '2026-01-11T00:00:00.000Z',
    ...overrides,
  };
}

export function makeStatusEvent(overrides: Partial<IntegrationStatusEvent> = {}): IntegrationStatusEvent {
  return {
    id: '77777777-7777-4777-8777-777777777777',
    from_status: 'pending_verify',
    to_status: 'active',
    reason: 'verified',
    created_at: '2026-01-10T08:45:00.000Z',
    ...overrides,
  };
}

/** The success envelope of one item (GET/POST/PATCH answers). */
export const dataOf = <T>(data: T) => ({ success: true, data, meta: {} });

export const WEBHOOK_ID = '99999999-9999-4999-8999-999999999999';
export const OTHER_WEBHOOK_ID = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';

export function makeWebhook(overrides: Partial<WebhookEndpoint> = {}): WebhookEndpoint {
  return {
    id: WEBHOOK_ID,
    name: 'Channel manager',
    url: 'https://hooks.example.com/gatehouse',
    description: null,
    event_types: ['booking.created', 'booking.cancelled'],
    headers: { 'X-Api-Token': 'tok_123' },
    status: 'enabled',
    disabled_reason: null,
    secret_hint: 'abcd',
    previous_secret_expires_at: null,
    failing_since: null,
    last_delivery_at: '2026-01-12T10:00:00.000Z',
    created_at: '2026-01-11T00:00:00.000Z',
    updated_at: '2026-01-11T00:00:00.000Z',
    ...overrides,
  };
}

export function makeAttempt(overrides: Partial<WebhookAttempt> = {}): WebhookAttempt {
  return {
    id: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb',
    message_id: 'msg_2zN4kQ8xVb7LpR1tY6wE',
    event_type: 'booking.created',
    status_code: 200,
    success: true,
    error: null,
    duration_ms: 45,
    response_excerpt: '{"ok":true}',
    trigger: 'scheduled',
    attempt_number: 1,
    created_at: '2026-01-12T10:00:00.000Z',
    ...overrides,
  };
}

export function makeStats(overrides: Partial<WebhookStats> = {}): WebhookStats {
  return {
    buckets: [
      { start: '2026-01-10T00:00:00.000Z', succeeded: 10, failed: 0 },
      { start: '2026-01-11T00:00:00.000Z', succeeded: 7, failed: 3 },
      { start: '2026-01-12T00:00:00.000Z', succeeded: 0, failed: 0 },
    ],
    totals: { succeeded: 17, failed: 3, success_rate: 0.85 },
    pending: 2,
    ...overrides,
  };
}

/** The cursor envelope of a log page (attempts, audit events). */
export const cursorOf = <T>(items: T[], nextCursor: string | null = null, limit = 25) => ({
  success: true,
  data: items,
  meta: { next_cursor: nextCursor, limit },
});

export const INBOUND_ID = 'dddddddd-dddd-4ddd-8ddd-dddddddddddd';
export const OTHER_INBOUND_ID = 'eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee';

/** A verified Stripe request as the inbound log lists it, headers and body already redacted. */
export function makeInboundEvent(overrides: Partial<InboundEvent> = {}): InboundEvent {
  return {
    id: INBOUND_ID,
    provider: 'stripe',
    status: 'verified',
    reason: null,
    provider_event_id: 'evt_1QxYz2AbCdEf',
    event_type: 'payment_intent.succeeded',
    headers: { 'content-type': 'application/json', 'stripe-signature': '[redacted]' },
    body_size: 1536,
    payload: '{"id":"evt_1QxYz2AbCdEf","type":"payment_intent.succeeded","data":{"object":{"amount":12000}}}',
    processed_at: '2026-01-12T10:00:01.000Z',
    processing_result: 'Emitted payment.succeeded',
    received_at: '2026-01-12T10:00:00.000Z',
    ...overrides,
  };
}

export function makeInboundSummary(overrides: Partial<InboundSummary> = {}): InboundSummary {
  return {
    provider: 'stripe',
    last_received_at: '2026-01-12T10:00:00.000Z',
    received_24h: 12,
    rejected_24h: 1,
    silent: false,
    ...overrides,
  };
}
