import { randomUUID } from 'node:crypto';

import { dataKeyContext, generateDataKey, oneTimePassword } from '@gatehouse/crypto';
import type { CreatedTenant, CreateTenantBody, Tenant, UpdateTenantBody } from '@gatehouse/shared';

import { type AuditContext, recordAudit } from '../audit/audit.service.js';
import { hashPassword } from '../auth/passwords.js';
import * as users from '../auth/users.repository.js';
import { inScope, type Trx } from '../db/scope.js';
import type { Deps } from '../deps.js';
import { HttpError, notFound } from '../http/errors.js';
import * as dataKeys from './data-keys.repository.js';
import { toTenant } from './tenants.format.js';
import * as repo from './tenants.repository.js';

export async function getTenant(deps: Deps, tenantId: string): Promise<Tenant> {
  const row = await inScope(deps.db, { tenantId }, (trx) => repo.findTenant(trx, tenantId));
  if (!row) throw notFound('Tenant');
  return toTenant(row);
}

export async function updateTenant(
  deps: Deps,
  tenantId: string,
  patch: UpdateTenantBody,
  who: AuditContext,
): Promise<Tenant> {
  return inScope(deps.db, { tenantId }, async (trx) => {
    const before = await repo.findTenant(trx, tenantId);
    if (!before) throw notFound('Tenant');
    const changes = Object.fromEntries(
      Object.entries(patch).filter(([k, v]) => before[k as keyof typeof before] !== v),
    );
    // Saving an unchanged form is not a change worth an audit event.
    if (Object.keys(changes).length === 0) return toTenant(before);
    const row = (await repo.updateTenant(trx, tenantId, changes))!;
    await recordAudit(trx, who, {
      tenantId,
      action: 'tenant.updated',
      targetType: 'tenant',
      targetId: tenantId,
      targetLabel: row.slug,
      details: { changes },
    });
    return toTenant(row);
  });
}

/** Each tenant gets its own data key, wrapped by the master key, for its encrypted fields. */
async function createTenantDataKey(deps: Deps, trx: Trx, tenantId: string): Promise<void> {
  const { kekId, wrapped } = await deps.keyRing.wrap(generateDataKey(), dataKeyContext(tenantId));
  await dataKeys.insertDataKey(trx, { tenant_id: tenantId, kek_id: kekId, wrapped });
}

/**
 * Creates a tenant and its owner on the audited platform path (superadmin API, CLI, demo seed).
 * An existing account becomes owner; a new one gets a one-time password, returned once.
 */
export async function createTenant(deps: Deps, body: CreateTenantBody, who: AuditContext): Promise<CreatedTenant> {
  const existingUser = await users.findUserByEmail(deps.db, body.owner_email);
  const password = existingUser ? null : oneTimePassword();
  const owner =
    existingUser ??
    (await users.insertUser(deps.db, {
      email: body.owner_email,
      name: body.owner_name,
      password_hash: await hashPassword(password!),
      must_change_password: true,
    }));
  const tenantId = randomUUID();
  const tenant = await inScope(deps.db, { tenantId, platform: true }, async (trx) => {
    if (await repo.findTenantBySlug(trx, body.slug)) {
      throw new HttpError('validation_failed', 'The given data was invalid.', { slug: ['This slug is already taken'] });
    }
    const row = await repo.insertTenant(trx, {
      id: tenantId,
      slug: body.slug,
      name: body.name,
      country: body.country,
      plan: body.plan,
    });
    await repo.insertMembership(trx, { tenant_id: tenantId, user_id: owner.id, role: 'owner' });
    await createTenantDataKey(deps, trx, tenantId);
    await recordAudit(trx, who, {
      tenantId,
      action: 'tenant.created',
      targetType: 'tenant',
      targetId: tenantId,
      targetLabel: body.slug,
      details: { name: body.name, country: body.country, plan: body.plan, owner: owner.email },
    });
    return row;
  });
  return { tenant: toTenant(tenant), owner_email: owner.email, one_time_password: password };
}

export async function listAllTenants(deps: Deps, page: number, perPage: number) {
  const { rows, total } = await inScope(deps.db, { platform: true }, (trx) => repo.listTenants(trx, page, perPage));
  return { items: rows.map(toTenant), total };
}

export async function changePlan(
  deps: Deps,
  tenantId: string,
  plan: Tenant['plan'],
  who: AuditContext,
): Promise<Tenant> {
  return inScope(deps.db, { tenantId, platform: true }, async (trx) => {
    const before = await repo.findTenant(trx, tenantId);
    if (!before) throw notFound('Tenant');
    const row = (await repo.updateTenant(trx, tenantId, { plan }))!;
    await recordAudit(trx, who, {
      tenantId,
      action: 'tenant.plan_changed',
      targetType: 'tenant',
      targetId: tenantId,
      targetLabel: row.slug,
      details: { from: before.plan, to: plan },
    });
    return toTenant(row);
  });
}
