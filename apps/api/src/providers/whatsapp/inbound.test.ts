import { createHash, createHmac } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import type { OutboundHttp } from '../../net/outbound.js';
import type { Credentials, InboundRequest, InboundResult } from '../types.js';
import { inbound } from './inbound.js';

const PHONE_ID = '106540352242922';
const APP_SECRET = '0f3a9c2b7e1d4f6a8b5c9d0e1f2a3b4c';
const VERIFY_TOKEN = 'gh-verify-7d1c0f2e9a';
const CREDS: Credentials = {
  phone_number_id: PHONE_ID,
  business_account_id: '102290129340398',
  verify_token: VERIFY_TOKEN,
  access_token: 'EAAGm0PX4ZCpsBA',
  app_secret: APP_SECRET,
};
const http: OutboundHttp = {
  request: () => Promise.reject(new Error('no HTTP in WhatsApp inbound')),
  resolveAllowed: () => Promise.reject(new Error('no HTTP in WhatsApp inbound')),
};
const run = (request: Partial<InboundRequest>, credentials: Credentials = CREDS): Promise<InboundResult> =>
  inbound({
    request: {
      method: 'POST',
      rawBody: Buffer.alloc(0),
      headers: {},
      query: {},
      publicUrl: 'https://gh.test/x',
      ...request,
    },
    credentials,
    http,
    baseUrl: 'https://graph.facebook.com/v21.0',
    now: new Date('2026-03-01T12:00:00Z'),
  });
const sign = (body: string, secret = APP_SECRET) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
const post = (
  body: string,
  headers: Record<string, string> = { 'x-hub-signature-256': sign(body) },
  credentials = CREDS,
) => run({ rawBody: Buffer.from(body), headers }, credentials);

/** A Cloud API delivery as Meta sends it (unicode escaped, as Meta's bytes are). */
const delivery = (value: Record<string, unknown>, phoneId = PHONE_ID) =>
  JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550100000', phone_number_id: phoneId },
              ...value,
            },
            field: 'messages',
          },
        ],
      },
    ],
  }).replace('\u00e9', '\\u00e9');

const textMessage = delivery({
  contacts: [{ profile: { name: 'Ada Lovelace' }, wa_id: '421900123456' }],
  messages: [
    {
      from: '421900123456',
      id: 'wamid.HBgMNDIxOTAwMTIzNDU2FQIAEhggQ0Y3RjQ2',
      timestamp: '1772366390',
      text: { body: 'What is the wifi password? Merci, café' },
      type: 'text',
    },
  ],
});

describe('WhatsApp webhook handshake', () => {
  const query = (over: Record<string, string> = {}) => ({
    'hub.mode': 'subscribe',
    'hub.verify_token': VERIFY_TOKEN,
    'hub.challenge': '1158201444',
    ...over,
  });

  it('answers the challenge when the verify token matches', async () => {
    expect(await run({ method: 'GET', query: query() })).toEqual({
      kind: 'handshake',
      status: 200,
      body: '1158201444',
    });
  });

  it.each<[string, Record<string, string>, Credentials, number, string]>([
    ['a wrong token', query({ 'hub.verify_token': 'gh-verify-7d1c0f2e9b' }), CREDS, 403, 'Verify token does not match'],
    ['a missing token', { 'hub.mode': 'subscribe', 'hub.challenge': '1' }, CREDS, 403, 'Verify token does not match'],
    ['another mode', query({ 'hub.mode': 'unsubscribe' }), CREDS, 403, 'hub.mode is not subscribe'],
    ['no configured token', query(), { ...CREDS, verify_token: '' }, 403, 'Verify token not configured'],
    ['a missing challenge', query({ 'hub.challenge': '' }), CREDS, 400, 'Missing or invalid hub.challenge'],
    [
      'a challenge with markup',
      query({ 'hub.challenge': '<script> x' }),
      CREDS,
      400,
      'Missing or invalid hub.challenge',
    ],
  ])('refuses %s', async (_name, q, credentials, status, reason) => {
    const result = await run({ method: 'GET', query: q }, credentials);
    expect(result).toEqual({ kind: 'rejected', status, reason });
    expect(JSON.stringify(result)).not.toContain(VERIFY_TOKEN);
  });
});

describe('WhatsApp webhook deliveries', () => {
  it('verifies the signature over the raw bytes and normalizes a text message', async () => {
    expect(textMessage).toContain('caf\\u00e9');
    expect(await post(textMessage)).toEqual({
      kind: 'verified',
      eventId: 'wamid.HBgMNDIxOTAwMTIzNDU2FQIAEhggQ0Y3RjQ2',
      eventType: 'messages',
      events: [
        {
          type: 'message.received',
          payload: {
            message_id: 'wamid.HBgMNDIxOTAwMTIzNDU2FQIAEhggQ0Y3RjQ2',
            provider: 'whatsapp',
            channel: 'whatsapp',
            from: '+421900123456',
            text: 'What is the wifi password? Merci, café',
          },
        },
      ],
    });
  });

  it('refuses a re-serialized body signed by Meta over other bytes', async () => {
    const reserialized = JSON.stringify(JSON.parse(textMessage));
    expect(reserialized).not.toBe(textMessage);
    expect(await post(reserialized, { 'x-hub-signature-256': sign(textMessage) })).toEqual({
      kind: 'rejected',
      status: 401,
      reason: 'Signature does not match',
    });
  });

  it('uses the status id and state for status updates, without events', async () => {
    const body = delivery({
      statuses: [
        {
          id: 'wamid.HBgMNDIxOTAwMTIzNDU2FQIAERgSQUJDREVG',
          status: 'delivered',
          timestamp: '1772366391',
          recipient_id: '421900123456',
        },
      ],
    });
    expect(await post(body)).toEqual({
      kind: 'verified',
      eventId: 'wamid.HBgMNDIxOTAwMTIzNDU2FQIAERgSQUJDREVG:delivered',
      eventType: 'statuses',
      events: [],
    });
  });

  it('keeps the message id of non-text messages but emits nothing for them', async () => {
    const body = delivery({
      messages: [{ from: '421900123456', id: 'wamid.IMG', timestamp: '1', type: 'image', image: { id: '1' } }],
    });
    expect(await post(body)).toEqual({ kind: 'verified', eventId: 'wamid.IMG', eventType: 'messages', events: [] });
  });

  it('falls back to the body hash for a WABA-level change without a phone number', async () => {
    const body = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '102290129340398',
          changes: [
            {
              field: 'message_template_status_update',
              value: { event: 'APPROVED', message_template_id: 1, message_template_name: 'checkin' },
            },
          ],
        },
      ],
    });
    expect(await post(body)).toEqual({
      kind: 'verified',
      eventId: createHash('sha256').update(body).digest('hex'),
      eventType: 'message_template_status_update',
      events: [],
    });
  });

  it('refuses a delivery for another phone number visibly', async () => {
    const body = delivery({ messages: [{ from: '1', id: 'wamid.X', type: 'text', text: { body: 'hi' } }] }, '123');
    expect(await post(body)).toEqual({
      kind: 'rejected',
      status: 403,
      reason: 'phone_number_id 123 does not match the configured number',
    });
  });

  it('refuses a batch in which any change is for another number', async () => {
    const mine = JSON.parse(textMessage);
    mine.entry.push({
      id: '102290129340398',
      changes: [{ field: 'messages', value: { metadata: { phone_number_id: '999999' }, messages: [] } }],
    });
    const body = JSON.stringify(mine);
    expect(await post(body)).toMatchObject({ kind: 'rejected', status: 403, reason: /phone_number_id 999999/ });
  });

  it.each<[string, string, Record<string, string>, Credentials, number, string]>([
    ['a missing header', textMessage, {}, CREDS, 401, 'Missing X-Hub-Signature-256 header'],
    [
      'a wrong secret',
      textMessage,
      { 'x-hub-signature-256': sign(textMessage, 'f'.repeat(32)) },
      CREDS,
      401,
      'Signature does not match',
    ],
    [
      'a tampered body',
      textMessage.replace('wifi', 'door'),
      { 'x-hub-signature-256': sign(textMessage) },
      CREDS,
      401,
      'Signature does not match',
    ],
    [
      'a header without the sha256= prefix',
      textMessage,
      { 'x-hub-signature-256': sign(textMessage).slice(7) },
      CREDS,
      401,
      'X-Hub-Signature-256 header is not sha256=<hex>',
    ],
    [
      'a SHA-1 header',
      textMessage,
      { 'x-hub-signature-256': 'sha1=' + 'a'.repeat(40) },
      CREDS,
      401,
      'X-Hub-Signature-256 header is not sha256=<hex>',
    ],
    [
      'no configured app secret',
      textMessage,
      { 'x-hub-signature-256': sign(textMessage) },
      { ...CREDS, app_secret: '' },
      403,
      'App secret not configured',
    ],
    [
      'no configured phone number id',
      textMessage,
      { 'x-hub-signature-256': sign(textMessage) },
      { ...CREDS, phone_number_id: '' },
      403,
      'Phone number ID not configured',
    ],
    ['a signed body that is not JSON', '{', { 'x-hub-signature-256': sign('{') }, CREDS, 400, 'Body is not valid JSON'],
    [
      'a signed body without entries',
      '{"object":"page"}',
      { 'x-hub-signature-256': sign('{"object":"page"}') },
      CREDS,
      400,
      'Body has no entry list',
    ],
    [
      'a messages change without metadata',
      '{"entry":[{"changes":[{"field":"messages","value":{"messages":[]}}]}]}',
      { 'x-hub-signature-256': sign('{"entry":[{"changes":[{"field":"messages","value":{"messages":[]}}]}]}') },
      CREDS,
      400,
      'A messages change has no metadata.phone_number_id',
    ],
  ])('rejects %s', async (_name, body, headers, credentials, status, reason) => {
    const result = await post(body, headers, credentials);
    expect(result).toEqual({ kind: 'rejected', status, reason });
    expect(JSON.stringify(result)).not.toContain(APP_SECRET);
  });
});
