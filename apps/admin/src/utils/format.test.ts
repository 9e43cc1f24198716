import { describe, expect, it } from 'vitest';

import { initials, relativeTime } from './format';
import { safeRedirect } from './links';

const NOW = Date.parse('2026-03-10T12:00:00Z');

describe('relativeTime', () => {
  it('says Never for a missing time', () => {
    expect(relativeTime(null, 'Never', NOW)).toBe('Never');
  });

  it('describes past and future times in the largest fitting unit', () => {
    expect(relativeTime('2026-03-10T11:59:30Z', 'Never', NOW)).toBe('just now');
    expect(relativeTime('2026-03-10T09:00:00Z', 'Never', NOW)).toMatch(/3 hours ago/);
    expect(relativeTime('2026-03-12T12:00:00Z', 'Never', NOW)).toMatch(/in 2 days/);
  });
});

describe('initials', () => {
  it('takes two initials, or the start of a single word or the email', () => {
    expect(initials('Ada Lovelace')).toBe('AL');
    expect(initials('ada')).toBe('AD');
    expect(initials('', 'zoe@example.com')).toBe('ZO');
  });
});

describe('safeRedirect', () => {
  it('accepts same-site paths only', () => {
    expect(safeRedirect('/settings/team?x=1')).toBe('/settings/team?x=1');
    expect(safeRedirect('//evil.example/')).toBe('/');
    expect(safeRedirect('https://evil.example/')).toBe('/');
    expect(safeRedirect(undefined)).toBe('/');
  });
});
