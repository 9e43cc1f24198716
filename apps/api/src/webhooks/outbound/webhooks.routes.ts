import {
  BulkDeleteWebhooks,
  CreateWebhook,
  DeleteWebhook,
  EVENT_CATALOG,
  GetWebhook,
  GetWebhookStats,
  ListEventTypes,
  ListWebhookAttempts,
  ListWebhooks,
  RecoverWebhook,
  ResendWebhookMessage,
  RotateWebhookSecret,
  TestWebhook,
  UpdateWebhook,
} from '@gatehouse/shared';
import Router from '@koa/router';

import { tenantOf } from '../../auth/authorize.js';
import type { Deps } from '../../deps.js';
import { auditContextOf } from '../../http/context.js';
import { notFound } from '../../http/errors.js';
import { pageOf } from '../../http/pagination.js';
import { mount } from '../../http/route.js';
import * as endpoints from './endpoints.service.js';
import * as ops from './operations.service.js';

export function webhookRoutes(deps: Deps): Router {
  const router = new Router();
  const opts = { action: 'webhooks.manage' } as const;

  mount(router, ListEventTypes, opts, async () => ({
    data: Object.entries(EVENT_CATALOG).map(([type, e]) => ({
      type,
      group: e.group,
      description: e.description,
      example: e.example as Record<string, unknown>,
    })),
  }));

  mount(router, ListWebhooks, opts, async ({ principal, query }) => {
    const { items, total } = await endpoints.listEndpoints(deps, tenantOf(principal), query);
    return pageOf(items, total, query.page, query.per_page, ListWebhooks.path, query);
  });

  mount(router, CreateWebhook, opts, async ({ principal, body, ctx }) => ({
    message: 'Webhook created. Copy the signing secret now: it will not be shown again.',
    data: await endpoints.createEndpoint(deps, tenantOf(principal), body, auditContextOf(ctx)),
  }));

  mount(router, BulkDeleteWebhooks, opts, async ({ principal, body, ctx }) => {
    const deleted = await endpoints.deleteEndpoints(deps, tenantOf(principal), body.ids, auditContextOf(ctx));
    return { message: `${deleted.length} webhook(s) deleted`, data: { deleted } };
  });

  mount(router, GetWebhook, opts, async ({ principal, params }) => ({
    data: await endpoints.getEndpoint(deps, tenantOf(principal), params.id),
  }));

  mount(router, UpdateWebhook, opts, async ({ principal, params, body, ctx }) => ({
    message: 'Webhook updated',
    data: await endpoints.updateEndpoint(deps, tenantOf(principal), params.id, body, auditContextOf(ctx)),
  }));

  mount(router, DeleteWebhook, opts, async ({ principal, params, ctx }) => {
    const [deleted] = await endpoints.deleteEndpoints(deps, tenantOf(principal), [params.id], auditContextOf(ctx));
    if (!deleted) throw notFound('Webhook');
    return { message: 'Webhook deleted' };
  });

  mount(router, RotateWebhookSecret, opts, async ({ principal, params, body, ctx }) => ({
    message: 'Signing secret regenerated. Copy it now: it will not be shown again.',
    data: await endpoints.rotateSecret(
      deps,
      tenantOf(principal),
      params.id,
      body.grace_period_hours,
      auditContextOf(ctx),
    ),
  }));

  mount(router, TestWebhook, opts, async ({ principal, params, body, ctx }) => {
    const result = await ops.sendTest(deps, tenantOf(principal), params.id, body.event_type, auditContextOf(ctx));
    return {
      message: result.success ? `Delivered: HTTP ${result.status_code}` : `Not delivered: ${result.error}`,
      data: result,
    };
  });

  mount(router, ListWebhookAttempts, opts, async ({ principal, params, query }) =>
    ops.listAttempts(deps, tenantOf(principal), params.id, query),
  );

  mount(router, ResendWebhookMessage, opts, async ({ principal, params }) => {
    await ops.resend(deps, tenantOf(principal), params.id, params.messageId);
    return { message: 'Message queued for delivery', data: { queued: true as const } };
  });

  mount(router, RecoverWebhook, opts, async ({ principal, params, body, ctx }) => {
    const queued = await ops.recover(deps, tenantOf(principal), params.id, body, auditContextOf(ctx));
    return { message: `${queued} message(s) re-queued`, data: { queued } };
  });

  mount(router, GetWebhookStats, opts, async ({ principal, params, query }) => ({
    data: await ops.stats(deps, tenantOf(principal), params.id, query),
  }));

  return router;
}
