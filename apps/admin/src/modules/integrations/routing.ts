import type { Integration, Provider, RoutingRule, UpdateRoutingRuleBody } from '@gatehouse/shared';

import { capabilityLabel } from './status';

/** The rule dialog's fields; `null` until chosen. */
export interface RuleForm {
  capability: string | null;
  integration_id: string | null;
  fallback_integration_id: string | null;
  priority: number;
  is_default: boolean;
}

export const DEFAULT_PRIORITY = 100;

export const blankRule = (): RuleForm => ({
  capability: null,
  integration_id: null,
  fallback_integration_id: null,
  priority: DEFAULT_PRIORITY,
  is_default: false,
});

export const formFromRule = (rule: RoutingRule): RuleForm => ({
  capability: rule.capability,
  integration_id: rule.integration_id,
  fallback_integration_id: rule.fallback_integration_id,
  priority: rule.priority,
  is_default: rule.is_default,
});

/** Every capability any provider offers, sorted, for the capability pickers. */
export const allCapabilities = (providers: Provider[]): string[] =>
  [...new Set(providers.flatMap((p) => p.capabilities))].sort();

/**
 * Capability choices: the label (also the option's accessible name) carries the readable and the
 * API name, e.g. "Send sms (send_sms)"; `name` is the readable part for the option template.
 */
export const capabilityOptions = (providers: Provider[]) =>
  allCapabilities(providers).map((value) => ({
    value,
    name: capabilityLabel(value),
    label: `${capabilityLabel(value)} (${value})`,
  }));

/** Integrations whose provider supports the capability (falling back to what the integration enabled). */
export function candidatesFor(capability: string | null, integrations: Integration[], providers: Provider[]) {
  if (!capability) return [];
  return integrations.filter((integration) => {
    const provider = providers.find((p) => p.name === integration.provider);
    return (provider?.capabilities ?? integration.enabled_capabilities).includes(capability);
  });
}

/** The PATCH body of an edited rule: only the fields that changed. */
export function ruleChanges(rule: RoutingRule, form: RuleForm): UpdateRoutingRuleBody {
  const body: UpdateRoutingRuleBody = {};
  if (form.capability && form.capability !== rule.capability) body.capability = form.capability;
  if (form.integration_id && form.integration_id !== rule.integration_id) body.integration_id = form.integration_id;
  if (form.fallback_integration_id !== rule.fallback_integration_id) {
    body.fallback_integration_id = form.fallback_integration_id;
  }
  if (form.priority !== rule.priority) body.priority = form.priority;
  if (form.is_default !== rule.is_default) body.is_default = form.is_default;
  return body;
}
