import getRawBody from 'raw-body';
import type { Context } from 'koa';

import { HttpError } from './errors.js';

/**
 * Reads and parses a JSON body within a size limit. The raw bytes stay on `ctx.state.rawBody`
 * (inbound webhook signatures are computed over them).
 */
export async function readJsonBody(ctx: Context, limit: number): Promise<unknown> {
  const length = Number(ctx.get('content-length') || 0);
  const hasBody = length > 0 || ctx.get('transfer-encoding') !== '';
  if (!hasBody) return undefined;
  if (length > limit) throw new HttpError('payload_too_large', `Request body exceeds ${limit} bytes`);
  if (!ctx.is('application/json', '+json')) {
    throw new HttpError('unsupported_media_type', 'Request body must be application/json');
  }
  let raw: Buffer;
  try {
    raw = await getRawBody(ctx.req, { limit, length: length || undefined });
  } catch (error) {
    const type = (error as { type?: string }).type;
    if (type === 'entity.too.large') throw new HttpError('payload_too_large', `Request body exceeds ${limit} bytes`);
    throw new HttpError('malformed_json', 'Request body could not be read');
  }
  ctx.state.rawBody = raw;
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    throw new HttpError('malformed_json', 'Request body is not valid JSON');
  }
}
