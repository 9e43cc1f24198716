import { createServer, type IncomingMessage, type Server } from 'node:http';

/** A request as a fake sees it: the path is relative to the fake's prefix (`/stripe/v1/balance` → `/v1/balance`). */
export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body: string;
}

export interface FakeReply {
  status: number;
  json?: unknown;
  headers?: Record<string, string>;
}

/**
 * How a fake behaves on the network: `normal`; `slow` answers after `slowMs` (past any sane client
 * timeout); `down` answers 503 like a provider outage; `reset` destroys the socket without answering.
 */
export type FakeMode = 'normal' | 'slow' | 'down' | 'reset';

/** One provider's fake: the HTTP behaviour of its documented API, with test-controlled accounts. */
export abstract class ProviderFake {
  abstract readonly id: string;
  mode: FakeMode = 'normal';
  slowMs = 30_000;
  /** Every request this fake received, for assertions (e.g. which auth header was sent). */
  readonly requests: FakeRequest[] = [];
  abstract handle(req: FakeRequest): FakeReply | Promise<FakeReply>;

  /** Back to a clean state between tests. */
  reset(): void {
    this.mode = 'normal';
    this.requests.length = 0;
  }
}

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

/** Decodes `Authorization: Basic …` into user and password. */
export function basicAuth(headers: Record<string, string>): { user: string; password: string } | null {
  const match = /^Basic\s+(.+)$/i.exec(headers.authorization ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** The token of `Authorization: Bearer …`. */
export function bearer(headers: Record<string, string>): string | null {
  return /^Bearer\s+(.+)$/i.exec(headers.authorization ?? '')?.[1] ?? null;
}

/**
 * One loopback HTTP server hosting many fakes, each under `/<id>`; point
 * `PROVIDER_<ID>_BASE_URL` at `baseUrl(id)`.
 */
export class FakeServer {
  private server: Server | null = null;
  private readonly fakes = new Map<string, ProviderFake>();
  url = '';

  constructor(fakes: ProviderFake[]) {
    for (const fake of fakes) this.fakes.set(fake.id, fake);
  }

  get<T extends ProviderFake>(id: string): T {
    const fake = this.fakes.get(id);
    if (!fake) throw new Error(`No fake for ${id}`);
    return fake as T;
  }

  baseUrl(id: string): string {
    return `${this.url}/${id}`;
  }

  /** `PROVIDER_<ID>_BASE_URL` for every fake, ready to merge into an environment. */
  env(): Record<string, string> {
    return Object.fromEntries(
      [...this.fakes.keys()].map((id) => [`PROVIDER_${id.toUpperCase()}_BASE_URL`, this.baseUrl(id)]),
    );
  }

  resetAll(): void {
    for (const fake of this.fakes.values()) fake.reset();
  }

  async start(port = 0): Promise<this> {
    const server = createServer((req, res) => {
      void (async () => {
        const url = new URL(req.url ?? '/', 'http://fake');
        const [, id = '', ...rest] = url.pathname.split('/');
        const fake = this.fakes.get(id);
        const body = await readBody(req);
        if (!fake) {
          res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"no such fake"}');
          return;
        }
        const headers = Object.fromEntries(
          Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]),
        );
        const request: FakeRequest = {
          method: req.method ?? 'GET',
          path: `/${rest.join('/')}`,
          query: url.searchParams,
          headers,
          body,
        };
        fake.requests.push(request);
        if (fake.mode === 'reset') {
          req.socket.destroy();
          return;
        }
        if (fake.mode === 'slow') await new Promise((r) => setTimeout(r, fake.slowMs));
        if (fake.mode === 'down') {
          res.writeHead(503, { 'content-type': 'application/json' }).end('{"error":"service unavailable"}');
          return;
        }
        const reply = await fake.handle(request);
        res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
        res.end(reply.json === undefined ? '' : JSON.stringify(reply.json));
      })().catch(() => {
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    const address = server.address();
    this.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}`;
    this.server = server;
    return this;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    this.server = null;
  }
}
