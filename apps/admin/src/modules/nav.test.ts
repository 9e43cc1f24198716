import type { Role } from '@gatehouse/shared';
import { describe, expect, it } from 'vitest';

import { makeMe } from '@/test/fixtures';

import { buildNavigation, flattenNavigation } from './nav';

const labels = (role: Role, plan: 'free' | 'enterprise' = 'enterprise') =>
  flattenNavigation(buildNavigation(makeMe(role, plan))).map((link) => link.label);
const groups = (role: Role) => buildNavigation(makeMe(role)).flatMap((s) => s.links.map((l) => l.label));

describe('buildNavigation (seed 003)', () => {
  it('gives staff no Integrations entry at all', () => {
    expect(groups('staff')).not.toContain('Integrations');
    expect(labels('staff')).not.toContain('Connections');
    expect(labels('staff')).not.toContain('Health');
    expect(labels('staff')).not.toContain('Routing');
    expect(labels('staff')).not.toContain('Webhook logs');
    expect(labels('staff')).not.toContain('API');
    expect(labels('staff')).not.toContain('Webhooks');
    expect(labels('staff')).toEqual(['Dashboard', 'Team']);
  });

  it('gives managers Connections, Health, Routing, Webhook logs and Webhooks but not API', () => {
    expect(groups('manager')).toContain('Integrations');
    expect(labels('manager')).toEqual([
      'Dashboard',
      'Connections',
      'Health',
      'Routing',
      'Webhook logs',
      'Webhooks',
      'Team',
    ]);
  });

  it.each(['admin', 'owner'] as const)('gives %s every entry', (role) => {
    expect(labels(role)).toEqual([
      'Dashboard',
      'Connections',
      'Health',
      'Routing',
      'Webhook logs',
      'API',
      'Webhooks',
      'Team',
      'Audit log',
    ]);
  });

  it('keeps plan-gated pages visible but locked, so opening them explains the upgrade', () => {
    const integrations = buildNavigation(makeMe('admin', 'free'))
      .flatMap((s) => s.links)
      .find((l) => l.label === 'Integrations');
    expect(integrations?.locked).toBe(true);
    expect(integrations?.children?.map((c) => [c.label, c.locked])).toEqual([
      ['Connections', true],
      ['Health', true],
      ['Routing', true],
      ['Webhook logs', true],
      ['API', true],
      ['Webhooks', true],
    ]);
    const team = flattenNavigation(buildNavigation(makeMe('admin', 'free'))).find((l) => l.label === 'Team');
    expect(team?.locked).toBeUndefined();
  });

  it('lists the integration pages with their icons, Health, Routing and Webhook logs right after Connections', () => {
    const links = flattenNavigation(buildNavigation(makeMe('owner')));
    const byLabel = (label: string) => links.find((l) => l.label === label);
    expect(byLabel('Health')).toMatchObject({ icon: 'pi pi-heart', to: '/settings/integrations/health' });
    expect(byLabel('Routing')).toMatchObject({ icon: 'pi pi-directions', to: '/settings/integrations/routing' });
    expect(byLabel('Webhook logs')).toMatchObject({
      icon: 'pi pi-inbox',
      to: '/settings/integrations/webhook-logs',
    });
  });

  it('shows only the dashboard to an account without a workspace', () => {
    const me = { ...makeMe('owner'), role: null, tenant: null, entitlements: [] };
    expect(flattenNavigation(buildNavigation(me)).map((l) => l.label)).toEqual(['Dashboard']);
  });
});
