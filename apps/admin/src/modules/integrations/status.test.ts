import { describe, expect, it } from 'vitest';

import { makeIntegration } from '@/test/fixtures';

import {
  capabilityLabel,
  CATEGORIES,
  categoryTitle,
  connectionState,
  lastError,
  metadataValue,
  modeLabel,
  stateLabel,
  stateSeverity,
  targetStatus,
} from './status';

describe('connection state', () => {
  it('labels each status as the cards show it', () => {
    const label = (i: Parameters<typeof connectionState>[0]) => stateLabel(connectionState(i));
    expect(label(null)).toBe('Not connected');
    expect(label(makeIntegration({ status: 'pending_verify', verifying: false }))).toBe('Verifying');
    expect(label(makeIntegration({ status: 'active' }))).toBe('Connected');
    expect(label(makeIntegration({ status: 'inactive' }))).toBe('Disabled');
    expect(label(makeIntegration({ status: 'error' }))).toBe('Error');
  });

  it('shows a running verification over the stored status', () => {
    expect(connectionState(makeIntegration({ status: 'active', verifying: true }))).toBe('verifying');
    expect(connectionState(makeIntegration({ status: 'error', verifying: true }))).toBe('verifying');
  });

  it('gives each state a tag severity', () => {
    expect(stateSeverity('not_connected')).toBe('secondary');
    expect(stateSeverity('verifying')).toBe('info');
    expect(stateSeverity('connected')).toBe('success');
    expect(stateSeverity('disabled')).toBe('warn');
    expect(stateSeverity('error')).toBe('danger');
  });

  it('labels routing targets, including deleted ones', () => {
    expect(targetStatus('active')).toEqual({ label: 'Connected', severity: 'success' });
    expect(targetStatus('deleted')).toEqual({ label: 'Deleted', severity: 'danger' });
  });
});

describe('labels', () => {
  it('orders and titles the categories', () => {
    expect(CATEGORIES.map((c) => c.title)).toEqual([
      'Payments',
      'AI',
      'Messaging',
      'Booking channels',
      'Email',
      'Access control',
    ]);
    expect(categoryTitle('communication')).toBe('Messaging');
  });

  it('humanizes capabilities and modes', () => {
    expect(capabilityLabel('send_sms')).toBe('Send sms');
    expect(modeLabel('test')).toBe('Test');
    expect(modeLabel('live')).toBe('Live');
  });

  it('reads the last error from metadata, ignoring non-text values', () => {
    expect(lastError(makeIntegration({ metadata: { last_error: 'Invalid API key' } }))).toBe('Invalid API key');
    expect(lastError(makeIntegration({ metadata: { last_error: { code: 1 } } }))).toBeNull();
    expect(lastError(makeIntegration())).toBeNull();
  });

  it('prints metadata values on one line', () => {
    expect(metadataValue('acct_1')).toBe('acct_1');
    expect(metadataValue(3)).toBe('3');
    expect(metadataValue(null)).toBe('—');
    expect(metadataValue({ a: 1 })).toBe('{"a":1}');
  });
});
