import { signWebhookMulti } from '@gatehouse/crypto';

import { OutboundError, type OutboundHttp } from '../../net/outbound.js';
import { parseRetryAfter } from './schedule.js';

/** The most of a response body kept in the attempt log. */
export const RESPONSE_EXCERPT_BYTES = 20 * 1024;

export interface OutgoingMessage {
  id: string;
  eventType: string;
  payload: unknown;
  createdAt: Date;
}

export interface SendResult {
  success: boolean;
  /** 0 when no response came. */
  statusCode: number;
  error: string | null;
  durationMs: number;
  responseExcerpt: string | null;
  /** A timeout or 429: the receiver is overloaded. */
  overloaded: boolean;
  retryAfter: number | null;
  /** 410 Gone: the receiver asks us to stop. */
  gone: boolean;
}

/** The JSON body receivers get: Standard Webhooks' `{ type, timestamp, data }`. */
export const bodyOf = (m: OutgoingMessage): string =>
  JSON.stringify({ type: m.eventType, timestamp: m.createdAt.toISOString(), data: m.payload });

/**
 * POSTs one message to an endpoint, signed per Standard Webhooks with every current secret
 * (several space-separated signatures during a rotation). Only 2xx succeeds; redirects are not
 * followed (the shared client treats 3xx as an error); errors never include header values.
 */
export async function sendMessage(
  http: OutboundHttp,
  endpoint: { url: string; headers: Record<string, string> },
  secrets: readonly string[],
  message: OutgoingMessage,
  now = new Date(),
): Promise<SendResult> {
  const body = bodyOf(message);
  const timestamp = Math.floor(now.getTime() / 1000);
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const res = await http.request({
      method: 'POST',
      url: endpoint.url,
      headers: {
        ...endpoint.headers,
        'content-type': 'application/json',
        'user-agent': 'Gatehouse-Webhooks/1.0',
        'webhook-id': message.id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signWebhookMulti(secrets, message.id, timestamp, body),
      },
      body,
    });
    const success = res.status >= 200 && res.status < 300;
    return {
      success,
      statusCode: res.status,
      error: success ? null : `HTTP ${res.status}`,
      durationMs: elapsed(),
      responseExcerpt: res.text === '' ? null : res.text.slice(0, RESPONSE_EXCERPT_BYTES),
      overloaded: res.status === 429,
      retryAfter: parseRetryAfter(res.headers['retry-after'], now),
      gone: res.status === 410,
    };
  } catch (error) {
    if (!(error instanceof OutboundError)) throw error;
    return {
      success: false,
      statusCode: 0,
      error: error.message,
      durationMs: elapsed(),
      responseExcerpt: null,
      overloaded: error.kind === 'timeout',
      retryAfter: null,
      gone: false,
    };
  }
}
