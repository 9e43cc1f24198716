import { type Action, PERMISSIONS } from '@gatehouse/shared';

import { HttpError } from '../http/errors.js';
import type { Principal } from './principal.js';

/**
 * One decision for users and API keys: the role (or key scope) first, then the plan.
 * A role that may never open a page gets `forbidden`; a role that could, on a plan that lacks
 * the feature, gets `upgrade_required` so the SPA shows the upgrade notice.
 */
export function authorize(principal: Principal, action: Action): void {
  const rule = PERMISSIONS[action];
  if (principal.kind === 'user') {
    if (!principal.role || !rule.roles.includes(principal.role)) {
      throw new HttpError('forbidden', 'Your role does not allow this action');
    }
  } else if (!principal.scopes.includes(rule.scope)) {
    throw new HttpError('forbidden', `This API key lacks the ${rule.scope} scope`);
  }
  if (rule.feature && !principal.entitlements.includes(rule.feature)) {
    throw new HttpError('upgrade_required', 'This feature requires the Enterprise plan');
  }
}

/** The tenant a principal acts in; a user without one cannot call tenant routes. */
export function tenantOf(principal: Principal): string {
  if (!principal.tenantId) throw new HttpError('forbidden', 'Your account is not a member of any tenant yet');
  return principal.tenantId;
}
