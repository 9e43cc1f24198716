import fc from 'fast-check';
import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { WebhookVerificationError } from './errors.js';
import { generateWebhookSecret, signWebhook, signWebhookMulti, verifyWebhook } from './webhooks.js';

// Published vector: standard-webhooks libraries/javascript/src/webhook.test.ts (see reference/webhooks.md).
const VECTOR = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  ts: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};

const headers = (id: string, ts: number, signature: string) => ({
  'webhook-id': id,
  'webhook-timestamp': String(ts),
  'webhook-signature': signature,
});

/** Runs `fn`, expecting a WebhookVerificationError, and returns its reason. */
function reason(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(WebhookVerificationError);
    expect((err as WebhookVerificationError).code).toBe('WEBHOOK_VERIFICATION_FAILED');
    return (err as WebhookVerificationError).reason;
  }
  throw new Error('expected a WebhookVerificationError');
}

const msgId = fc.stringMatching(/^msg_[A-Za-z0-9]{1,30}$/);
const body = fc.string({ unit: 'binary', maxLength: 300 });
const secret = fc.uint8Array({ minLength: 24, maxLength: 64 }).map((b) => `whsec_${Buffer.from(b).toString('base64')}`);
const nowSeconds = () => Math.floor(Date.now() / 1000);

afterEach(() => {
  vi.useRealTimers();
});

describe('Standard Webhooks', () => {
  it('reproduces the published test vector exactly', () => {
    expect(signWebhook(VECTOR.secret, VECTOR.id, VECTOR.ts, VECTOR.body)).toBe(VECTOR.signature);
    const h = headers(VECTOR.id, VECTOR.ts, VECTOR.signature);
    expect(verifyWebhook(VECTOR.secret, h, VECTOR.body, { now: VECTOR.ts })).toEqual({
      msgId: VECTOR.id,
      timestamp: VECTOR.ts,
    });
    const negative = { ...h, 'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OA=' };
    expect(reason(() => verifyWebhook(VECTOR.secret, negative, VECTOR.body, { now: VECTOR.ts }))).toBe(
      'no_matching_signature',
    );
  });

  it('agrees with the official library on the vector (fake clock)', () => {
    vi.useFakeTimers({ now: VECTOR.ts * 1000, toFake: ['Date'] });
    const official = new Webhook(VECTOR.secret);
    expect(official.sign(VECTOR.id, new Date(VECTOR.ts * 1000), VECTOR.body)).toBe(VECTOR.signature);
    expect(official.verify(VECTOR.body, headers(VECTOR.id, VECTOR.ts, VECTOR.signature))).toEqual({
      test: 2432232314,
    });
    expect(verifyWebhook(VECTOR.secret, headers(VECTOR.id, VECTOR.ts, VECTOR.signature), VECTOR.body)).toBeTruthy();
  });

  it('our signatures verify with the official library, and vice versa', () => {
    fc.assert(
      fc.property(secret, msgId, body, fc.integer({ min: -200, max: 200 }), (s, id, payload, skew) => {
        const ts = nowSeconds() + skew;
        const ours = signWebhook(s, id, ts, payload);
        const official = new Webhook(s);
        expect(official.verify(payload, headers(id, ts, ours), { jsonParse: false })).toBeUndefined();
        const theirs = official.sign(id, new Date(ts * 1000), payload);
        expect(theirs).toBe(ours);
        expect(verifyWebhook(s, headers(id, ts, theirs), payload).msgId).toBe(id);
      }),
    );
  });

  it('rejects any change to body, id or timestamp', () => {
    fc.assert(
      fc.property(secret, msgId, body, body, (s, id, payload, other) => {
        fc.pre(payload !== other);
        const ts = 1_700_000_000;
        const sig = signWebhook(s, id, ts, payload);
        const opts = { now: ts };
        expect(reason(() => verifyWebhook(s, headers(id, ts, sig), other, opts))).toBe('no_matching_signature');
        expect(reason(() => verifyWebhook(s, headers(`${id}x`, ts, sig), payload, opts))).toBe('no_matching_signature');
        expect(reason(() => verifyWebhook(s, headers(id, ts + 1, sig), payload, opts))).toBe('no_matching_signature');
      }),
    );
  });

  it('enforces the tolerance window (default 300 s, configurable)', () => {
    const s = generateWebhookSecret();
    const ts = 1_700_000_000;
    const h = headers('msg_1', ts, signWebhook(s, 'msg_1', ts, 'x'));
    expect(verifyWebhook(s, h, 'x', { now: ts + 300 })).toBeTruthy();
    expect(verifyWebhook(s, h, 'x', { now: ts - 300 })).toBeTruthy();
    expect(verifyWebhook(s, h, 'x', { now: new Date((ts + 300) * 1000) })).toBeTruthy();
    expect(reason(() => verifyWebhook(s, h, 'x', { now: ts + 301 }))).toBe('timestamp_too_old');
    expect(reason(() => verifyWebhook(s, h, 'x', { now: ts - 301 }))).toBe('timestamp_too_new');
    expect(reason(() => verifyWebhook(s, h, 'x', { now: ts + 61, toleranceSeconds: 60 }))).toBe('timestamp_too_old');
    expect(verifyWebhook(s, h, 'x', { now: ts + 3600, toleranceSeconds: 3600 })).toBeTruthy();
    expect(() => verifyWebhook(s, h, 'x', { now: Number.NaN })).toThrow(TypeError);
    // Checked before the signature: a stale message is reported as stale even if the signature is bad.
    expect(reason(() => verifyWebhook(s, { ...h, 'webhook-signature': 'v1,AAAA' }, 'x', { now: ts + 999 }))).toBe(
      'timestamp_too_old',
    );
  });

  it('reports missing and malformed headers', () => {
    const s = generateWebhookSecret();
    const ts = nowSeconds();
    const h = headers('msg_1', ts, signWebhook(s, 'msg_1', ts, 'x'));
    for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const) {
      expect(reason(() => verifyWebhook(s, { ...h, [name]: undefined }, 'x'))).toBe('missing_header');
      expect(reason(() => verifyWebhook(s, { ...h, [name]: '' }, 'x'))).toBe('missing_header');
      expect(reason(() => verifyWebhook(s, { ...h, [name]: ['a', 'b'] }, 'x'))).toBe('invalid_header');
    }
    for (const bad of ['abc', '12.5', '-5', `${ts}x`]) {
      expect(reason(() => verifyWebhook(s, { ...h, 'webhook-timestamp': bad }, 'x'))).toBe('invalid_timestamp');
    }
    const upper = {
      'Webhook-Id': h['webhook-id'],
      'WEBHOOK-TIMESTAMP': String(ts),
      'Webhook-Signature': h['webhook-signature'],
    };
    expect(verifyWebhook(s, upper, 'x').timestamp).toBe(ts);
  });

  it('rotation: two secrets give two signatures and either secret verifies', () => {
    const [oldS, newS, unrelated] = [generateWebhookSecret(), generateWebhookSecret(), generateWebhookSecret()];
    const ts = nowSeconds();
    const header = signWebhookMulti([oldS, newS], 'msg_1', ts, 'payload');
    const parts = header.split(' ');
    expect(parts).toEqual([signWebhook(oldS, 'msg_1', ts, 'payload'), signWebhook(newS, 'msg_1', ts, 'payload')]);
    const h = headers('msg_1', ts, header);
    expect(verifyWebhook(oldS, h, 'payload')).toBeTruthy();
    expect(verifyWebhook(newS, h, 'payload')).toBeTruthy();
    expect(verifyWebhook([unrelated, newS], h, 'payload')).toBeTruthy();
    expect(new Webhook(newS).verify('payload', h, { jsonParse: false })).toBeUndefined();
    expect(reason(() => verifyWebhook(unrelated, h, 'payload'))).toBe('no_matching_signature');
    // A receiver holding both secrets accepts a message signed by only the new one.
    const single = headers('msg_1', ts, signWebhook(newS, 'msg_1', ts, 'payload'));
    expect(verifyWebhook([oldS, newS], single, 'payload')).toBeTruthy();
  });

  it('skips other signature versions and malformed entries', () => {
    const s = generateWebhookSecret();
    const ts = nowSeconds();
    const good = signWebhook(s, 'msg_1', ts, 'x');
    const v1a = `v1a,${good.slice(3)}`;
    expect(reason(() => verifyWebhook(s, headers('msg_1', ts, v1a), 'x'))).toBe('no_matching_signature');
    expect(verifyWebhook(s, headers('msg_1', ts, `v1a,abc junk v1, ${good}`), 'x')).toBeTruthy();
  });

  it('generates whsec_ secrets of 24 random bytes that the official library accepts', () => {
    const s = generateWebhookSecret();
    expect(s).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(Buffer.from(s.slice(6), 'base64')).toHaveLength(24);
    expect(s).not.toBe(generateWebhookSecret());
    expect(() => new Webhook(s)).not.toThrow();
  });

  it('rejects invalid inputs when signing', () => {
    const s = generateWebhookSecret();
    expect(() => signWebhook(s, 'msg.1', 1, 'x')).toThrow(TypeError);
    expect(() => signWebhook(s, 'msg_1', 1.5, 'x')).toThrow(TypeError);
    expect(() => signWebhook('whsec_not base64!', 'msg_1', 1, 'x')).toThrow(TypeError);
    expect(() => signWebhookMulti([], 'msg_1', 1, 'x')).toThrow(TypeError);
  });
});
