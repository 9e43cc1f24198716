import { type Kysely, sql } from 'kysely';

/**
 * Outbound webhooks: endpoints (secrets encrypted with the tenant key), messages, one delivery row
 * per message and endpoint (the durable queue: written with the change that caused the event), and
 * the attempt log. The delivery worker claims due rows across tenants on the audited platform path.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table webhook_endpoints (
      id uuid primary key,
      tenant_id uuid not null references tenants (id) on delete cascade,
      name text not null,
      url text not null,
      description text,
      event_types text[] not null default '{}',
      headers jsonb not null default '{}',
      status text not null check (status in ('enabled', 'disabled')),
      disabled_reason text,
      secret text not null,
      secret_hint text not null,
      previous_secret text,
      previous_secret_expires_at timestamptz,
      failing_since timestamptz,
      last_delivery_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index webhook_endpoints_tenant_idx on webhook_endpoints (tenant_id, created_at);

    create table webhook_messages (
      id text primary key,
      tenant_id uuid not null references tenants (id) on delete cascade,
      event_type text not null,
      payload jsonb not null,
      created_at timestamptz not null default date_trunc('milliseconds', clock_timestamp())
    );
    create index webhook_messages_tenant_idx on webhook_messages (tenant_id, created_at desc);

    create table webhook_deliveries (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants (id) on delete cascade,
      message_id text not null references webhook_messages (id) on delete cascade,
      endpoint_id uuid not null references webhook_endpoints (id) on delete cascade,
      status text not null check (status in ('pending', 'succeeded', 'failed')),
      attempts integer not null default 0,
      next_attempt_at timestamptz,
      -- A claimed delivery is invisible to other workers until then; a crashed worker's claim lapses.
      locked_until timestamptz,
      trigger text not null default 'scheduled',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (message_id, endpoint_id)
    );
    create index webhook_deliveries_due_idx on webhook_deliveries (next_attempt_at) where status = 'pending';
    create index webhook_deliveries_endpoint_idx on webhook_deliveries (endpoint_id, status, created_at);

    create table webhook_attempts (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants (id) on delete cascade,
      endpoint_id uuid not null references webhook_endpoints (id) on delete cascade,
      message_id text not null,
      event_type text not null,
      status_code integer not null,
      success boolean not null,
      error text,
      duration_ms integer not null,
      response_excerpt text,
      trigger text not null check (trigger in ('scheduled', 'manual', 'test')),
      attempt_number integer not null,
      created_at timestamptz not null default date_trunc('milliseconds', clock_timestamp())
    );
    create index webhook_attempts_page_idx on webhook_attempts (endpoint_id, created_at desc, id desc);

    alter table webhook_endpoints enable row level security;
    alter table webhook_endpoints force row level security;
    alter table webhook_messages enable row level security;
    alter table webhook_messages force row level security;
    alter table webhook_deliveries enable row level security;
    alter table webhook_deliveries force row level security;
    alter table webhook_attempts enable row level security;
    alter table webhook_attempts force row level security;
    -- The delivery worker runs on the platform path: it claims due deliveries of every tenant.
    create policy webhook_endpoints_tenant on webhook_endpoints for all
      using (tenant_id = app_tenant() or app_platform()) with check (tenant_id = app_tenant() or app_platform());
    create policy webhook_messages_tenant on webhook_messages for all
      using (tenant_id = app_tenant() or app_platform()) with check (tenant_id = app_tenant());
    create policy webhook_deliveries_tenant on webhook_deliveries for all
      using (tenant_id = app_tenant() or app_platform()) with check (tenant_id = app_tenant() or app_platform());
    create policy webhook_attempts_tenant on webhook_attempts for all
      using (tenant_id = app_tenant() or app_platform()) with check (tenant_id = app_tenant() or app_platform());
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists webhook_attempts, webhook_deliveries, webhook_messages, webhook_endpoints`.execute(db);
}
