import type {
  CreateRoutingRuleBody,
  FieldErrors,
  Resolution,
  RoutingRule,
  RoutingRuleListQuery,
  RoutingTarget,
  UpdateRoutingRuleBody,
} from '@gatehouse/shared';

import { type AuditContext, recordAudit } from '../audit/audit.service.js';
import type { RoutingRuleRow } from '../db/schema.js';
import { inScope, type Trx } from '../db/scope.js';
import type { Deps } from '../deps.js';
import { HttpError, invalid, notFound } from '../http/errors.js';
import { findProvider, PROVIDERS } from '../providers/registry.js';
import * as repo from './routing.repository.js';
import { resolveRoute, type Target } from './resolver.js';

const knownCapabilities = () => new Set(PROVIDERS.flatMap((p) => [...p.manifest.capabilities]));
const nameOf = (provider: string) => findProvider(provider)?.manifest.displayName ?? provider;

function toTarget(id: string, t: Target | undefined): RoutingTarget {
  if (!t) return { id, provider: null, display_name: null, status: 'deleted' };
  return {
    id,
    provider: t.provider,
    display_name: nameOf(t.provider),
    status: t.deleted_at ? 'deleted' : (t.status as RoutingTarget['status']),
  };
}

function warningsFor(rule: RoutingRuleRow, targets: Map<string, Target>): string[] {
  const out: string[] = [];
  const check = (id: string | null, role: string) => {
    if (!id) return;
    const t = targets.get(id);
    if (!t || t.deleted_at) {
      out.push(`The ${role} integration was disconnected; this rule cannot select it.`);
    } else if (t.status !== 'active') {
      out.push(`${nameOf(t.provider)} (${role}) is ${t.status.replace('_', ' ')}; it is skipped until active.`);
    } else if (!t.enabled_capabilities.includes(rule.capability)) {
      out.push(`${nameOf(t.provider)} (${role}) has ${rule.capability} switched off.`);
    }
  };
  check(rule.integration_id, 'primary');
  check(rule.fallback_integration_id, 'fallback');
  return out;
}

async function present(trx: Trx, tenantId: string, rows: RoutingRuleRow[]): Promise<RoutingRule[]> {
  const ids = [...new Set(rows.flatMap((r) => [r.integration_id, r.fallback_integration_id ?? []]).flat())];
  const targets = new Map((await repo.findTargets(trx, tenantId, ids)).map((t) => [t.id, t]));
  return rows.map((r) => ({
    id: r.id,
    capability: r.capability,
    integration_id: r.integration_id,
    priority: r.priority,
    is_default: r.is_default,
    fallback_integration_id: r.fallback_integration_id,
    integration: toTarget(r.integration_id, targets.get(r.integration_id)),
    fallback: r.fallback_integration_id
      ? toTarget(r.fallback_integration_id, targets.get(r.fallback_integration_id))
      : null,
    warnings: warningsFor(r, targets),
    created_at: r.created_at.toISOString(),
    updated_at: r.updated_at.toISOString(),
  }));
}

/** 422s for a rule that could never select anything: unknown capability, foreign or unfit integrations. */
async function validate(
  trx: Trx,
  tenantId: string,
  rule: { capability: string; integration_id: string; fallback_integration_id: string | null },
): Promise<void> {
  const errors: FieldErrors = {};
  if (!knownCapabilities().has(rule.capability)) {
    errors.capability = [
      `Unknown capability ${rule.capability}; see the capabilities in GET /api/v1/integrations/providers`,
    ];
  }
  const ids = [rule.integration_id, rule.fallback_integration_id].filter((x): x is string => x !== null);
  const targets = new Map((await repo.findTargets(trx, tenantId, ids)).map((t) => [t.id, t]));
  const check = (field: 'integration_id' | 'fallback_integration_id', id: string | null) => {
    if (!id) return;
    const t = targets.get(id);
    if (!t || t.deleted_at) errors[field] = ['Integration not found'];
    else if (!findProvider(t.provider)?.manifest.capabilities.includes(rule.capability)) {
      errors[field] = [`${nameOf(t.provider)} does not support ${rule.capability}`];
    }
  };
  check('integration_id', rule.integration_id);
  check('fallback_integration_id', rule.fallback_integration_id);
  if (rule.fallback_integration_id && rule.fallback_integration_id === rule.integration_id) {
    errors.fallback_integration_id = ['The fallback must be a different integration'];
  }
  if (Object.keys(errors).length > 0) throw invalid(errors);
}

export async function listRules(deps: Deps, tenantId: string, q: RoutingRuleListQuery) {
  return inScope(deps.db, { tenantId }, async (trx) => {
    const { rows, total } = await repo.pageRules(trx, tenantId, {
      capability: q.capability,
      page: q.page,
      perPage: q.per_page,
    });
    return { items: await present(trx, tenantId, rows), total };
  });
}

export async function getRule(deps: Deps, tenantId: string, id: string): Promise<RoutingRule> {
  return inScope(deps.db, { tenantId }, async (trx) => {
    const row = await repo.findRule(trx, tenantId, id);
    if (!row) throw notFound('Routing rule');
    return (await present(trx, tenantId, [row]))[0]!;
  });
}

const auditDetails = (r: RoutingRuleRow) => ({
  capability: r.capability,
  integration_id: r.integration_id,
  fallback_integration_id: r.fallback_integration_id,
  priority: r.priority,
  is_default: r.is_default,
});

export async function createRule(
  deps: Deps,
  tenantId: string,
  body: CreateRoutingRuleBody,
  who: AuditContext,
): Promise<RoutingRule> {
  return inScope(deps.db, { tenantId }, async (trx) => {
    await validate(trx, tenantId, body);
    if (body.is_default) await repo.clearDefault(trx, tenantId, body.capability, null);
    const row = await repo.insertRule(trx, { tenant_id: tenantId, ...body });
    await recordAudit(trx, who, {
      tenantId,
      action: 'routing_rule.created',
      targetType: 'routing_rule',
      targetId: row.id,
      targetLabel: row.capability,
      details: auditDetails(row),
    });
    return (await present(trx, tenantId, [row]))[0]!;
  });
}

export async function updateRule(
  deps: Deps,
  tenantId: string,
  id: string,
  body: UpdateRoutingRuleBody,
  who: AuditContext,
): Promise<RoutingRule> {
  return inScope(deps.db, { tenantId }, async (trx) => {
    const before = await repo.findRule(trx, tenantId, id);
    if (!before) throw notFound('Routing rule');
    const next = { ...before, ...body };
    await validate(trx, tenantId, next);
    if (next.is_default) await repo.clearDefault(trx, tenantId, next.capability, id);
    const row = (await repo.updateRule(trx, tenantId, id, body))!;
    await recordAudit(trx, who, {
      tenantId,
      action: 'routing_rule.updated',
      targetType: 'routing_rule',
      targetId: id,
      targetLabel: row.capability,
      details: { before: auditDetails(before), after: auditDetails(row) },
    });
    return (await present(trx, tenantId, [row]))[0]!;
  });
}

export async function deleteRule(deps: Deps, tenantId: string, id: string, who: AuditContext): Promise<void> {
  await inScope(deps.db, { tenantId }, async (trx) => {
    const before = await repo.findRule(trx, tenantId, id);
    if (!before) throw notFound('Routing rule');
    await repo.deleteRule(trx, tenantId, id);
    await recordAudit(trx, who, {
      tenantId,
      action: 'routing_rule.deleted',
      targetType: 'routing_rule',
      targetId: id,
      targetLabel: before.capability,
      details: auditDetails(before),
    });
  });
}

/** Which integration a capability uses now; 409 `no_active_provider` when none qualifies. */
export async function resolve(deps: Deps, tenantId: string, capability: string): Promise<Resolution> {
  const { rules, targets } = await inScope(deps.db, { tenantId }, async (trx) => ({
    rules: await repo.listRulesFor(trx, tenantId, capability),
    targets: await repo.listLiveTargets(trx, tenantId),
  }));
  const platformDefaults = new Map<string, string>();
  if (deps.env.OPENROUTER_DEFAULT_KEY) {
    for (const c of findProvider('openrouter')?.manifest.capabilities ?? []) platformDefaults.set(c, 'openrouter');
  }
  const result = resolveRoute(capability, rules, new Map(targets.map((t) => [t.id, t])), platformDefaults);
  if (!result.ok) throw new HttpError('no_active_provider', result.message);
  return result.resolution;
}
