import { describe, expect, it } from 'vitest';

import { makeMe } from '@/test/fixtures';

import { decide } from './guard';

describe('decide', () => {
  it('lets anyone open public pages', () => {
    expect(decide({ public: true }, null)).toBe('ok');
  });

  it('sends signed-out users to login', () => {
    expect(decide({}, null)).toBe('login');
    expect(decide({ action: 'team.view' }, null)).toBe('login');
  });

  it('lets a signed-in user open pages without requirements', () => {
    expect(decide({}, makeMe('staff', 'free'))).toBe('ok');
  });

  it('forbids pages the role lacks, whatever the plan', () => {
    expect(decide({ action: 'api_keys.manage' }, makeMe('manager'))).toBe('forbidden');
    expect(decide({ action: 'integrations.view' }, makeMe('staff'))).toBe('forbidden');
    expect(decide({ action: 'audit.view' }, makeMe('manager', 'free'))).toBe('forbidden');
  });

  it("asks for an upgrade when the role may but the plan lacks the action's feature", () => {
    expect(decide({ action: 'api_keys.manage' }, makeMe('admin', 'pro'))).toBe('upgrade');
    expect(decide({ action: 'webhooks.manage' }, makeMe('manager', 'free'))).toBe('upgrade');
  });

  it('honours an explicit feature on the route', () => {
    const me = makeMe('owner', 'pro', ['connections']);
    expect(decide({ action: 'integrations.view', feature: 'webhooks' }, me)).toBe('upgrade');
    expect(decide({ action: 'integrations.view' }, me)).toBe('ok');
  });

  it('allows entitled roles through', () => {
    expect(decide({ action: 'api_keys.manage' }, makeMe('owner'))).toBe('ok');
    expect(decide({ action: 'webhooks.manage' }, makeMe('manager'))).toBe('ok');
    expect(decide({ action: 'team.view' }, makeMe('staff', 'free'))).toBe('ok');
  });

  it('closes tenant pages to an account without a workspace', () => {
    const me = { ...makeMe('owner'), role: null, tenant: null };
    expect(decide({ action: 'team.view' }, me)).toBe('forbidden');
    expect(decide({}, me)).toBe('ok');
  });
});
