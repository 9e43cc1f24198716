import { can, type Me, PERMISSIONS } from '@gatehouse/shared';

import type { AccessMeta } from './meta';

export type Decision = 'ok' | 'login' | 'forbidden' | 'upgrade';

/** The parts of `Me` that decide access. */
export type Access = Pick<Me, 'role' | 'entitlements'>;

/**
 * Whether a signed-in user (or nobody) may open a page. The role is checked before the plan:
 * upgrading would not help someone whose role lacks the permission, so they see "forbidden".
 */
export function decide(meta: AccessMeta, me: Access | null): Decision {
  if (meta.public) return 'ok';
  if (!me) return 'login';
  // No role means no workspace (a platform admin without memberships): every tenant page is closed.
  if (meta.action && (!me.role || !can(me.role, meta.action))) return 'forbidden';
  const feature = meta.feature ?? (meta.action ? PERMISSIONS[meta.action].feature : undefined);
  if (feature && !me.entitlements.includes(feature)) return 'upgrade';
  return 'ok';
}
