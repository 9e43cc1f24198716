import type { LookupAddress } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

import { Agent, errors as undiciErrors, request } from 'undici';

import { AddressPolicy } from './address-policy.js';
import { OutboundError, type OutboundHttp, type OutboundRequest, type OutboundResponse } from './outbound.js';

export interface OutboundOptions {
  /** CIDRs or addresses re-opened despite the SSRF guard (`OUTBOUND_ALLOWLIST`). */
  allow?: readonly string[];
  timeoutMs?: number;
  /** Plain http refused (production). */
  httpsOnly?: boolean;
  /** Bodies are cut here; verifiers never need more. */
  maxResponseBytes?: number;
  userAgent?: string;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * The HTTP client for every call that leaves Gatehouse. The SSRF check happens at connect time on
 * the address actually dialled (a DNS answer cannot change between check and use); redirects are
 * never followed, so no credential travels to a host it was not meant for; one deadline covers the
 * whole exchange.
 */
export function createOutboundHttp(opts: OutboundOptions = {}): OutboundHttp & { close(): Promise<void> } {
  const policy = new AddressPolicy(opts.allow ?? []);
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const maxBytes = opts.maxResponseBytes ?? 64 * 1024;

  const guardedLookup = (hostname: string, options: { all?: boolean }, callback: LookupCallback) => {
    lookup(hostname, { all: true, verbatim: true })
      .then((addresses) => {
        const allowed = addresses.filter((a) => policy.allows(a.address));
        if (allowed.length === 0) {
          const err: NodeJS.ErrnoException = new Error(`${hostname} resolves only to blocked addresses`);
          err.code = 'EGATEHOUSEBLOCKED';
          callback(err, []);
          return;
        }
        if (options.all) callback(null, allowed);
        else callback(null, allowed[0]!.address, allowed[0]!.family);
      })
      .catch((error: NodeJS.ErrnoException) => callback(error, []));
  };

  const agent = new Agent({
    connect: { lookup: guardedLookup as never, timeout: timeoutMs },
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });

  const checkUrl = (raw: string): URL => {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new OutboundError('invalid_url', 'not a URL');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new OutboundError('invalid_url', `${url.protocol} is not allowed; use https`);
    }
    if (opts.httpsOnly && url.protocol !== 'https:') throw new OutboundError('invalid_url', 'only https is allowed');
    if (url.username || url.password) throw new OutboundError('invalid_url', 'credentials in URLs are not allowed');
    const host = url.hostname.replace(/^\[|\]$/g, '');
    // IP literals never reach the lookup hook, so they are checked here.
    if (isIP(host) && !policy.allows(host))
      throw new OutboundError('blocked', `${host} is a private or reserved address`);
    return url;
  };

  return {
    async request(req: OutboundRequest): Promise<OutboundResponse> {
      const url = checkUrl(req.url);
      const headers: Record<string, string> = { 'user-agent': opts.userAgent ?? 'Gatehouse/1.0', ...req.headers };
      let body: string | undefined;
      if (req.body instanceof URLSearchParams) {
        body = req.body.toString();
        headers['content-type'] ??= 'application/x-www-form-urlencoded';
      } else {
        body = req.body;
      }
      const signal = AbortSignal.timeout(req.timeoutMs ?? timeoutMs);
      try {
        const res = await request(url, { method: req.method ?? 'GET', headers, body, dispatcher: agent, signal });
        const chunks: Buffer[] = [];
        let size = 0;
        for await (const chunk of res.body as AsyncIterable<Buffer>) {
          chunks.push(chunk.subarray(0, maxBytes - size));
          size += chunk.length;
          // Stop reading (leaving the loop destroys the body): an endless body must not run into the deadline.
          if (size >= maxBytes) break;
        }
        if (res.statusCode >= 300 && res.statusCode < 400) {
          throw new OutboundError('redirect', `${url.host} answered with a redirect, which is not followed`);
        }
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        const flat = Object.fromEntries(
          Object.entries(res.headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(', ') : (v ?? '')]),
        );
        return { status: res.statusCode, headers: flat, text, json };
      } catch (error) {
        throw toOutboundError(error, url.host);
      }
    },

    async resolveAllowed(name: string): Promise<string> {
      const host = name.replace(/^\[|\]$/g, '');
      if (isIP(host)) {
        if (!policy.allows(host)) throw new OutboundError('blocked', `${host} is a private or reserved address`);
        return host;
      }
      let addresses: LookupAddress[];
      try {
        addresses = await lookup(host, { all: true, verbatim: true });
      } catch {
        throw new OutboundError('network', `${host} could not be resolved`);
      }
      const allowed = addresses.find((a) => policy.allows(a.address));
      if (!allowed) throw new OutboundError('blocked', `${host} resolves only to private or reserved addresses`);
      return allowed.address;
    },

    close: () => agent.close(),
  };
}

function toOutboundError(error: unknown, host: string): OutboundError {
  if (error instanceof OutboundError) return error;
  const err = error as NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException };
  const code = err.code ?? err.cause?.code;
  if (code === 'EGATEHOUSEBLOCKED')
    return new OutboundError('blocked', `${host} resolves only to private or reserved addresses`);
  if (
    err.name === 'TimeoutError' ||
    err.name === 'AbortError' ||
    error instanceof undiciErrors.HeadersTimeoutError ||
    error instanceof undiciErrors.BodyTimeoutError ||
    error instanceof undiciErrors.ConnectTimeoutError
  ) {
    return new OutboundError('timeout', `${host} did not answer in time`);
  }
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|^ERR_TLS|^ERR_SSL/.test(code ?? '')) {
    return new OutboundError('network', `${host}: the TLS handshake failed (certificate not accepted)`);
  }
  const reasons: Record<string, string> = {
    ENOTFOUND: 'the host name does not resolve',
    EAI_AGAIN: 'the host name could not be resolved',
    ECONNREFUSED: 'the connection was refused',
    ECONNRESET: 'the connection was reset',
    UND_ERR_SOCKET: 'the connection was closed',
  };
  return new OutboundError('network', `${host}: ${reasons[code ?? ''] ?? 'the request failed'}`);
}
