import type { AuditEvent, AuditQuery } from '@gatehouse/shared';

import type { Principal } from '../auth/principal.js';
import { actorOf } from '../auth/principal.js';
import type { Trx } from '../db/scope.js';
import { cursorPage, decodeCursor } from '../http/cursor.js';
import * as repo from './audit.repository.js';

export interface AuditContext {
  principal: Principal | null;
  ip: string | null;
  requestId: string | null;
  /** Who acted when there is no principal yet (a sign-in) or it is not a person (the CLI). */
  actor?: { type: 'user' | 'api_key' | 'system'; id: string | null; label: string };
}

export interface AuditEntry {
  tenantId: string;
  action: string;
  targetType: string;
  targetId?: string | null;
  targetLabel?: string | null;
  /** Field names and non-secret values only. */
  details?: Record<string, unknown>;
}

/** Writes the audit event in the caller's transaction: the change and its record commit together. */
export function recordAudit(trx: Trx, who: AuditContext, entry: AuditEntry): Promise<unknown> {
  const actor =
    who.actor ?? (who.principal ? actorOf(who.principal) : { type: 'system' as const, id: null, label: 'system' });
  return repo.insertAuditEvent(trx, {
    tenant_id: entry.tenantId,
    actor_type: actor.type,
    actor_id: actor.id,
    actor_label: actor.label,
    action: entry.action,
    target_type: entry.targetType,
    target_id: entry.targetId ?? null,
    target_label: entry.targetLabel ?? null,
    details: JSON.stringify(entry.details ?? {}),
    ip: who.ip,
    request_id: who.requestId,
  });
}

export async function listAudit(
  trx: Trx,
  tenantId: string,
  q: AuditQuery,
): Promise<{ items: AuditEvent[]; nextCursor: string | null }> {
  const rows = await repo.listAuditEvents(trx, tenantId, {
    action: q.action,
    actorId: q.actor_id,
    targetType: q.target_type,
    since: q.since,
    until: q.until,
    after: q.cursor ? decodeCursor(q.cursor) : undefined,
    limit: q.limit + 1,
  });
  const { page, nextCursor } = cursorPage(rows, q.limit, (r) => ({ at: r.created_at, id: r.id }));
  return {
    items: page.map((r) => ({
      id: r.id,
      action: r.action,
      actor: { type: r.actor_type, id: r.actor_id, label: r.actor_label },
      target_type: r.target_type,
      target_id: r.target_id,
      target_label: r.target_label,
      details: r.details,
      ip: r.ip,
      created_at: r.created_at.toISOString(),
    })),
    nextCursor,
  };
}
