import { fileURLToPath } from 'node:url';

import Koa from 'koa';

import { apiKeyRoutes } from './api-keys/api-keys.routes.js';
import { auditRoutes } from './audit/audit.routes.js';
import { authRoutes } from './auth/auth.routes.js';
import { principalMiddleware } from './auth/middleware.js';
import type { Deps } from './deps.js';
import { errorHandler } from './http/error-handler.js';
import { integrationRoutes } from './integrations/integrations.routes.js';
import { routingRoutes } from './routing/routing.routes.js';
import { inboundLogRoutes } from './webhooks/inbound/inbound.routes.js';
import { inboundRoutes } from './webhooks/inbound/receiver.js';
import { webhookRoutes } from './webhooks/outbound/webhooks.routes.js';
import { createMetrics } from './http/metrics.js';
import { requestId } from './http/request-id.js';
import { spa } from './http/spa.js';
import { systemRoutes } from './http/system.routes.js';
import { teamRoutes } from './team/team.routes.js';
import { tenantRoutes } from './tenants/tenants.routes.js';

const defaultAdminDist = () => fileURLToPath(new URL('../../admin/dist', import.meta.url));

/** Builds the Koa application: one port for the REST API, its docs, metrics and the SPA. */
export function createApp(deps: Deps): Koa {
  const app = new Koa({ proxy: deps.env.TRUST_PROXY });
  const metrics = createMetrics();

  app.use(requestId());
  app.use(async (ctx, next) => {
    const started = performance.now();
    ctx.state.bodyLimit = deps.env.BODY_LIMIT_BYTES;
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Referrer-Policy', 'same-origin');
    ctx.set('X-Frame-Options', 'DENY');
    try {
      await next();
    } finally {
      const ms = Math.round(performance.now() - started);
      deps.log.info(
        { requestId: ctx.state.requestId, method: ctx.method, path: ctx.path, status: ctx.status, ms },
        'request',
      );
    }
  });
  app.use(metrics.middleware);
  app.use(errorHandler(deps.log));
  app.use(spa(deps.env.ADMIN_DIST ?? defaultAdminDist(), deps.env.PRIMEUI_LICENSE));

  const system = systemRoutes(deps, metrics.registry);
  app.use(system.routes());
  // Providers authenticate by signature, not by session or API key.
  app.use(inboundRoutes(deps).routes());
  app.use(principalMiddleware(deps));
  for (const router of [
    authRoutes(deps),
    tenantRoutes(deps),
    teamRoutes(deps),
    apiKeyRoutes(deps),
    auditRoutes(deps),
    integrationRoutes(deps),
    routingRoutes(deps),
    webhookRoutes(deps),
    inboundLogRoutes(deps),
  ]) {
    app.use(router.routes());
  }
  return app;
}
