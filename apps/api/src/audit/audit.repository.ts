import type { Insertable, Kysely } from 'kysely';

import { escapeLike } from '../db/like.js';
import type { AuditEventRow, AuditEventsTable, DB } from '../db/schema.js';
import type { Position } from '../http/cursor.js';

type Executor = Kysely<DB>;

export const insertAuditEvent = (db: Executor, row: Insertable<AuditEventsTable>): Promise<unknown> =>
  db.insertInto('audit_events').values(row).execute();

export interface AuditFilter {
  action?: string | undefined;
  actorId?: string | undefined;
  targetType?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
  /** Keyset position: the last row of the previous page. */
  after?: Position | undefined;
  limit: number;
}

/** Newest first, keyset-paginated on (created_at, id) so pages stay stable while events arrive. */
export function listAuditEvents(db: Executor, tenantId: string, f: AuditFilter): Promise<AuditEventRow[]> {
  let q = db.selectFrom('audit_events').selectAll().where('tenant_id', '=', tenantId);
  if (f.action) q = q.where('action', 'like', `${escapeLike(f.action)}%`);
  if (f.actorId) q = q.where('actor_id', '=', f.actorId);
  if (f.targetType) q = q.where('target_type', '=', f.targetType);
  if (f.since) q = q.where('created_at', '>=', new Date(f.since));
  if (f.until) q = q.where('created_at', '<', new Date(f.until));
  if (f.after) {
    const { at: createdAt, id } = f.after;
    q = q.where((eb) =>
      eb.or([eb('created_at', '<', createdAt), eb.and([eb('created_at', '=', createdAt), eb('id', '<', id)])]),
    );
  }
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(f.limit).execute();
}
