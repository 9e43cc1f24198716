import { describe, expect, it } from 'vitest';

import {
  describeTestResult,
  elapsed,
  formatDuration,
  previousSecretActive,
  queuedText,
  recoverSince,
  resendable,
  secretHint,
  statusCodeLabel,
  statusHint,
  triggerLabel,
} from './labels';
import { bucketLabel, chartModel, CHART, formatRate, isHourly, niceCeiling, successRate } from './stats';

const NOW = Date.parse('2026-03-10T12:00:00Z');
const result = (overrides: Partial<Parameters<typeof describeTestResult>[0]>) => ({
  success: true,
  status_code: 200,
  error: null,
  duration_ms: 45,
  message_id: 'msg_1',
  ...overrides,
});

describe('labels', () => {
  it('reports a test as the HTTP status and time, or the error', () => {
    expect(describeTestResult(result({}))).toEqual({
      severity: 'success',
      summary: 'Test delivered',
      detail: 'Delivered: HTTP 200 in 45 ms',
    });
    expect(describeTestResult(result({ success: false, status_code: 500, error: 'Internal error' })).detail).toBe(
      'Failed: HTTP 500 in 45 ms (Internal error)',
    );
    expect(
      describeTestResult(result({ success: false, status_code: 0, error: 'Connection refused', duration_ms: 1500 })),
    ).toEqual({ severity: 'error', summary: 'Test failed', detail: 'No response after 1.5 s: Connection refused' });
  });

  it('formats codes, durations, triggers and the secret hint', () => {
    expect(statusCodeLabel(0)).toBe('No response');
    expect(statusCodeLabel(404)).toBe('404');
    expect(formatDuration(45)).toBe('45 ms');
    expect(formatDuration(15_000)).toBe('15.0 s');
    expect(triggerLabel('scheduled')).toBe('Scheduled');
    expect(triggerLabel('manual')).toBe('Manual');
    expect(triggerLabel('test')).toBe('Test');
    expect(secretHint('abcd')).toBe('whsec_••••abcd');
  });

  it('explains a disabled endpoint', () => {
    expect(statusHint({ status: 'enabled', disabled_reason: null })).toBeUndefined();
    expect(statusHint({ status: 'disabled', disabled_reason: 'Failing for 5 days' })).toBe(
      'Disabled: Failing for 5 days',
    );
    expect(statusHint({ status: 'disabled', disabled_reason: null })).toMatch(/^Disabled/);
  });

  it('says how long an endpoint has been failing', () => {
    expect(elapsed('2026-03-10T11:59:50Z', NOW)).toBe('1 min');
    expect(elapsed('2026-03-10T11:15:00Z', NOW)).toBe('45 min');
    expect(elapsed('2026-03-09T09:00:00Z', NOW)).toBe('27 h');
    expect(elapsed('2026-03-06T12:00:00Z', NOW)).toBe('4 days');
  });

  it('tells whether the previous secret still signs', () => {
    expect(previousSecretActive(null, NOW)).toBe(false);
    expect(previousSecretActive('2026-03-11T12:00:00Z', NOW)).toBe(true);
    expect(previousSecretActive('2026-03-09T12:00:00Z', NOW)).toBe(false);
  });

  it('reaches back the chosen window for recovery, and resends msg_ ids only', () => {
    expect(recoverSince('1h', NOW).toISOString()).toBe('2026-03-10T11:00:00.000Z');
    expect(recoverSince('14d', NOW).toISOString()).toBe('2026-02-24T12:00:00.000Z');
    expect(queuedText(1)).toBe('1 message re-queued');
    expect(queuedText(3)).toBe('3 messages re-queued');
    expect(resendable('msg_2zN4kQ8xVb7LpR1tY6wE')).toBe(true);
    expect(resendable('evt_123')).toBe(false);
  });
});

describe('delivery stats', () => {
  it('rounds the y axis up to 1, 2 or 5 × 10ⁿ', () => {
    expect([0, 1, 3, 7, 10, 11, 48, 120, 999].map(niceCeiling)).toEqual([1, 1, 5, 10, 10, 20, 50, 200, 1000]);
  });

  it('stacks failed above succeeded, scaled to the tallest bucket', () => {
    const model = chartModel(
      [
        { start: '2026-03-08T00:00:00Z', succeeded: 10, failed: 0 },
        { start: '2026-03-09T00:00:00Z', succeeded: 5, failed: 5 },
        { start: '2026-03-10T00:00:00Z', succeeded: 0, failed: 0 },
      ],
      false,
    );
    const plot = CHART.height - CHART.top - CHART.bottom;
    const bottom = CHART.top + plot;
    expect(model.max).toBe(10);
    expect(model.bars).toHaveLength(3);
    const [full, half, none] = model.bars;
    expect(full!.succeeded).toEqual({ y: CHART.top, height: plot });
    expect(full!.failed.height).toBe(0);
    expect(half!.succeeded).toEqual({ y: bottom - plot / 2, height: plot / 2 });
    expect(half!.failed).toEqual({ y: CHART.top, height: plot / 2 });
    expect(none!.succeeded.height + none!.failed.height).toBe(0);
    expect(half!.title).toContain('5 succeeded, 5 failed');
    expect(model.yTicks.map((t) => t.value)).toEqual([0, 5, 10]);
    expect(model.bars.every((bar) => bar.x >= CHART.left && bar.x + bar.width <= CHART.width - CHART.right)).toBe(true);
  });

  it('labels at most 8 buckets, hourly or daily', () => {
    const hours = Array.from({ length: 24 }, (_, i) => ({
      start: new Date(Date.UTC(2026, 2, 10, i)).toISOString(),
      succeeded: i,
      failed: 0,
    }));
    expect(chartModel(hours, true).xLabels).toHaveLength(8);
    expect(chartModel([], true)).toMatchObject({ bars: [], max: 1, xLabels: [] });
    expect(isHourly(1)).toBe(true);
    expect(isHourly(7)).toBe(false);
    expect(bucketLabel('2026-03-10T00:00:00Z', false)).not.toBe(bucketLabel('2026-03-10T00:00:00Z', true));
  });

  it('computes the success rate from the totals shown beside it', () => {
    expect(successRate({ succeeded: 17, failed: 3, success_rate: 0.85 })).toBe(85);
    expect(successRate({ succeeded: 0, failed: 0, success_rate: null })).toBeNull();
    expect(formatRate(85)).toBe('85%');
    expect(formatRate(97.46)).toBe('97.5%');
    expect(formatRate(99.98)).toBe('99.9%');
    expect(formatRate(100)).toBe('100%');
    expect(formatRate(null)).toBe('—');
  });
});
