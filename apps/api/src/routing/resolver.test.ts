import { describe, expect, it } from 'vitest';

import { resolveRoute, type Rule, type Target } from './resolver.js';

const t = (id: string, provider: string, status = 'active', caps = ['send_sms'], deleted = false): Target => ({
  id,
  provider,
  status,
  enabled_capabilities: caps,
  deleted_at: deleted ? new Date() : null,
});
const rule = (id: string, integration: string, fallback: string | null = null): Rule => ({
  id,
  integration_id: integration,
  fallback_integration_id: fallback,
});
const targets = (...list: Target[]) => new Map(list.map((x) => [x.id, x]));
const none = new Map<string, string>();

describe('routing resolver', () => {
  it.each([
    {
      name: 'highest-priority rule with an active integration',
      rules: [rule('r1', 'twilio'), rule('r2', 'wa')],
      targets: targets(t('twilio', 'twilio'), t('wa', 'whatsapp')),
      expected: { integration_id: 'twilio', via: 'rule', rule_id: 'r1' },
    },
    {
      name: 'skips an inactive primary for its active fallback',
      rules: [rule('r1', 'twilio', 'wa')],
      targets: targets(t('twilio', 'twilio', 'inactive'), t('wa', 'whatsapp')),
      expected: { integration_id: 'wa', via: 'fallback', rule_id: 'r1' },
    },
    {
      name: 'skips a rule whose primary and fallback are both unusable',
      rules: [rule('r1', 'twilio', 'wa'), rule('r2', 'smsx')],
      targets: targets(t('twilio', 'twilio', 'error'), t('wa', 'whatsapp', 'pending_verify'), t('smsx', 'other')),
      expected: { integration_id: 'smsx', via: 'rule', rule_id: 'r2' },
    },
    {
      name: 'never selects a deleted integration',
      rules: [rule('r1', 'twilio', 'wa')],
      targets: targets(t('twilio', 'twilio', 'active', ['send_sms'], true), t('wa', 'whatsapp')),
      expected: { integration_id: 'wa', via: 'fallback' },
    },
    {
      name: 'skips an integration with the capability switched off',
      rules: [rule('r1', 'twilio', 'wa')],
      targets: targets(t('twilio', 'twilio', 'active', ['send_whatsapp']), t('wa', 'whatsapp')),
      expected: { integration_id: 'wa', via: 'fallback' },
    },
    {
      name: 'without rules uses the oldest active integration offering the capability',
      rules: [],
      targets: targets(t('old', 'twilio', 'inactive'), t('mid', 'twilio'), t('new', 'whatsapp')),
      expected: { integration_id: 'mid', via: 'only_active', rule_id: null },
    },
  ])('$name', ({ rules, targets: map, expected }) => {
    const result = resolveRoute('send_sms', rules, map, none);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.resolution).toMatchObject({ capability: 'send_sms', ...expected });
  });

  it.each([
    { name: 'no integrations at all', rules: [], map: targets(), message: /connect and verify/ },
    {
      name: 'rules exist but nothing they point at is active',
      rules: [rule('r1', 'twilio', 'wa')],
      map: targets(t('twilio', 'twilio', 'inactive'), t('wa', 'whatsapp', 'error'), t('x', 'other')),
      message: /none of its routing rules/,
    },
  ])('fails with no_active_provider when $name', ({ rules, map, message }) => {
    const result = resolveRoute('send_sms', rules, map, none);
    expect(result).toMatchObject({ ok: false });
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it('answers with the platform default (OpenRouter key) only when the tenant has nothing active', () => {
    const defaults = new Map([['chat_completion', 'openrouter']]);
    const tenantKey = targets(t('or', 'openrouter', 'active', ['chat_completion']));
    expect(resolveRoute('chat_completion', [], tenantKey, defaults)).toMatchObject({
      ok: true,
      resolution: { integration_id: 'or', via: 'only_active' },
    });
    const disabled = targets(t('or', 'openrouter', 'inactive', ['chat_completion']));
    expect(resolveRoute('chat_completion', [], disabled, defaults)).toMatchObject({
      ok: true,
      resolution: { integration_id: null, provider: 'openrouter', via: 'platform_default' },
    });
    expect(resolveRoute('chat_completion', [], disabled, none)).toMatchObject({ ok: false });
  });
});
