/**
 * The one HTTP client for calls leaving Gatehouse (provider verification and sending, later
 * outbound webhooks). Implemented in `outbound-http.ts`; this file is the contract callers use.
 */
export interface OutboundRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  /** A string is sent as is; URLSearchParams as `application/x-www-form-urlencoded`. */
  body?: string | URLSearchParams;
  /** Whole-request deadline (connect + headers + body); defaults to the client's timeout. */
  timeoutMs?: number;
}

export interface OutboundResponse {
  status: number;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** The body as text, cut at the client's response size limit. */
  text: string;
  /** The body parsed as JSON, or `undefined` when it is not JSON. */
  json: unknown;
}

/**
 * Why a request produced no response. `blocked`: the SSRF guard refused the destination;
 * `invalid_url`: not an http(s) URL (or http where https is required); `timeout`; `network`:
 * DNS failure, refused or reset connection, TLS failure; `redirect`: a 3xx (never followed, so
 * credentials are never forwarded to another host). Messages name the host, never a header value.
 */
export type OutboundErrorKind = 'blocked' | 'invalid_url' | 'timeout' | 'network' | 'redirect';

export class OutboundError extends Error {
  constructor(
    readonly kind: OutboundErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'OutboundError';
  }
}

export interface OutboundHttp {
  request(req: OutboundRequest): Promise<OutboundResponse>;
  /**
   * Resolves `host` and returns an address the guard accepts, for protocols that open their own
   * sockets (SMTP): connect to the returned address, not the name.
   * @throws OutboundError `blocked` or `network`
   */
  resolveAllowed(host: string): Promise<string>;
}
