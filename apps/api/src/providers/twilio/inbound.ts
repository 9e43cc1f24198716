import { createHmac, timingSafeEqual } from 'node:crypto';

import type { InboundHandler, InboundResult, NormalizedEvent } from '../types.js';

const rejected = (status: number, reason: string): InboundResult => ({ kind: 'rejected', status, reason });

/**
 * `X-Twilio-Signature`: base64(HMAC-SHA1(auth token, URL + every POST parameter sorted by name as
 * name+value)), the algorithm of twilio-node's `getExpectedTwilioSignature`. The URL is the public
 * URL Twilio called (PUBLIC_BASE_URL + path + query), never rebuilt from the Host header; like
 * twilio-node it is also tried with and without the default port.
 */
export const inbound: InboundHandler = async (ctx) => {
  const token = ctx.credentials.auth_token;
  if (!token) return rejected(403, 'Auth token not configured');
  const header = ctx.request.headers['x-twilio-signature'];
  if (!header) return rejected(401, 'Missing X-Twilio-Signature header');

  const params = new URLSearchParams(ctx.request.rawBody.toString('utf8'));
  const received = Buffer.from(header.trim());
  let matched = false;
  for (const url of urlVariants(ctx.request.publicUrl)) {
    const expected = Buffer.from(expectedSignature(token, url, params));
    if (expected.length === received.length && timingSafeEqual(expected, received)) matched = true;
  }
  if (!matched) return rejected(401, 'Signature does not match');

  const sid = params.get('MessageSid') || params.get('SmsSid') || null;
  const status = params.get('MessageStatus') || params.get('SmsStatus') || null;
  // Status callbacks (queued, sent, delivered…) repeat the message SID: the status keeps them apart.
  const eventId = sid === null ? null : status === null || status === 'received' ? sid : `${sid}:${status}`;
  return { kind: 'verified', eventId, eventType: status, events: normalize(params, sid, status) };
};

/** Form parameters as twilio-node sees them: repeated names become one name with its distinct values sorted. */
function expectedSignature(token: string, url: string, params: URLSearchParams): string {
  const grouped = new Map<string, string[]>();
  for (const [key, value] of params) grouped.set(key, [...(grouped.get(key) ?? []), value]);
  let data = url;
  for (const key of [...grouped.keys()].sort()) {
    for (const value of [...new Set(grouped.get(key))].sort()) data += key + value;
  }
  return createHmac('sha1', token).update(Buffer.from(data, 'utf8')).digest('base64');
}

/** The URL as given, with the scheme's default port added, and with any port removed. */
function urlVariants(url: string): string[] {
  const match = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#@]*@)?(\[[^\]]*\]|[^/?#:]*)(:\d*)?(.*)$/is.exec(url);
  if (!match) return [url];
  const [, scheme = '', userInfo = '', host = '', port, rest = ''] = match;
  const withPort = `${scheme}${userInfo}${host}${port ?? (scheme.toLowerCase() === 'https://' ? ':443' : ':80')}${rest}`;
  const withoutPort = `${scheme}${userInfo}${host}${rest}`;
  return [...new Set([url, withPort, withoutPort])];
}

/** An inbound SMS or WhatsApp message (`From: whatsapp:+…`) → `message.received`. */
function normalize(params: URLSearchParams, sid: string | null, status: string | null): NormalizedEvent[] {
  const from = params.get('From');
  const text = params.get('Body');
  if (sid === null || (status !== null && status !== 'received') || !from || !text) return [];
  const whatsapp = from.toLowerCase().startsWith('whatsapp:');
  return [
    {
      type: 'message.received',
      payload: {
        message_id: sid,
        provider: 'twilio',
        channel: whatsapp ? 'whatsapp' : 'sms',
        from: whatsapp ? from.slice('whatsapp:'.length) : from,
        text,
      },
    },
  ];
}
