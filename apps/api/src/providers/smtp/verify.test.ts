import { createServer } from 'node:net';

import { SmtpFake } from '@gatehouse/provider-fakes';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { createOutboundHttp } from '../../net/outbound-http.js';
import type { Credentials } from '../types.js';
import { manifest } from './manifest.js';
import { verify } from './verify.js';

const PASSWORD = 'correct-horse-battery-staple';

const fake = new SmtpFake();
const http = createOutboundHttp({ allow: ['127.0.0.1/32'], timeoutMs: 500 });
const credentials = (overrides: Credentials = {}): Credentials => ({
  host: '127.0.0.1',
  port: String(fake.port),
  security: 'none',
  username: 'bookings@example.com',
  password: PASSWORD,
  from_address: 'bookings@example.com',
  ...overrides,
});

/** A port nothing listens on: bound, then closed again. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address ? address.port : 1;
}

beforeAll(() => fake.start());
afterAll(async () => {
  await http.close();
  await fake.close();
});
beforeEach(() => fake.reset());

describe('SMTP verification against a real SMTP server (the fake)', () => {
  it('logs in with valid credentials without sending mail', async () => {
    fake.addUser('bookings@example.com', PASSWORD);
    expect(await verify({ http, baseUrl: '', credentials: credentials() })).toMatchObject({
      kind: 'valid',
      account: 'bookings@example.com',
    });
    expect(fake.logins).toEqual([{ username: 'bookings@example.com', ok: true }]);
    expect(fake.messages).toHaveLength(0);
  });

  it('rejects a wrong password (535) without echoing it', async () => {
    fake.addUser('bookings@example.com', 'another-password');
    const outcome = await verify({ http, baseUrl: '', credentials: credentials() });
    expect(outcome).toEqual({ kind: 'rejected', reason: 'The SMTP server rejected the username or password' });
    expect(JSON.stringify(outcome)).not.toContain(PASSWORD);
    expect(fake.logins).toEqual([{ username: 'bookings@example.com', ok: false }]);
  });

  it('reports a closed port as unreachable', async () => {
    const port = await closedPort();
    const outcome = await verify({ http, baseUrl: '', credentials: credentials({ port: String(port) }) });
    expect(outcome.kind).toBe('unreachable');
    expect(outcome.reason).toMatch(/Could not reach the SMTP server/);
    expect(outcome.reason).not.toContain(PASSWORD);
  });

  it('names TLS when STARTTLS is required but the server offers none', async () => {
    fake.addUser('bookings@example.com', PASSWORD);
    const outcome = await verify({ http, baseUrl: '', credentials: credentials({ security: 'starttls' }) });
    expect(outcome.kind).toBe('unreachable');
    expect(outcome.reason).toMatch(/TLS/);
    expect(fake.logins).toHaveLength(0);
  });

  it('refuses loopback when it is not allow-listed (SSRF guard)', async () => {
    fake.addUser('bookings@example.com', PASSWORD);
    const strict = createOutboundHttp({ timeoutMs: 500 });
    const outcome = await verify({ http: strict, baseUrl: '', credentials: credentials() });
    await strict.close();
    expect(outcome).toMatchObject({ kind: 'unreachable' });
    expect(outcome.reason).toMatch(/not allowed/);
    expect(fake.logins).toHaveLength(0);
  });

  it('refuses a host name that resolves to loopback (localhost)', async () => {
    const strict = createOutboundHttp({ timeoutMs: 500 });
    const outcome = await verify({ http: strict, baseUrl: '', credentials: credentials({ host: 'localhost' }) });
    await strict.close();
    expect(outcome).toMatchObject({ kind: 'unreachable' });
    expect(outcome.reason).toMatch(/not allowed/);
  });
});

describe('SMTP verification over TLS', () => {
  const tlsFake = new SmtpFake({ starttls: true });
  beforeAll(() => tlsFake.start());
  afterAll(() => tlsFake.close());

  it('does not trust a self-signed certificate offered with STARTTLS', async () => {
    tlsFake.addUser('bookings@example.com', PASSWORD);
    const outcome = await verify({
      http,
      baseUrl: '',
      credentials: credentials({ port: String(tlsFake.port), security: 'starttls' }),
    });
    expect(outcome.kind).toBe('unreachable');
    expect(outcome.reason).toMatch(/TLS/);
    expect(tlsFake.logins).toHaveLength(0);
  });
});

describe('SMTP manifest', () => {
  it('has the expected fields and no HTTP API', () => {
    expect(Object.keys(manifest.credentialSchema)).toEqual([
      'host',
      'port',
      'security',
      'username',
      'password',
      'from_address',
    ]);
    expect(manifest.credentialSchema.port).toMatchObject({ type: 'number', default: '587', required: true });
    expect(manifest.credentialSchema.security?.options?.map((o) => o.value)).toEqual(['starttls', 'tls', 'none']);
    expect(manifest.credentialSchema.password).toMatchObject({ sensitive: true, required: true });
    expect(manifest.credentialSchema.from_address).toMatchObject({ type: 'email', required: true });
    expect(manifest.defaultBaseUrl).toBeNull();
  });

  const realistic: Record<string, [string, string]> = {
    host: ['smtp.example.com', 'smtp://smtp.example.com'],
    port: ['587', '5870000'],
    from_address: ['bookings@example.com', 'bookings at example.com'],
  };
  it.each(Object.entries(manifest.credentialSchema).filter(([, f]) => f.pattern !== undefined))(
    'the %s pattern compiles and matches a realistic value',
    (name, field) => {
      const [good, bad] = realistic[name] ?? ['', ''];
      const pattern = new RegExp(field.pattern!);
      expect(pattern.test(good)).toBe(true);
      expect(pattern.test(bad)).toBe(false);
    },
  );
});
