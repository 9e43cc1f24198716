import { EVENT_CATALOG, EVENT_TYPES } from '@gatehouse/shared';
import { describe, expect, it } from 'vitest';

import {
  ALL_EVENTS,
  describeEventType,
  eventChips,
  groupEventTypes,
  localCatalog,
  subscriptionSummary,
  UNLISTED_GROUP,
} from './event-types';

describe('event type helpers', () => {
  it('shapes the shared catalog as ListEventTypes answers it', () => {
    const catalog = localCatalog();
    expect(catalog.map((info) => info.type)).toEqual(EVENT_TYPES);
    expect(catalog.find((info) => info.type === 'payment.failed')).toEqual({
      type: 'payment.failed',
      group: 'Payments',
      description: 'A payment failed.',
      example: EVENT_CATALOG['payment.failed'].example,
    });
  });

  it('groups types in catalog order, each group once', () => {
    const groups = groupEventTypes(localCatalog());
    expect(groups.map((g) => g.group)).toEqual([
      'Integrations',
      'Bookings',
      'Payments',
      'Messages',
      'Access codes',
      'Devices',
      'Locks',
      'Intercoms',
      'Webhooks',
    ]);
    expect(groups.find((g) => g.group === 'Bookings')?.types.map((t) => t.type)).toEqual([
      'booking.created',
      'booking.updated',
      'booking.cancelled',
    ]);
  });

  it('keeps subscribed types the catalog no longer lists, in a group of their own', () => {
    const catalog = localCatalog().filter((info) => info.group === 'Locks');
    const groups = groupEventTypes(catalog, ['lock.locked', 'legacy.thing', 'legacy.thing']);
    expect(groups.map((g) => g.group)).toEqual(['Locks', UNLISTED_GROUP]);
    expect(groups[1]!.types.map((t) => t.type)).toEqual(['legacy.thing']);
    expect(groupEventTypes(catalog, ['lock.locked'])).toHaveLength(1);
  });

  it('describes a type from the catalog', () => {
    expect(describeEventType(localCatalog(), 'device.offline')).toBe('A lock or intercom stopped answering.');
    expect(describeEventType(localCatalog(), 'nope.nope')).toBeUndefined();
  });

  it('summarizes a subscription: none means every event', () => {
    expect(eventChips([])).toEqual({ shown: [], more: 0, all: true });
    expect(eventChips(['a.b', 'c.d'])).toEqual({ shown: ['a.b', 'c.d'], more: 0, all: false });
    expect(eventChips(['a.b', 'c.d', 'e.f', 'g.h', 'i.j'])).toEqual({
      shown: ['a.b', 'c.d', 'e.f'],
      more: 2,
      all: false,
    });
    expect(subscriptionSummary([])).toBe(ALL_EVENTS);
    expect(subscriptionSummary(['a.b', 'c.d'])).toBe('a.b, c.d');
  });
});
