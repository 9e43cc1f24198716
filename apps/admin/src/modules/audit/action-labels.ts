/** Readable names for audit actions; an action not listed shows its code alone. */
const LABELS: Record<string, string> = {
  'user.login': 'Signed in',
  'user.password_changed': 'Changed password',
  'user.tenant_switched': 'Switched workspace',
  'member.added': 'Added a member',
  'member.role_changed': "Changed a member's role",
  'member.removed': 'Removed a member',
  'api_key.created': 'Generated an API key',
  'api_key.updated': 'Edited an API key',
  'api_key.revoked': 'Revoked an API key',
  'tenant.created': 'Created the workspace',
  'tenant.updated': 'Changed workspace settings',
  'tenant.plan_changed': 'Changed the plan',
  'integration.created': 'Connected an integration',
  'integration.updated': 'Edited an integration',
  'integration.deleted': 'Disconnected an integration',
  'integration.activated': 'Enabled an integration',
  'integration.disabled': 'Disabled an integration',
  'integration.verify_requested': 'Asked to verify an integration',
  'integration.reset': 'Reset an integration',
  'routing_rule.created': 'Created a routing rule',
  'routing_rule.updated': 'Edited a routing rule',
  'routing_rule.deleted': 'Deleted a routing rule',
};

export const actionLabel = (action: string): string | null => LABELS[action] ?? null;
