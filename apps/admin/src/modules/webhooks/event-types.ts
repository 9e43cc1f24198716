import { EVENT_CATALOG, type EventTypeInfo } from '@gatehouse/shared';

export interface EventTypeGroup {
  group: string;
  types: EventTypeInfo[];
}

/** What an endpoint subscribed to nothing in particular receives. */
export const ALL_EVENTS = 'All events';
/** The group that holds subscribed types the catalog no longer lists, so they stay visible and removable. */
export const UNLISTED_GROUP = 'No longer in the catalog';

/** The catalog compiled into the shared contracts, shaped as ListEventTypes answers it. */
export function localCatalog(): EventTypeInfo[] {
  return Object.entries(EVENT_CATALOG).map(([type, entry]) => ({
    type,
    group: entry.group,
    description: entry.description,
    example: { ...entry.example },
  }));
}

/**
 * The catalog grouped for a picker: groups in the order they first appear, types in catalog order.
 * `selected` types the catalog does not know get a group of their own at the end.
 */
export function groupEventTypes(catalog: readonly EventTypeInfo[], selected: readonly string[] = []): EventTypeGroup[] {
  const groups = new Map<string, EventTypeInfo[]>();
  for (const info of catalog) {
    const types = groups.get(info.group) ?? [];
    types.push(info);
    groups.set(info.group, types);
  }
  const known = new Set(catalog.map((info) => info.type));
  const unlisted = [...new Set(selected)].filter((type) => !known.has(type));
  const result = [...groups].map(([group, types]) => ({ group, types }));
  if (unlisted.length) {
    result.push({
      group: UNLISTED_GROUP,
      types: unlisted.map((type) => ({ type, group: UNLISTED_GROUP, description: 'Not sent any more.', example: {} })),
    });
  }
  return result;
}

/** What one event type means, from the catalog. */
export const describeEventType = (catalog: readonly EventTypeInfo[], type: string): string | undefined =>
  catalog.find((info) => info.type === type)?.description;

/** The chips of a subscription: the first `max` types and how many more there are; none means every event. */
export function eventChips(types: readonly string[], max = 3): { shown: string[]; more: number; all: boolean } {
  if (types.length === 0) return { shown: [], more: 0, all: true };
  return { shown: types.slice(0, max), more: Math.max(0, types.length - max), all: false };
}

/** One line for a subscription, e.g. in a confirmation or a tooltip. */
export const subscriptionSummary = (types: readonly string[]): string =>
  types.length === 0 ? ALL_EVENTS : types.join(', ');
