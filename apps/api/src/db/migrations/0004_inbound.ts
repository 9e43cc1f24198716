import { type Kysely, sql } from 'kysely';

/**
 * The inbound webhook log: every request to `/api/webhooks/<provider>/t/<slug>` whose tenant is
 * known, verified or not, with redacted headers; normalized events are kept until processed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table inbound_events (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants (id) on delete cascade,
      provider text not null,
      status text not null check (status in ('verified', 'rejected', 'duplicate', 'ignored')),
      reason text,
      provider_event_id text,
      event_type text,
      headers jsonb not null default '{}',
      body_size integer not null,
      payload text,
      normalized jsonb not null default '[]',
      processed_at timestamptz,
      processing_result text,
      -- Verified, unprocessed rows are the processing queue: a worker leases a batch until then.
      locked_until timestamptz,
      attempts integer not null default 0,
      received_at timestamptz not null default date_trunc('milliseconds', clock_timestamp())
    );
    create unique index inbound_events_dedup on inbound_events (tenant_id, provider, provider_event_id)
      where status = 'verified' and provider_event_id is not null;
    create index inbound_events_page_idx on inbound_events (tenant_id, received_at desc, id desc);
    create index inbound_events_provider_idx on inbound_events (tenant_id, provider, received_at desc);

    alter table inbound_events enable row level security;
    alter table inbound_events force row level security;
    -- The processing worker claims unprocessed rows of every tenant on the platform path.
    create policy inbound_events_tenant on inbound_events for all
      using (tenant_id = app_tenant() or app_platform()) with check (tenant_id = app_tenant() or app_platform());
    create index inbound_events_unprocessed_idx on inbound_events (received_at)
      where status = 'verified' and processed_at is null;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists inbound_events`.execute(db);
}
