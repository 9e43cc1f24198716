import { describe, expect, it } from 'vitest';

import { nextDelaySeconds, parseRetryAfter, RETRY_SCHEDULE_SECONDS } from './schedule.js';

const plain = { overloaded: false, retryAfter: null };

describe('retry schedule', () => {
  it('follows 0 s, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, then gives up', () => {
    const mid = () => 0.5;
    expect(RETRY_SCHEDULE_SECONDS.map((_, i) => nextDelaySeconds(i, plain, mid))).toEqual([
      0, 5, 300, 1800, 7200, 18000, 36000, 36000,
    ]);
    expect(nextDelaySeconds(8, plain, mid)).toBeNull();
  });

  it('jitters by ±20 %', () => {
    expect(nextDelaySeconds(2, plain, () => 0)).toBeCloseTo(240);
    expect(nextDelaySeconds(2, plain, () => 0.999999)).toBeCloseTo(360, 0);
  });

  it('waits at least 60 s after a timeout or 429, and honours Retry-After within [delay, 2 × delay]', () => {
    expect(nextDelaySeconds(1, { overloaded: true, retryAfter: null }, () => 0.5)).toBe(60);
    expect(nextDelaySeconds(2, { overloaded: false, retryAfter: 10 }, () => 0.5)).toBe(300);
    expect(nextDelaySeconds(2, { overloaded: false, retryAfter: 450 }, () => 0.5)).toBe(450);
    expect(nextDelaySeconds(2, { overloaded: false, retryAfter: 10_000 }, () => 0.5)).toBe(600);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = new Date('2026-11-23T12:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120);
    expect(parseRetryAfter('Mon, 23 Nov 2026 12:01:00 GMT', now)).toBe(60);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(undefined, now)).toBeNull();
  });
});
