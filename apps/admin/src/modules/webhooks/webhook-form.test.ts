import { describe, expect, it } from 'vitest';

import { ApiError } from '@/api/api-error';
import { makeWebhook } from '@/test/fixtures';

import {
  blankForm,
  changedFieldsText,
  createBody,
  FORBIDDEN_HEADER_MESSAGE,
  fieldErrorUnder,
  formFromWebhook,
  headerApiError,
  headerProblems,
  headersRecord,
  headersValid,
  MAX_HEADERS,
  updateBody,
} from './webhook-form';

describe('header rows', () => {
  it('refuses the headers Gatehouse sets itself, in any case', () => {
    for (const name of ['Host', 'content-type', 'Content-Length', 'User-Agent', 'webhook-signature', 'Connection']) {
      expect(headerProblems([{ name, value: 'x' }])).toEqual([FORBIDDEN_HEADER_MESSAGE]);
    }
    expect(headerProblems([{ name: 'Authorization', value: 'Bearer t' }])).toEqual([null]);
    expect(headerProblems([{ name: 'X-Api-Token', value: 'tok' }])).toEqual([null]);
  });

  it('checks names, values and repeats the way the API does', () => {
    expect(
      headerProblems([
        { name: '', value: 'orphan' },
        { name: 'Bad Header', value: 'x' },
        { name: 'X-Multi', value: 'a\nb' },
        { name: 'X-Token', value: '1' },
        { name: 'x-token', value: '2' },
        { name: '  ', value: '  ' },
      ]),
    ).toEqual([
      'Enter a header name',
      "Header names may contain letters, digits and !#$%&'*+.^_`|~-",
      'Header values cannot contain line breaks',
      null,
      'This header is already set above',
      null,
    ]);
  });

  it('sends non-blank rows only, trimmed, and at most 20 of them', () => {
    const rows = [
      { name: ' X-A ', value: ' 1 ' },
      { name: '', value: '' },
      { name: 'X-B', value: '' },
    ];
    expect(headersRecord(rows)).toEqual({ 'X-A': '1', 'X-B': '' });
    expect(headersValid(rows)).toBe(true);
    const many = Array.from({ length: MAX_HEADERS + 1 }, (_, i) => ({ name: `X-${i}`, value: 'v' }));
    expect(headersValid(many)).toBe(false);
    expect(headersValid([{ name: 'Host', value: 'x' }])).toBe(false);
  });

  it('finds API messages for nested fields and for one header', () => {
    const error = new ApiError(422, 'validation_failed', 'Invalid', {
      'event_types.1': ['Event type must look like integration.status_changed'],
      'headers.X-Bad': ['Header values must be at most 4096 bytes'],
    });
    expect(fieldErrorUnder(error, 'event_types')).toBe('Event type must look like integration.status_changed');
    expect(fieldErrorUnder(error, 'event')).toBeUndefined();
    expect(fieldErrorUnder(null, 'event_types')).toBeUndefined();
    expect(headerApiError(error, ' X-Bad ')).toBe('Header values must be at most 4096 bytes');
    expect(headerApiError(error, 'X-Good')).toBeUndefined();
  });
});

describe('webhook form', () => {
  it('builds the create body from the form', () => {
    expect(
      createBody({
        ...blankForm(),
        name: ' Channel manager ',
        url: ' https://hooks.example.com/x ',
        event_types: ['booking.created'],
        headers: [{ name: 'X-Token', value: 'abc' }],
        enabled: false,
      }),
    ).toEqual({
      name: 'Channel manager',
      url: 'https://hooks.example.com/x',
      description: undefined,
      event_types: ['booking.created'],
      headers: { 'X-Token': 'abc' },
      status: 'disabled',
    });
  });

  it('patches only the fields that changed', () => {
    const webhook = makeWebhook({ description: 'Old' });
    const form = formFromWebhook(webhook);
    expect(updateBody(webhook, form)).toEqual({});

    // Reordering events or padding values is no change.
    expect(
      updateBody(webhook, { ...form, name: ` ${webhook.name} `, event_types: [...webhook.event_types].reverse() }),
    ).toEqual({});

    expect(
      updateBody(webhook, {
        ...form,
        url: 'https://new.example.com/hook',
        description: '  ',
        headers: [...form.headers, { name: 'X-Extra', value: '1' }],
        enabled: false,
      }),
    ).toEqual({
      url: 'https://new.example.com/hook',
      description: null,
      headers: { 'X-Api-Token': 'tok_123', 'X-Extra': '1' },
      status: 'disabled',
    });

    expect(updateBody(webhook, { ...form, event_types: [] })).toEqual({ event_types: [] });
  });

  it('names the changed fields for the confirmation', () => {
    expect(changedFieldsText({ name: 'x' })).toBe('name');
    expect(changedFieldsText({ url: 'x', event_types: [] })).toBe('URL and events');
    expect(changedFieldsText({ name: 'x', headers: {}, status: 'enabled' })).toBe('name, custom headers and status');
  });
});
