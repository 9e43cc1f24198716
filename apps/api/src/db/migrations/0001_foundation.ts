import { type Kysely, sql } from 'kysely';

/**
 * Foundation schema. Tenant-owned tables get row-level security keyed on the transaction-local
 * `app.tenant_id`, forced even for the table owner; the API connects as a role without BYPASSRLS.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create or replace function app_tenant() returns uuid language sql stable as
      $$ select nullif(current_setting('app.tenant_id', true), '')::uuid $$;
    create or replace function app_user() returns uuid language sql stable as
      $$ select nullif(current_setting('app.user_id', true), '')::uuid $$;
    -- Set only on the audited platform-superadmin path (tenant creation and listing).
    create or replace function app_platform() returns boolean language sql stable as
      $$ select coalesce(current_setting('app.platform', true), '') = 'on' $$;

    create table tenants (
      id uuid primary key default gen_random_uuid(),
      slug text not null unique,
      name text not null,
      country char(2) not null,
      plan text not null check (plan in ('free', 'standard', 'pro', 'enterprise')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );

    create table users (
      id uuid primary key default gen_random_uuid(),
      email text not null,
      name text not null,
      password_hash text not null,
      is_platform_admin boolean not null default false,
      must_change_password boolean not null default false,
      created_at timestamptz not null default now(),
      last_login_at timestamptz
    );
    create unique index users_email_key on users (lower(email));

    create table memberships (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants (id) on delete cascade,
      user_id uuid not null references users (id) on delete cascade,
      role text not null check (role in ('owner', 'admin', 'manager', 'staff')),
      created_at timestamptz not null default now(),
      unique (tenant_id, user_id)
    );
    create index memberships_user_idx on memberships (user_id);

    create table sessions (
      id uuid primary key default gen_random_uuid(),
      token_hash text not null unique,
      user_id uuid not null references users (id) on delete cascade,
      tenant_id uuid references tenants (id) on delete set null,
      csrf_token text not null,
      ip text,
      user_agent text,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null
    );
    create index sessions_user_idx on sessions (user_id);
    create index sessions_expiry_idx on sessions (expires_at);

    create table api_keys (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants (id) on delete cascade,
      key_id text not null unique,
      secret_hash text not null,
      prefix text not null,
      last4 text not null,
      name text not null,
      description text,
      environment text not null check (environment in ('production', 'staging', 'development')),
      scopes text[] not null,
      expires_at timestamptz,
      revoked_at timestamptz,
      last_used_at timestamptz,
      last_used_ip text,
      created_by text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index api_keys_tenant_idx on api_keys (tenant_id, created_at desc);

    create table audit_events (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants (id) on delete cascade,
      actor_type text not null check (actor_type in ('user', 'api_key', 'system')),
      actor_id text,
      actor_label text not null,
      action text not null,
      target_type text not null,
      target_id text,
      target_label text,
      details jsonb not null default '{}',
      ip text,
      request_id text,
      -- Millisecond precision so a JavaScript Date round-trips exactly in the keyset cursor.
      created_at timestamptz not null default date_trunc('milliseconds', clock_timestamp())
    );
    create index audit_events_page_idx on audit_events (tenant_id, created_at desc, id desc);

    create table data_keys (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants (id) on delete cascade,
      kek_id text not null,
      wrapped text not null,
      created_at timestamptz not null default now()
    );
    create index data_keys_tenant_idx on data_keys (tenant_id, created_at desc);

    -- Platform-wide secrets (the API-key pepper), wrapped by the master key; owner-only.
    create table platform_secrets (
      name text primary key,
      kek_id text not null,
      wrapped text not null,
      created_at timestamptz not null default now()
    );

    create table plan_entitlements (
      plan text not null,
      feature text not null,
      enabled boolean not null,
      primary key (plan, feature)
    );
    insert into plan_entitlements (plan, feature, enabled)
    select p, f, p = 'enterprise'
    from unnest(array['free', 'standard', 'pro', 'enterprise']) p,
         unnest(array['connections', 'api_keys', 'webhooks']) f;

    create unlogged table rate_limits (
      key text primary key,
      window_start timestamptz not null,
      count integer not null
    );

    alter table tenants enable row level security;
    alter table tenants force row level security;
    create policy tenants_read on tenants for select using (
      id = app_tenant() or app_platform()
      or id in (select tenant_id from memberships where user_id = app_user())
    );
    create policy tenants_write on tenants for insert with check (id = app_tenant() or app_platform());
    create policy tenants_update on tenants for update using (id = app_tenant() or app_platform());

    alter table memberships enable row level security;
    alter table memberships force row level security;
    create policy memberships_read on memberships for select using (
      tenant_id = app_tenant() or user_id = app_user() or app_platform()
    );
    create policy memberships_write on memberships for all
      using (tenant_id = app_tenant() or app_platform())
      with check (tenant_id = app_tenant() or app_platform());

    alter table api_keys enable row level security;
    alter table api_keys force row level security;
    -- Authentication looks a key up by its public key id before the tenant is known.
    create policy api_keys_tenant on api_keys for all
      using (tenant_id = app_tenant() or key_id = nullif(current_setting('app.api_key_id', true), ''))
      with check (tenant_id = app_tenant());

    alter table audit_events enable row level security;
    alter table audit_events force row level security;
    create policy audit_events_tenant on audit_events for all
      using (tenant_id = app_tenant()) with check (tenant_id = app_tenant());

    alter table data_keys enable row level security;
    alter table data_keys force row level security;
    -- The platform path reads every wrapped key only to re-wrap it during master-key rotation.
    create policy data_keys_tenant on data_keys for all
      using (tenant_id = app_tenant() or app_platform()) with check (tenant_id = app_tenant() or app_platform());
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table if exists rate_limits, plan_entitlements, platform_secrets, data_keys, audit_events,
      api_keys, sessions, memberships, users, tenants cascade;
    drop function if exists app_tenant(), app_user(), app_platform();
  `.execute(db);
}
