import { type Action, can, type Feature, type Me, PERMISSIONS } from '@gatehouse/shared';

export interface NavLink {
  label: string;
  icon: string;
  to: string;
  /** Set when the role may open the page but the plan lacks its feature: shown with a plan badge. */
  locked?: boolean;
  children?: NavLink[];
}

export interface NavSection {
  label: string;
  links: NavLink[];
}

interface NavEntry {
  label: string;
  icon: string;
  to: string;
  action?: Action;
  children?: NavEntry[];
}

interface SectionEntry {
  label: string;
  entries: NavEntry[];
}

/** The sidebar as data; each entry names the permission of the page it opens (seed 003). */
const SIDEBAR: SectionEntry[] = [
  { label: 'Overview', entries: [{ label: 'Dashboard', icon: 'pi pi-home', to: '/' }] },
  {
    label: 'Setup',
    entries: [
      {
        label: 'Integrations',
        icon: 'pi pi-link',
        to: '/settings/integrations/connections',
        children: [
          {
            label: 'Connections',
            icon: 'pi pi-th-large',
            to: '/settings/integrations/connections',
            action: 'integrations.view',
          },
          {
            label: 'Health',
            icon: 'pi pi-heart',
            to: '/settings/integrations/health',
            action: 'integrations.view',
          },
          {
            label: 'Routing',
            icon: 'pi pi-directions',
            to: '/settings/integrations/routing',
            action: 'integrations.view',
          },
          {
            label: 'Webhook logs',
            icon: 'pi pi-inbox',
            to: '/settings/integrations/webhook-logs',
            action: 'integrations.view',
          },
          { label: 'API', icon: 'pi pi-key', to: '/settings/integrations/api', action: 'api_keys.manage' },
          { label: 'Webhooks', icon: 'pi pi-send', to: '/settings/integrations/webhooks', action: 'webhooks.manage' },
        ],
      },
    ],
  },
  {
    label: 'Workspace',
    entries: [
      { label: 'Team', icon: 'pi pi-users', to: '/settings/team', action: 'team.view' },
      { label: 'Audit log', icon: 'pi pi-history', to: '/settings/audit-log', action: 'audit.view' },
    ],
  },
];

type Access = Pick<Me, 'role' | 'entitlements'>;

const featureOf = (action: Action | undefined): Feature | undefined =>
  action ? PERMISSIONS[action].feature : undefined;

function toLink(entry: NavEntry, me: Access): NavLink | null {
  if (entry.action && (!me.role || !can(me.role, entry.action))) return null;
  const feature = featureOf(entry.action);
  const link: NavLink = { label: entry.label, icon: entry.icon, to: entry.to };
  if (feature && !me.entitlements.includes(feature)) link.locked = true;
  if (entry.children) {
    const children = entry.children.map((child) => toLink(child, me)).filter((c): c is NavLink => c !== null);
    // A group whose pages are all hidden disappears with them (staff has no Integrations at all).
    if (children.length === 0) return null;
    link.children = children;
    link.to = children[0]!.to;
    if (children.every((child) => child.locked)) link.locked = true;
  }
  return link;
}

/**
 * The sidebar for one user: pages their role may not open are left out; pages their plan lacks stay
 * in, marked `locked`, because opening them explains the upgrade (seed 003).
 */
export function buildNavigation(me: Access): NavSection[] {
  return SIDEBAR.map((section) => ({
    label: section.label,
    links: section.entries.map((entry) => toLink(entry, me)).filter((l): l is NavLink => l !== null),
  })).filter((section) => section.links.length > 0);
}

/** All links of a navigation, groups flattened, for quick links and tests. */
export const flattenNavigation = (sections: NavSection[]): NavLink[] =>
  sections.flatMap((section) => section.links.flatMap((link) => (link.children ? link.children : [link])));
