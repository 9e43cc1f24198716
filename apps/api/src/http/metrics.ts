import type { Middleware } from 'koa';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** A registry per app instance, so several apps in one test process never share counters. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'gatehouse_http_request_duration_seconds',
    help: 'HTTP request duration by route template',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'gatehouse_http_errors_total',
    help: 'Error responses by code',
    labelNames: ['code'],
    registers: [registry],
  });
  const middleware: Middleware = async (ctx, next) => {
    const end = duration.startTimer();
    try {
      await next();
    } finally {
      // The route template, never the raw path, keeps label cardinality bounded.
      const route =
        (ctx as { _matchedRoute?: string })._matchedRoute ?? (ctx.path.startsWith('/api') ? 'unmatched' : 'static');
      end({ method: ctx.method, route, status: String(ctx.status) });
      const code = (ctx.body as { code?: unknown } | undefined)?.code;
      if (ctx.status >= 400 && typeof code === 'string') errors.inc({ code });
    }
  };
  return { registry, middleware };
}
