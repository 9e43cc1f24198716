import type { IntegrationHistoryQuery } from '@gatehouse/shared';

import { inScope } from '../db/scope.js';
import type { Deps } from '../deps.js';
import { invalid, notFound } from '../http/errors.js';
import { toStatusEvent } from './integrations.format.js';
import * as repo from './integrations.repository.js';

const encode = (createdAt: Date, id: string) => Buffer.from(`${createdAt.toISOString()}|${id}`).toString('base64url');

function decode(cursor: string): { createdAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(at ?? '');
  if (!id || Number.isNaN(createdAt.getTime()) || !/^[0-9a-f-]{36}$/.test(id)) {
    throw invalid({ cursor: ['Cursor is not valid'] });
  }
  return { createdAt, id };
}

/** Status history, newest first, keyset-paginated like the audit log. */
export async function listHistory(deps: Deps, tenantId: string, id: string, q: IntegrationHistoryQuery) {
  const after = q.cursor ? decode(q.cursor) : undefined;
  const rows = await inScope(deps.db, { tenantId }, async (trx) => {
    if (!(await repo.findIntegration(trx, tenantId, id))) throw notFound('Integration');
    return repo.listStatusEvents(trx, tenantId, id, { after, limit: q.limit + 1 });
  });
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    data: page.map(toStatusEvent),
    meta: { next_cursor: rows.length > q.limit && last ? encode(last.created_at, last.id) : null, limit: q.limit },
  };
}
