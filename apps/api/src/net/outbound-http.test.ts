import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { OutboundError, type OutboundErrorKind } from './outbound.js';
import { createOutboundHttp } from './outbound-http.js';

/** A loopback HTTP server that records what it saw. */
class TestServer {
  readonly seen: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[] = [];
  private server: Server | null = null;
  url = '';

  constructor(private readonly handler: (req: IncomingMessage, res: ServerResponse) => void) {}

  async start(): Promise<this> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.seen.push({
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString(),
        });
        this.handler(req, res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    this.server = server;
    return this;
  }

  get port(): number {
    return Number(new URL(this.url).port);
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

const json = new TestServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'X-Custom': 'yes' }).end('{"ok":true}');
});
const target = new TestServer((_req, res) => res.writeHead(200).end('redirect target'));
const redirect = new TestServer((_req, res) => res.writeHead(302, { location: `${target.url}/landing` }).end());
const silent = new TestServer(() => {
  /* never answers */
});
const big = new TestServer((_req, res) => res.writeHead(200).end('x'.repeat(10_000)));
const endless = new TestServer((_req, res) => {
  res.writeHead(200);
  const timer = setInterval(() => res.write('y'.repeat(512)), 5);
  res.on('close', () => clearInterval(timer));
});
const servers = [json, target, redirect, silent, big, endless];

const open = createOutboundHttp({ allow: ['127.0.0.1/32'], timeoutMs: 2_000 });
const strict = createOutboundHttp({ timeoutMs: 2_000 });

beforeAll(async () => {
  for (const server of servers) await server.start();
});
afterAll(async () => {
  await open.close();
  await strict.close();
  for (const server of servers) await server.close();
});
afterEach(() => {
  for (const server of servers) server.seen.length = 0;
});

/** The OutboundError a promise rejects with. */
async function failure(promise: Promise<unknown>): Promise<OutboundError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OutboundError);
  return error as OutboundError;
}

describe('createOutboundHttp: SSRF guard', () => {
  it('refuses a loopback server when it is not allow-listed, before any request', async () => {
    const error = await failure(strict.request({ url: `${json.url}/x` }));
    expect(error.kind).toBe('blocked');
    expect(json.seen).toHaveLength(0);
  });

  it('reaches the loopback server when it is allow-listed', async () => {
    const res = await open.request({ url: `${json.url}/x?y=1`, headers: { authorization: 'Bearer t' } });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ ok: true });
    expect(res.text).toBe('{"ok":true}');
    expect(res.headers['x-custom']).toBe('yes');
    expect(json.seen[0]).toMatchObject({ method: 'GET', url: '/x?y=1' });
    expect(json.seen[0]?.headers.authorization).toBe('Bearer t');
    expect(json.seen[0]?.headers['user-agent']).toBe('Gatehouse/1.0');
  });

  it('refuses a host name that resolves to loopback (localhost) at connect time', async () => {
    const error = await failure(strict.request({ url: `http://localhost:${json.port}/x` }));
    expect(error.kind).toBe('blocked');
    expect(json.seen).toHaveLength(0);
  });

  it.each([
    ['IPv6 loopback', (port: number) => `http://[::1]:${port}/`],
    ['IPv4-mapped loopback', (port: number) => `http://[::ffff:127.0.0.1]:${port}/`],
    ['decimal loopback', (port: number) => `http://2130706433:${port}/`],
    ['short-form loopback', (port: number) => `http://127.1:${port}/`],
    ['unspecified address', (port: number) => `http://0.0.0.0:${port}/`],
    ['cloud metadata', () => 'http://169.254.169.254/latest/meta-data/'],
    ['private address', () => 'http://10.0.0.1/'],
  ])('refuses the %s before connecting', async (_name, url) => {
    const error = await failure(strict.request({ url: url(json.port) }));
    expect(error.kind).toBe('blocked');
    expect(json.seen).toHaveLength(0);
  });

  it('does not follow a redirect: kind redirect, the target gets no request', async () => {
    const error = await failure(open.request({ url: `${redirect.url}/start`, headers: { authorization: 'secret' } }));
    expect(error.kind).toBe('redirect');
    expect(redirect.seen).toHaveLength(1);
    expect(target.seen).toHaveLength(0);
  });

  it('reports a server that does not answer as a timeout', async () => {
    const quick = createOutboundHttp({ allow: ['127.0.0.1/32'], timeoutMs: 300 });
    const started = Date.now();
    const error = await failure(quick.request({ url: `${silent.url}/hang` }));
    await quick.close();
    expect(error.kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('honours a per-request deadline', async () => {
    const error = await failure(open.request({ url: `${silent.url}/hang`, timeoutMs: 200 }));
    expect(error.kind).toBe('timeout');
  });

  it('reports a refused connection as a network failure', async () => {
    const closed = await new TestServer(() => undefined).start();
    const url = closed.url;
    await closed.close();
    const error = await failure(open.request({ url }));
    expect(error.kind).toBe('network');
    expect(error.message).toMatch(/refused/);
  });
});

describe('createOutboundHttp: URL checks', () => {
  it.each<[string, string, OutboundErrorKind]>([
    ['ftp', 'ftp://127.0.0.1/file', 'invalid_url'],
    ['file', 'file:///etc/passwd', 'invalid_url'],
    ['gopher', 'gopher://127.0.0.1/', 'invalid_url'],
    ['not a URL', 'not a url', 'invalid_url'],
  ])('refuses a %s URL', async (_name, url, kind) => {
    expect((await failure(open.request({ url }))).kind).toBe(kind);
  });

  it('refuses plain http when httpsOnly is set, before connecting', async () => {
    const httpsOnly = createOutboundHttp({ allow: ['127.0.0.1/32'], httpsOnly: true });
    const error = await failure(httpsOnly.request({ url: `${json.url}/x` }));
    await httpsOnly.close();
    expect(error.kind).toBe('invalid_url');
    expect(json.seen).toHaveLength(0);
  });

  it('refuses a URL with credentials and does not repeat them', async () => {
    const url = `http://user:hunter2@127.0.0.1:${json.port}/x`;
    const error = await failure(open.request({ url }));
    expect(error.kind).toBe('invalid_url');
    expect(error.message).not.toContain('hunter2');
    expect(json.seen).toHaveLength(0);
  });
});

describe('createOutboundHttp: bodies', () => {
  it('cuts the response body at maxResponseBytes', async () => {
    const small = createOutboundHttp({ allow: ['127.0.0.1/32'], maxResponseBytes: 1024 });
    const res = await small.request({ url: big.url });
    await small.close();
    expect(res.status).toBe(200);
    expect(res.text).toBe('x'.repeat(1024));
    expect(res.json).toBeUndefined();
  });

  it('stops reading an endless body at the limit instead of running into the deadline', async () => {
    const small = createOutboundHttp({ allow: ['127.0.0.1/32'], maxResponseBytes: 4096, timeoutMs: 3_000 });
    const started = Date.now();
    const res = await small.request({ url: endless.url });
    await small.close();
    expect(res.text).toHaveLength(4096);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('sends URLSearchParams as a form', async () => {
    await open.request({ method: 'POST', url: json.url, body: new URLSearchParams({ a: '1', b: 'x y' }) });
    expect(json.seen[0]).toMatchObject({ method: 'POST', body: 'a=1&b=x+y' });
    expect(json.seen[0]?.headers['content-type']).toBe('application/x-www-form-urlencoded');
  });
});

describe('createOutboundHttp: resolveAllowed', () => {
  it('refuses localhost, which resolves to loopback', async () => {
    expect((await failure(strict.resolveAllowed('localhost'))).kind).toBe('blocked');
  });

  it('refuses loopback literals without an allow-list', async () => {
    expect((await failure(strict.resolveAllowed('127.0.0.1'))).kind).toBe('blocked');
    expect((await failure(strict.resolveAllowed('::1'))).kind).toBe('blocked');
    expect((await failure(strict.resolveAllowed('[::1]'))).kind).toBe('blocked');
  });

  it('returns an allow-listed literal as is', async () => {
    expect(await open.resolveAllowed('127.0.0.1')).toBe('127.0.0.1');
  });

  it('returns a public literal without resolving anything', async () => {
    expect(await strict.resolveAllowed('8.8.8.8')).toBe('8.8.8.8');
  });
});
