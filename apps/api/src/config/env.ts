import { z } from 'zod';

const boolish = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1');

/**
 * Every setting the API reads, parsed once at start-up. `.env.example` documents each variable;
 * a bad value stops the process with the variable's name and the reason.
 */
export const Env = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** HTTP port for the API and the built SPA. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Interface to bind; loopback by default so a dev machine does not expose itself. */
  HOST: z.string().default('127.0.0.1'),
  /** Public URL of this deployment, used in links (inbound webhook URLs, docs). */
  PUBLIC_BASE_URL: z.url().optional(),
  /** PostgreSQL 15+ owner connection (runs migrations). Unset: an embedded PostgreSQL under DATA_DIR. */
  DATABASE_URL: z.string().optional(),
  /** Optional connection for the non-owner application role; derived from DATABASE_URL when unset. */
  APP_DATABASE_URL: z.string().optional(),
  /** Where the embedded database, a development master key and other local state live. */
  DATA_DIR: z.string().default('.data'),
  /** Base64 32-byte master key(s), comma separated, first = primary. */
  MASTER_KEY: z.string().optional(),
  MASTER_KEY_FILE: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Seed a demo tenant and owner on first start (default on outside production). */
  DEMO: boolish,
  /** Serve the built SPA from this folder (default: apps/admin/dist beside the API). */
  ADMIN_DIST: z.string().optional(),
  /** PrimeVue 5 licence key (free Community or Commercial) injected into the SPA; without it PrimeVue shows a notice. */
  PRIMEUI_LICENSE: z.string().optional(),
  /** Largest accepted request body in bytes. */
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  /** Session lifetime in hours. */
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(24 * 7),
  /** Secure cookies (HTTPS only); defaults to on in production. */
  COOKIE_SECURE: boolish,
  /** Trust X-Forwarded-* from a reverse proxy (client IPs in audit events, HTTPS detection). */
  TRUST_PROXY: boolish,
  /**
   * Addresses or CIDRs outbound calls may reach despite the SSRF guard (comma separated), e.g. a
   * LAN SMTP relay; tests allow-list 127.0.0.1/32 for their fake providers.
   */
  OUTBOUND_ALLOWLIST: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  /** Deadline for one outbound provider call, in milliseconds. */
  OUTBOUND_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /** Platform OpenRouter key used when a tenant has no active OpenRouter integration. */
  OPENROUTER_DEFAULT_KEY: z.string().optional(),
  /** Run background workers (verification, daily re-verification) in this process. */
  JOBS_WORKERS: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  /** A verification job still running after this many seconds is presumed dead and retried. */
  VERIFY_JOB_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
  /** First retry delay when a provider is unreachable; doubles (with jitter) up to an hour. */
  VERIFY_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  /** Verification jobs one process runs at the same time. */
  JOBS_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  /** Webhook deliveries one process keeps in flight at once. */
  WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(64),
  /** Deliveries to one endpoint in flight at once, so one slow receiver cannot take every slot. */
  WEBHOOK_ENDPOINT_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(16),
  /** How often pg-boss looks for expired jobs, in seconds. */
  JOBS_SUPERVISE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /** `PROVIDER_<ID>_BASE_URL` overrides, collected by parseEnv (e.g. PROVIDER_STRIPE_BASE_URL). */
  providerBaseUrls: z.record(z.string(), z.url()).default({}),
});
export type Env = z.infer<typeof Env>;

const BASE_URL_VARIABLE = /^PROVIDER_([A-Z0-9_]+)_BASE_URL$/;

export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const providerBaseUrls: Record<string, string> = {};
  for (const [name, value] of Object.entries(source)) {
    const id = BASE_URL_VARIABLE.exec(name)?.[1];
    if (id && value) providerBaseUrls[id.toLowerCase()] = value.replace(/\/+$/, '');
  }
  const result = Env.safeParse({ ...source, providerBaseUrls });
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
  throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
}
