import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Middleware } from 'koa';
import serve from 'koa-static';

/**
 * Serves the built admin SPA: its files with long caching for hashed assets, and index.html for
 * any other GET outside the API so client-side routes survive a reload.
 */
const escapeAttribute = (value: string) =>
  value.replace(/[&"<>]/g, (c) => ({ '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;' })[c]!);

export function spa(dist: string, primeUiLicense?: string): Middleware {
  const indexFile = join(dist, 'index.html');
  if (!existsSync(indexFile)) {
    return async (ctx, next) => {
      await next();
      if (ctx.status === 404 && ctx.method === 'GET' && !isApiPath(ctx.path) && ctx.accepts('html')) {
        ctx.status = 503;
        ctx.type = 'text/plain';
        ctx.body = 'The admin SPA is not built yet: run `pnpm build` (or `pnpm start`, which builds it).';
      }
    };
  }
  const files = serve(dist, {
    index: false,
    setHeaders: (res, path) => {
      if (path.includes(`${'/assets/'}`)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    },
  });
  // The PrimeVue licence key is configuration, not build input: it is injected into the page here.
  const html = readFileSync(indexFile, 'utf8');
  const index = primeUiLicense
    ? html.replace('</head>', `<meta name="primeui-license" content="${escapeAttribute(primeUiLicense)}" /></head>`)
    : html;
  return async (ctx, next) => {
    if (isApiPath(ctx.path)) return next();
    await files(ctx, async () => {});
    if (ctx.body != null || ctx.status !== 404) return;
    if (ctx.method === 'GET' && ctx.accepts('html')) {
      ctx.type = 'html';
      ctx.set('Cache-Control', 'no-cache');
      ctx.body = index;
      return;
    }
    return next();
  };
}

const isApiPath = (path: string) =>
  path.startsWith('/api/') || path === '/api' || ['/healthz', '/readyz', '/metrics'].includes(path);
