import twilio from 'twilio';
import { describe, expect, it } from 'vitest';

import type { OutboundHttp } from '../../net/outbound.js';
import type { Credentials, InboundResult } from '../types.js';
import { inbound } from './inbound.js';

const TOKEN = '9f86d081884c7d659a2feaa0c55ad015';
const PUBLIC_URL = 'https://gatehouse.example.com/api/webhooks/twilio/t/hotel-ada';
const http: OutboundHttp = {
  request: () => Promise.reject(new Error('no HTTP in Twilio inbound')),
  resolveAllowed: () => Promise.reject(new Error('no HTTP in Twilio inbound')),
};
const form = (params: Record<string, string | string[]>) => {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) for (const v of [value].flat()) out.append(key, v);
  return out.toString();
};
const run = (
  params: Record<string, string | string[]>,
  headers: Record<string, string>,
  { url = PUBLIC_URL, credentials = { account_sid: 'AC1', auth_token: TOKEN } as Credentials, raw = form(params) } = {},
): Promise<InboundResult> =>
  inbound({
    request: {
      method: 'POST',
      rawBody: Buffer.from(raw),
      headers: { 'content-type': 'application/x-www-form-urlencoded', host: 'evil.example', ...headers },
      query: {},
      publicUrl: url,
    },
    credentials,
    http,
    baseUrl: 'https://api.twilio.com',
    now: new Date('2026-03-01T12:00:00Z'),
  });
const sign = (params: Record<string, string | string[]>, url = PUBLIC_URL, token = TOKEN) => ({
  'x-twilio-signature': twilio.getExpectedTwilioSignature(token, url, params),
});

const sms = {
  ToCountry: 'US',
  SmsMessageSid: 'SM0d8a4b8e5c1f2a3b4c5d6e7f8a9b0c1d',
  NumMedia: '0',
  SmsSid: 'SM0d8a4b8e5c1f2a3b4c5d6e7f8a9b0c1d',
  SmsStatus: 'received',
  Body: 'Hi! Is early check-in possible? 50% + tip & thanks',
  To: '+15550100000',
  NumSegments: '1',
  MessageSid: 'SM0d8a4b8e5c1f2a3b4c5d6e7f8a9b0c1d',
  AccountSid: 'AC0123456789abcdef0123456789abcdef',
  From: '+421900123456',
  ApiVersion: '2010-04-01',
};

describe('Twilio inbound webhooks', () => {
  it('matches the published vector', async () => {
    const params = {
      CallSid: 'CA1234567890ABCDE',
      Caller: '+12349013030',
      Digits: '1234',
      From: '+12349013030',
      To: '+18005551212',
    };
    const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';
    expect(twilio.validateRequest('12345', '0/KCTR6DLpKmkAf8muzZqo1nDgQ=', url, params)).toBe(true);
    const result = await run(
      params,
      { 'x-twilio-signature': '0/KCTR6DLpKmkAf8muzZqo1nDgQ=' },
      { url, credentials: { auth_token: '12345' } },
    );
    expect(result).toEqual({ kind: 'verified', eventId: null, eventType: null, events: [] });
  });

  it('verifies an inbound SMS signed by twilio-node and normalizes it', async () => {
    const headers = sign(sms);
    expect(twilio.validateRequest(TOKEN, headers['x-twilio-signature'], PUBLIC_URL, sms)).toBe(true);
    expect(await run(sms, headers)).toEqual({
      kind: 'verified',
      eventId: 'SM0d8a4b8e5c1f2a3b4c5d6e7f8a9b0c1d',
      eventType: 'received',
      events: [
        {
          type: 'message.received',
          payload: {
            message_id: 'SM0d8a4b8e5c1f2a3b4c5d6e7f8a9b0c1d',
            provider: 'twilio',
            channel: 'sms',
            from: '+421900123456',
            text: 'Hi! Is early check-in possible? 50% + tip & thanks',
          },
        },
      ],
    });
  });

  it('normalizes a WhatsApp message received through Twilio', async () => {
    const params = { ...sms, From: 'whatsapp:+421900123456', To: 'whatsapp:+15550100000', ProfileName: 'Ada' };
    expect(await run(params, sign(params))).toMatchObject({
      kind: 'verified',
      events: [{ type: 'message.received', payload: { channel: 'whatsapp', from: '+421900123456' } }],
    });
  });

  it('keeps status callbacks apart by status and emits nothing for them', async () => {
    const params = {
      MessageSid: 'SM0d8a4b8e5c1f2a3b4c5d6e7f8a9b0c1d',
      SmsSid: 'SM0d8a4b8e5c1f2a3b4c5d6e7f8a9b0c1d',
      MessageStatus: 'delivered',
      SmsStatus: 'delivered',
      AccountSid: 'AC0123456789abcdef0123456789abcdef',
      From: '+15550100000',
      To: '+421900123456',
    };
    expect(await run(params, sign(params))).toEqual({
      kind: 'verified',
      eventId: 'SM0d8a4b8e5c1f2a3b4c5d6e7f8a9b0c1d:delivered',
      eventType: 'delivered',
      events: [],
    });
  });

  it('signs repeated parameters the way twilio-node does', async () => {
    const params = { ...sms, NumMedia: '2', MediaUrl: ['https://api.twilio.com/b', 'https://api.twilio.com/a'] };
    expect((await run(params, sign(params))).kind).toBe('verified');
  });

  it('uses the configured public PUBLIC_URL (query included), not the Host header', async () => {
    const url = `${PUBLIC_URL}?tenant=ada&v=2`;
    expect((await run(sms, sign(sms, url), { url })).kind).toBe('verified');
    expect(await run(sms, sign(sms, 'https://evil.example/api/webhooks/twilio/t/hotel-ada'))).toEqual({
      kind: 'rejected',
      status: 401,
      reason: 'Signature does not match',
    });
  });

  it('accepts a signature over the PUBLIC_URL with or without the default port', async () => {
    const withPort = 'https://gatehouse.example.com:443/api/webhooks/twilio/t/hotel-ada';
    expect((await run(sms, sign(sms, withPort))).kind).toBe('verified');
    expect((await run(sms, sign(sms), { url: withPort })).kind).toBe('verified');
  });

  it.each<[string, Record<string, string>, { credentials?: Credentials; raw?: string }, number, string]>([
    ['a missing header', {}, {}, 401, 'Missing X-Twilio-Signature header'],
    ['a wrong token', sign(sms, PUBLIC_URL, '0'.repeat(32)), {}, 401, 'Signature does not match'],
    [
      'a tampered body',
      sign(sms),
      { raw: form({ ...sms, Body: 'Send me the door code' }) },
      401,
      'Signature does not match',
    ],
    ['an extra parameter', sign(sms), { raw: `${form(sms)}&Extra=1` }, 401, 'Signature does not match'],
    ['no configured auth token', sign(sms), { credentials: { account_sid: 'AC1' } }, 403, 'Auth token not configured'],
  ])('rejects %s', async (_name, headers, opts, status, reason) => {
    const result = await run(sms, headers, opts);
    expect(result).toEqual({ kind: 'rejected', status, reason });
    expect(JSON.stringify(result)).not.toContain(TOKEN);
  });
});
