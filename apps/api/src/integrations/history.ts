import type { IntegrationHistoryQuery } from '@gatehouse/shared';

import { inScope } from '../db/scope.js';
import type { Deps } from '../deps.js';
import { cursorPage, decodeCursor } from '../http/cursor.js';
import { notFound } from '../http/errors.js';
import { toStatusEvent } from './integrations.format.js';
import * as repo from './integrations.repository.js';

/** Status history, newest first, keyset-paginated like the audit log. */
export async function listHistory(deps: Deps, tenantId: string, id: string, q: IntegrationHistoryQuery) {
  const after = q.cursor ? decodeCursor(q.cursor) : undefined;
  const rows = await inScope(deps.db, { tenantId }, async (trx) => {
    if (!(await repo.findIntegration(trx, tenantId, id))) throw notFound('Integration');
    return repo.listStatusEvents(trx, tenantId, id, { after, limit: q.limit + 1 });
  });
  const { page, nextCursor } = cursorPage(rows, q.limit, (r) => ({ at: r.created_at, id: r.id }));
  return { data: page.map(toStatusEvent), meta: { next_cursor: nextCursor, limit: q.limit } };
}
