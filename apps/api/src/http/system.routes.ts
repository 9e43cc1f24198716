import { ENDPOINTS } from '@gatehouse/shared';
import Router from '@koa/router';
import { sql } from 'kysely';
import type { Registry } from 'prom-client';

import type { Deps } from '../deps.js';
import { buildOpenApiDocument } from './openapi.js';
import { renderReferencePage } from './reference-page.js';

export const API_VERSION = '0.1.0';

/** Liveness, readiness, metrics and the API's own documentation. */
export function systemRoutes(deps: Deps, registry: Registry): Router {
  const router = new Router();
  let document: object | undefined;
  const openApi = () => (document ??= buildOpenApiDocument(ENDPOINTS, { version: API_VERSION }));

  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  router.get('/readyz', async (ctx) => {
    try {
      await sql`select 1`.execute(deps.db);
      ctx.body = { status: 'ready', checks: { database: 'ok' } };
    } catch {
      ctx.status = 503;
      ctx.body = { status: 'unavailable', checks: { database: 'unreachable' } };
    }
  });
  router.get('/metrics', async (ctx) => {
    ctx.type = registry.contentType;
    ctx.body = await registry.metrics();
  });
  router.get('/api/v1/openapi.json', (ctx) => {
    ctx.body = openApi();
  });
  router.get('/api/v1/reference', (ctx) => {
    ctx.type = 'html';
    ctx.body = renderReferencePage(openApi());
  });
  return router;
}
