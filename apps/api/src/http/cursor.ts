import { invalid } from './errors.js';

/** A keyset position: the timestamp and id of the last row a page showed. */
export interface Position {
  at: Date;
  id: string;
}

/** Opaque cursor for newest-first logs (audit, status history, attempts, inbound events). */
export const encodeCursor = (p: Position): string => Buffer.from(`${p.at.toISOString()}|${p.id}`).toString('base64url');

/** @throws HttpError 422 `cursor` when the value was not made by {@link encodeCursor}. */
export function decodeCursor(cursor: string): Position {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const date = new Date(at ?? '');
  if (!id || Number.isNaN(date.getTime()) || !/^[0-9a-f-]{36}$/.test(id))
    throw invalid({ cursor: ['Cursor is not valid'] });
  return { at: date, id };
}

/**
 * Cuts `rows` (fetched with `limit + 1`) to one page and says where the next one starts: the
 * extra row only tells that there is more.
 */
export function cursorPage<R>(rows: R[], limit: number, positionOf: (row: R) => Position) {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { page, nextCursor: rows.length > limit && last ? encodeCursor(positionOf(last)) : null };
}
