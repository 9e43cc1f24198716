import { describe, expect, it } from 'vitest';

import { ApiError } from '@/api/api-error';
import { makeIntegration, makeProvider, makeTwilioProvider } from '@/test/fixtures';

import {
  capabilitiesError,
  createBody,
  draftFor,
  generalErrors,
  secretHint,
  serverFieldError,
  updateBody,
  validateDraft,
} from './credential-form';

describe('credential form', () => {
  it('starts a new integration from the field defaults and every capability', () => {
    const draft = draftFor(makeTwilioProvider(), null);
    expect(draft.credentials).toEqual({ account_sid: '', auth_token: '', region: 'us1', timeout: '' });
    expect(draft.capabilities).toEqual(['send_sms', 'send_whatsapp']);
  });

  it('prefills saved non-sensitive values and leaves secrets blank', () => {
    const draft = draftFor(makeProvider(), makeIntegration({ enabled_capabilities: ['initiate_payment'] }));
    expect(draft.credentials).toEqual({ publishable_key: 'pk_test_abc123', secret_key: '', webhook_secret: '' });
    expect(draft.capabilities).toEqual(['initiate_payment']);
  });

  it('hints stored secrets by their last four characters', () => {
    const integration = makeIntegration();
    expect(secretHint(integration, 'secret_key')).toBe('••••4242');
    expect(secretHint(integration, 'webhook_secret')).toBeNull();
    expect(secretHint(null, 'secret_key')).toBeNull();
  });

  it('checks required fields, patterns, numbers and emails', () => {
    const provider = makeProvider();
    const draft = draftFor(provider, null);
    expect(validateDraft(provider, null, draft)).toEqual({
      publishable_key: 'Publishable key is required',
      secret_key: 'Secret key is required',
    });
    draft.credentials.publishable_key = 'nope';
    draft.credentials.secret_key = 'sk_test_1';
    expect(validateDraft(provider, null, draft)).toEqual({
      publishable_key: 'Publishable key must start with pk_test_ or pk_live_',
    });

    const twilio = makeTwilioProvider({
      credential_schema: {
        ...makeTwilioProvider().credential_schema,
        contact: { type: 'email', sensitive: false, required: false, label: 'Contact', description: '' },
      },
    });
    const other = draftFor(twilio, null);
    Object.assign(other.credentials, { account_sid: 'AC1', auth_token: 't', timeout: 'ten', contact: 'x@' });
    expect(validateDraft(twilio, null, other)).toEqual({
      timeout: 'Timeout must be a number',
      contact: 'Contact must be an email address',
    });
  });

  it('lets a saved integration keep a stored required secret by leaving it blank', () => {
    const provider = makeProvider();
    const integration = makeIntegration();
    expect(validateDraft(provider, integration, draftFor(provider, integration))).toEqual({});
    const unstored = makeIntegration({ credential_hints: { secret_key: null } });
    expect(validateDraft(provider, unstored, draftFor(provider, unstored))).toHaveProperty('secret_key');
  });

  it('creates with trimmed, non-blank values only', () => {
    const provider = makeProvider();
    const draft = draftFor(provider, null);
    Object.assign(draft.credentials, { publishable_key: ' pk_test_1 ', secret_key: 'sk_test_2', webhook_secret: ' ' });
    draft.capabilities = ['verify_payment', 'initiate_payment'];
    expect(createBody(provider, draft)).toEqual({
      provider: 'stripe',
      credentials: { publishable_key: 'pk_test_1', secret_key: 'sk_test_2' },
      enabled_capabilities: ['initiate_payment', 'verify_payment'],
    });
  });

  it('updates only what changed; blank secrets keep the stored value; cleared values become null', () => {
    const provider = makeTwilioProvider();
    const integration = makeIntegration({
      provider: 'twilio',
      credentials: { account_sid: 'AC1', auth_token: null, region: 'us1', timeout: '30' },
      credential_hints: { auth_token: '9999' },
      enabled_capabilities: ['send_sms', 'send_whatsapp'],
    });
    const draft = draftFor(provider, integration);
    expect(updateBody(provider, integration, draft)).toEqual({});

    draft.credentials.region = 'ie1';
    draft.credentials.timeout = '';
    draft.capabilities = ['send_whatsapp', 'send_sms'];
    expect(updateBody(provider, integration, draft)).toEqual({ credentials: { region: 'ie1', timeout: null } });

    draft.credentials.auth_token = 'new-token';
    draft.capabilities = ['send_sms'];
    expect(updateBody(provider, integration, draft)).toEqual({
      credentials: { region: 'ie1', timeout: null, auth_token: 'new-token' },
      enabled_capabilities: ['send_sms'],
    });
  });

  it('sorts the API field errors into fields and general messages', () => {
    const provider = makeProvider();
    const error = new ApiError(422, 'validation_failed', 'Invalid', {
      'credentials.secret_key': ['Secret key is a live key'],
      provider: ['An integration for this provider already exists.'],
      'enabled_capabilities.0': ['Unknown capability'],
    });
    expect(serverFieldError(error, 'secret_key')).toBe('Secret key is a live key');
    expect(serverFieldError(error, 'publishable_key')).toBeUndefined();
    expect(capabilitiesError(error)).toBe('Unknown capability');
    expect(generalErrors(error, provider)).toEqual(['An integration for this provider already exists.']);
    expect(generalErrors(null, provider)).toEqual([]);
  });
});
