import { type Kysely, sql } from 'kysely';

/**
 * Integrations, their status history, routing rules and the event outbox. Non-sensitive credential
 * values live in `settings`; sensitive ones only as ciphertexts in `secrets` (bound to tenant, table,
 * row and field) with a last-four hint beside them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table integrations (
      id uuid primary key,
      tenant_id uuid not null references tenants (id) on delete cascade,
      provider text not null,
      status text not null check (status in ('pending_verify', 'active', 'inactive', 'error')),
      enabled_capabilities text[] not null default '{}',
      settings jsonb not null default '{}',
      secrets jsonb not null default '{}',
      hints jsonb not null default '{}',
      -- The tenant's own notes; verification writes to health, so neither overwrites the other.
      metadata jsonb not null default '{}',
      health jsonb not null default '{}',
      -- Bumped whenever credentials change: a verification result for an older generation is dropped.
      generation integer not null default 1,
      verify_requested_at timestamptz,
      verified_at timestamptz,
      connected_at timestamptz not null default now(),
      deleted_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create unique index integrations_one_per_provider on integrations (tenant_id, provider) where deleted_at is null;
    create index integrations_tenant_idx on integrations (tenant_id, created_at) where deleted_at is null;
    create index integrations_status_idx on integrations (status, verify_requested_at) where deleted_at is null;

    create table integration_status_events (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants (id) on delete cascade,
      integration_id uuid not null references integrations (id) on delete cascade,
      from_status text,
      to_status text not null,
      reason text not null,
      created_at timestamptz not null default date_trunc('milliseconds', clock_timestamp())
    );
    create index integration_status_events_page_idx
      on integration_status_events (integration_id, created_at desc, id desc);

    create table routing_rules (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants (id) on delete cascade,
      capability text not null,
      integration_id uuid not null references integrations (id) on delete cascade,
      priority integer not null,
      is_default boolean not null default false,
      fallback_integration_id uuid references integrations (id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index routing_rules_capability_idx on routing_rules (tenant_id, capability, priority desc);
    create unique index routing_rules_one_default on routing_rules (tenant_id, capability) where is_default;

    -- Outbox: written in the transaction of the change; the webhooks issue fans it out to endpoints.
    create table events (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants (id) on delete cascade,
      type text not null,
      payload jsonb not null,
      created_at timestamptz not null default date_trunc('milliseconds', clock_timestamp())
    );
    create index events_tenant_idx on events (tenant_id, created_at desc);

    alter table integrations enable row level security;
    alter table integrations force row level security;
    -- The platform path lists integrations across tenants only to schedule their re-verification.
    create policy integrations_tenant on integrations for all
      using (tenant_id = app_tenant() or app_platform()) with check (tenant_id = app_tenant());

    alter table integration_status_events enable row level security;
    alter table integration_status_events force row level security;
    create policy integration_status_events_tenant on integration_status_events for all
      using (tenant_id = app_tenant()) with check (tenant_id = app_tenant());

    alter table routing_rules enable row level security;
    alter table routing_rules force row level security;
    create policy routing_rules_tenant on routing_rules for all
      using (tenant_id = app_tenant()) with check (tenant_id = app_tenant());

    alter table events enable row level security;
    alter table events force row level security;
    create policy events_tenant on events for all using (tenant_id = app_tenant()) with check (tenant_id = app_tenant());
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists events, routing_rules, integration_status_events, integrations`.execute(db);
}
