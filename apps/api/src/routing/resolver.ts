import type { Resolution } from '@gatehouse/shared';

/** What the resolver needs of an integration. */
export interface Target {
  id: string;
  provider: string;
  status: string;
  enabled_capabilities: string[];
  deleted_at: Date | null;
}

/** What the resolver needs of a rule, in evaluation order (highest priority first). */
export interface Rule {
  id: string;
  integration_id: string;
  fallback_integration_id: string | null;
}

export type ResolveResult = { ok: true; resolution: Resolution } | { ok: false; message: string };

/** Only live, active integrations with the capability switched on ever receive an operation. */
export const usable = (t: Target | undefined, capability: string): t is Target =>
  t !== undefined && t.deleted_at === null && t.status === 'active' && t.enabled_capabilities.includes(capability);

/**
 * Picks the integration for a capability: the highest-priority rule whose integration is usable,
 * else that rule's fallback if usable, else the next rule. A capability without rules uses the
 * oldest usable integration that offers it. When nothing qualifies, a platform default (the
 * OpenRouter key) answers for the capabilities it covers; otherwise `no_active_provider`.
 */
export function resolveRoute(
  capability: string,
  rules: readonly Rule[],
  targets: ReadonlyMap<string, Target>,
  platformDefaults: ReadonlyMap<string, string>,
): ResolveResult {
  const chosen = (t: Target, via: Resolution['via'], ruleId: string | null): ResolveResult => ({
    ok: true,
    resolution: { capability, integration_id: t.id, provider: t.provider, via, rule_id: ruleId },
  });
  for (const rule of rules) {
    const primary = targets.get(rule.integration_id);
    if (usable(primary, capability)) return chosen(primary, 'rule', rule.id);
    const fallback = rule.fallback_integration_id ? targets.get(rule.fallback_integration_id) : undefined;
    if (usable(fallback, capability)) return chosen(fallback, 'fallback', rule.id);
  }
  if (rules.length === 0) {
    const implicit = [...targets.values()].find((t) => usable(t, capability));
    if (implicit) return chosen(implicit, 'only_active', null);
  }
  const platform = platformDefaults.get(capability);
  if (platform) {
    return {
      ok: true,
      resolution: { capability, integration_id: null, provider: platform, via: 'platform_default', rule_id: null },
    };
  }
  return {
    ok: false,
    message:
      rules.length > 0
        ? `No active provider for ${capability}: none of its routing rules points at an active integration (or active fallback).`
        : `No active provider for ${capability}: connect and verify an integration that supports it.`,
  };
}
