import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { AllFakes, VALID_CREDENTIALS } from './fixtures.js';
import type { StripeFake } from './stripe.js';

const fakes = new AllFakes();
beforeAll(() => fakes.start());
afterAll(() => fakes.close());

const stripeBalance = (key: string) =>
  fetch(`${fakes.http.baseUrl('stripe')}/v1/balance`, { headers: { authorization: `Bearer ${key}` } });

describe('fake server', () => {
  it('routes each fake under its id and names every base URL variable', async () => {
    expect(fakes.env()).toMatchObject({ PROVIDER_STRIPE_BASE_URL: fakes.http.baseUrl('stripe') });
    expect(Object.keys(fakes.env())).toHaveLength(8);
    expect((await fetch(`${fakes.http.url}/nope/v1`)).status).toBe(404);
    const ok = await stripeBalance(VALID_CREDENTIALS.stripe.secret_key);
    expect(await ok.json()).toMatchObject({ object: 'balance', livemode: false });
  });

  it('answers like Stripe for an unknown key, masking it in the message', async () => {
    const res = await stripeBalance('sk_test_unknownKey12345678');
    expect(res.status).toBe(401);
    const body = (await res.json()) as { error: { type: string; message: string } };
    expect(body.error.type).toBe('invalid_request_error');
    expect(body.error.message).toBe('Invalid API Key provided: sk_test_****5678');
  });

  it('simulates an outage and a dropped connection, and resets to the seeded accounts', async () => {
    const stripe = fakes.http.get<StripeFake>('stripe');
    stripe.mode = 'down';
    expect((await stripeBalance(VALID_CREDENTIALS.stripe.secret_key)).status).toBe(503);
    stripe.mode = 'reset';
    await expect(stripeBalance(VALID_CREDENTIALS.stripe.secret_key)).rejects.toThrow();
    fakes.reset();
    expect(stripe.mode).toBe('normal');
    expect((await stripeBalance(VALID_CREDENTIALS.stripe.secret_key)).status).toBe(200);
  });

  it('lists the secrets of the fixture credentials as canaries', () => {
    const canaries = AllFakes.canaries();
    expect(canaries).toContain(VALID_CREDENTIALS.smtp.password);
    expect(canaries).not.toContain(VALID_CREDENTIALS.stripe.publishable_key);
  });
});
