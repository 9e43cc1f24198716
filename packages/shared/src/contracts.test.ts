import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { CreateApiKeyBody } from './api-keys.js';
import { buildPath } from './endpoint.js';
import { ENDPOINTS } from './endpoints.js';
import { PageQuery } from './http.js';
import { Action, actionsFor, assignableRoles, can, PERMISSIONS, Role } from './permissions.js';
import { CreateTenantBody, TenantSlug } from './tenants.js';

const ROLE_RANK: Record<Role, number> = { staff: 0, manager: 1, admin: 2, owner: 3 };

describe('permission table', () => {
  it('is monotonic: a higher role can do everything a lower one can', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Action.options),
        fc.constantFrom(...Role.options),
        fc.constantFrom(...Role.options),
        (action, a, b) => {
          if (ROLE_RANK[a] >= ROLE_RANK[b] && can(b, action)) expect(can(a, action)).toBe(true);
        },
      ),
    );
  });

  it('never lets a member grant a role above their own, and only owners make owners', () => {
    for (const role of Role.options) {
      for (const granted of assignableRoles(role)) expect(ROLE_RANK[granted]).toBeLessThanOrEqual(ROLE_RANK[role]);
    }
    expect(assignableRoles('admin')).not.toContain('owner');
    expect(assignableRoles('manager')).toEqual([]);
  });

  it('follows seed 003 for the integrations pages', () => {
    expect(actionsFor('staff')).not.toContain('integrations.view');
    expect(can('manager', 'integrations.view') && can('manager', 'webhooks.manage')).toBe(true);
    expect(can('manager', 'api_keys.manage')).toBe(false);
    expect(actionsFor('owner')).toEqual(Action.options);
    expect(PERMISSIONS['api_keys.manage'].feature).toBe('api_keys');
  });
});

describe('contracts', () => {
  it('accepts every well-formed slug and rejects uppercase, spaces and edge hyphens', () => {
    const slug = fc.stringMatching(/^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$/);
    fc.assert(
      fc.property(slug, (s) => {
        expect(TenantSlug.safeParse(s).success).toBe(true);
      }),
    );
    for (const bad of ['Acme', 'acme flats', '-acme', 'acme-', 'ab', 'a'.repeat(41)]) {
      expect(TenantSlug.safeParse(bad).success, bad).toBe(false);
    }
  });

  it('bounds per_page to 1..100 and defaults to 25', () => {
    expect(PageQuery.parse({})).toEqual({ page: 1, per_page: 25 });
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 1000 }), (n) => {
        expect(PageQuery.safeParse({ per_page: String(n) }).success).toBe(n >= 1 && n <= 100);
      }),
    );
  });

  it('rejects unknown fields, repeated scopes and past expiry on API keys', () => {
    const base = { name: 'k', environment: 'production', scopes: ['api'] };
    expect(CreateApiKeyBody.safeParse(base).success).toBe(true);
    expect(CreateApiKeyBody.safeParse({ ...base, secret: 'x' }).success).toBe(false);
    expect(CreateApiKeyBody.safeParse({ ...base, scopes: ['api', 'api'] }).success).toBe(false);
    expect(CreateApiKeyBody.safeParse({ ...base, expires_at: '2000-01-01T00:00:00Z' }).success).toBe(false);
    expect(CreateApiKeyBody.safeParse({ ...base, name: '   ' }).success).toBe(false);
  });

  it('defaults a new tenant to the free plan and requires a real country code', () => {
    const body = { slug: 'acme', name: 'Acme', country: 'DE', owner_email: 'a@b.test', owner_name: 'A' };
    expect(CreateTenantBody.parse(body).plan).toBe('free');
    expect(CreateTenantBody.safeParse({ ...body, country: 'de' }).success).toBe(false);
  });
});

describe('endpoints', () => {
  it('declares unique method + path pairs with params matching the path', () => {
    const seen = new Set<string>();
    for (const [name, e] of Object.entries(ENDPOINTS)) {
      const key = `${e.method} ${e.path}`;
      expect(seen.has(key), key).toBe(false);
      seen.add(key);
      const names = [...e.path.matchAll(/:([a-z_]+)/gi)].map((m) => m[1]);
      const declared = 'params' in e && e.params ? Object.keys(e.params.shape) : [];
      expect(declared.sort(), name).toEqual(names.sort());
    }
  });

  it('builds paths with encoded parameters and refuses a missing one', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (id) => {
        const path = buildPath('/api/v1/api-keys/:id', { id });
        expect(decodeURIComponent(path.slice('/api/v1/api-keys/'.length))).toBe(id);
        expect(path.slice('/api/v1/api-keys/'.length)).not.toContain('/');
      }),
    );
    expect(() => buildPath('/a/:id')).toThrow(/id/);
  });
});
