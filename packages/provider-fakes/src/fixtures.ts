import { Beds24Fake } from './beds24.js';
import { HospitableFake } from './hospitable.js';
import { NukiFake } from './nuki.js';
import { OpenRouterFake } from './openrouter.js';
import { PayPalFake } from './paypal.js';
import { FakeServer } from './server.js';
import { SmtpFake } from './smtp.js';
import { StripeFake } from './stripe.js';
import { TwilioFake } from './twilio.js';
import { WhatsAppFake } from './whatsapp.js';

/**
 * Working credentials for every provider, each secret distinctive enough to serve as a canary: a
 * test that finds one of these strings in a response, a log line or a database dump has found a leak.
 */
export const VALID_CREDENTIALS = {
  stripe: {
    publishable_key: 'pk_test_51FixturePublishable000',
    secret_key: 'sk_test_51FixtureCanaryStripeSecret01',
    webhook_secret: 'whsec_FixtureCanaryStripeWebhook02',
  },
  paypal: {
    environment: 'sandbox',
    client_id: 'AFixturePayPalClientId0000001',
    client_secret: 'EFixtureCanaryPayPalClientSecret03',
    webhook_id: 'WH1FIXTURE0000000000',
  },
  openrouter: { api_key: 'sk-or-v1-FixtureCanaryOpenRouterKey04' },
  twilio: {
    account_sid: 'AC0123456789abcdef0123456789abcdef',
    auth_token: 'FixtureCanaryTwilioAuthToken05',
    from_number: '+15550100000',
  },
  whatsapp: {
    phone_number_id: '106540352242922',
    business_account_id: '102290129340398',
    verify_token: 'FixtureCanaryWhatsAppVerify06',
    access_token: 'EAAFixtureCanaryWhatsAppAccess07',
    app_secret: '0123456789abcdef0123456789abcd08',
  },
  hospitable: {
    api_key: 'FixtureCanaryHospitablePat09',
    webhook_secret: 'FixtureCanaryHospitableHmac10',
  },
  beds24: { refresh_token: 'FixtureCanaryBeds24Refresh11' },
  smtp: {
    host: '127.0.0.1',
    port: '0',
    security: 'none',
    username: 'mailer@fixture.test',
    password: 'FixtureCanarySmtpPassword12',
    from_address: 'bookings@fixture.test',
  },
  nuki: { api_token: 'FixtureCanaryNukiWebApiToken13' },
  twon: {},
} as const satisfies Record<string, Record<string, string>>;

export type FixtureProvider = keyof typeof VALID_CREDENTIALS;

/** Every HTTP fake on one loopback server, plus a real SMTP server, all accepting VALID_CREDENTIALS. */
export class AllFakes {
  readonly http = new FakeServer([
    new StripeFake(),
    new PayPalFake(),
    new OpenRouterFake(),
    new TwilioFake(),
    new WhatsAppFake(),
    new HospitableFake(),
    new Beds24Fake(),
    new NukiFake(),
  ]);
  readonly smtp = new SmtpFake();

  async start(): Promise<this> {
    await Promise.all([this.http.start(), this.smtp.start()]);
    this.seed();
    return this;
  }

  /** Registers VALID_CREDENTIALS with every fake (again after a reset). */
  seed(): void {
    const c = VALID_CREDENTIALS;
    this.http.get<StripeFake>('stripe').addKey(c.stripe.secret_key);
    this.http.get<PayPalFake>('paypal').addClient(c.paypal.client_id, c.paypal.client_secret);
    this.http.get<OpenRouterFake>('openrouter').addKey(c.openrouter.api_key);
    this.http.get<TwilioFake>('twilio').addAccount(c.twilio.account_sid, c.twilio.auth_token);
    this.http
      .get<WhatsAppFake>('whatsapp')
      .addPhoneNumber(c.whatsapp.phone_number_id)
      .addToken(c.whatsapp.access_token, [c.whatsapp.phone_number_id]);
    this.http.get<HospitableFake>('hospitable').addToken(c.hospitable.api_key);
    this.http.get<Beds24Fake>('beds24').addRefreshToken(c.beds24.refresh_token);
    this.http.get<NukiFake>('nuki').addToken(c.nuki.api_token);
    this.smtp.addUser(c.smtp.username, c.smtp.password);
  }

  /** Credentials for `id` that its fake accepts (SMTP pointed at the fake's port). */
  credentials(id: FixtureProvider): Record<string, string> {
    const base: Record<string, string> = { ...VALID_CREDENTIALS[id] };
    if (id === 'smtp') base.port = String(this.smtp.port);
    return base;
  }

  /** Every secret value in VALID_CREDENTIALS, for leak scans. */
  static canaries(): string[] {
    return Object.values(VALID_CREDENTIALS)
      .flatMap((c) => Object.entries(c))
      .filter(([field]) => /secret|token|key|password/.test(field) && !field.startsWith('publishable'))
      .map(([, value]) => value);
  }

  /** `PROVIDER_<ID>_BASE_URL` for every HTTP fake. */
  env(): Record<string, string> {
    return this.http.env();
  }

  reset(): void {
    this.http.resetAll();
    this.smtp.reset();
    this.seed();
  }

  async close(): Promise<void> {
    await Promise.all([this.http.close(), this.smtp.close()]);
  }
}
