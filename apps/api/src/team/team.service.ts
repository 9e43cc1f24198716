import { oneTimePassword } from '@gatehouse/crypto';
import { assignableRoles, type InvitedMember, type InviteMemberBody, type Member, type Role } from '@gatehouse/shared';

import { type AuditContext, recordAudit } from '../audit/audit.service.js';
import { hashPassword } from '../auth/passwords.js';
import type { Principal } from '../auth/principal.js';
import * as users from '../auth/users.repository.js';
import { inScope } from '../db/scope.js';
import type { Deps } from '../deps.js';
import { conflict, forbidden, invalid, notFound } from '../http/errors.js';
import { findMembership, insertMembership } from '../tenants/tenants.repository.js';
import * as repo from './team.repository.js';

const toMember = (r: repo.MemberRow): Member => ({
  id: r.id,
  user_id: r.user_id,
  email: r.email,
  name: r.name,
  role: r.role,
  created_at: r.created_at.toISOString(),
  last_login_at: r.last_login_at ? r.last_login_at.toISOString() : null,
});

/** An API key with the admin scope manages the team like an admin does. */
const actingRole = (p: Principal): Role => (p.kind === 'user' ? (p.role ?? 'staff') : 'admin');

export async function listMembers(deps: Deps, tenantId: string, page: number, perPage: number) {
  const { rows, total } = await inScope(deps.db, { tenantId }, (trx) => repo.listMembers(trx, tenantId, page, perPage));
  return { items: rows.map(toMember), total };
}

/** Adds a member; an email without an account gets one with a one-time password, shown once. */
export async function inviteMember(
  deps: Deps,
  tenantId: string,
  body: InviteMemberBody,
  who: AuditContext & { principal: Principal },
): Promise<InvitedMember> {
  if (!assignableRoles(actingRole(who.principal)).includes(body.role))
    throw forbidden(`You cannot grant the ${body.role} role`);
  const existing = await users.findUserByEmail(deps.db, body.email);
  const password = existing ? null : oneTimePassword();
  const user =
    existing ??
    (await users.insertUser(deps.db, {
      email: body.email,
      name: body.name,
      password_hash: await hashPassword(password!),
      must_change_password: true,
    }));
  const member = await inScope(deps.db, { tenantId }, async (trx) => {
    if (await findMembership(trx, tenantId, user.id))
      throw conflict('This person is already a member', { email: ['Already a member of this tenant'] });
    const row = await insertMembership(trx, { tenant_id: tenantId, user_id: user.id, role: body.role });
    await recordAudit(trx, who, {
      tenantId,
      action: 'member.added',
      targetType: 'member',
      targetId: row.id,
      targetLabel: user.email,
      details: { role: body.role, new_account: !existing },
    });
    return (await repo.findMember(trx, tenantId, row.id))!;
  });
  return { member: toMember(member), one_time_password: password };
}

export async function changeRole(
  deps: Deps,
  tenantId: string,
  id: string,
  role: Role,
  who: AuditContext & { principal: Principal },
): Promise<Member> {
  return inScope(deps.db, { tenantId }, async (trx) => {
    const member = await repo.findMember(trx, tenantId, id);
    if (!member) throw notFound('Member');
    const allowed = assignableRoles(actingRole(who.principal));
    if (!allowed.includes(role) || !allowed.includes(member.role))
      throw forbidden(`You cannot change a ${member.role} to ${role}`);
    if (member.role === 'owner' && role !== 'owner' && (await repo.countOwners(trx, tenantId)) === 1) {
      throw invalid({ role: ['A tenant needs at least one owner'] });
    }
    await repo.setRole(trx, tenantId, id, role);
    await recordAudit(trx, who, {
      tenantId,
      action: 'member.role_changed',
      targetType: 'member',
      targetId: id,
      targetLabel: member.email,
      details: { from: member.role, to: role },
    });
    return toMember({ ...member, role });
  });
}

export async function removeMember(
  deps: Deps,
  tenantId: string,
  id: string,
  who: AuditContext & { principal: Principal },
): Promise<void> {
  await inScope(deps.db, { tenantId }, async (trx) => {
    const member = await repo.findMember(trx, tenantId, id);
    if (!member) throw notFound('Member');
    if (who.principal.kind === 'user' && member.user_id === who.principal.userId)
      throw conflict('You cannot remove yourself');
    if (!assignableRoles(actingRole(who.principal)).includes(member.role))
      throw forbidden(`You cannot remove a ${member.role}`);
    if (member.role === 'owner' && (await repo.countOwners(trx, tenantId)) === 1)
      throw conflict('A tenant needs at least one owner');
    await repo.deleteMember(trx, tenantId, id);
    await recordAudit(trx, who, {
      tenantId,
      action: 'member.removed',
      targetType: 'member',
      targetId: id,
      targetLabel: member.email,
      details: { role: member.role },
    });
  });
}
