import type { WebhookStats } from '@gatehouse/shared';

export type StatsBucket = WebhookStats['buckets'][number];
export type StatsTotals = WebhookStats['totals'];

/** The plot area inside the SVG's view box; the margins hold the axis labels. */
export const CHART = { width: 640, height: 200, left: 36, right: 8, top: 10, bottom: 24 } as const;

export interface ChartBar {
  key: string;
  x: number;
  width: number;
  /** The succeeded part, at the bottom of the stack. */
  succeeded: { y: number; height: number };
  /** The failed part, on top. */
  failed: { y: number; height: number };
  title: string;
}

export interface ChartModel {
  bars: ChartBar[];
  /** The value at the top of the y axis. */
  max: number;
  yTicks: { y: number; value: number }[];
  xLabels: { x: number; text: string }[];
}

/** The smallest 1, 2 or 5 × 10ⁿ at or above `value` (at least 1), for a y axis that reads well. */
export function niceCeiling(value: number): number {
  if (value <= 1) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) {
    if (step * magnitude >= value) return step * magnitude;
  }
  return 10 * magnitude;
}

const hourFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dayFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const fullHourFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const fullDayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** Buckets are hourly for ranges up to two days, daily beyond. */
export const isHourly = (days: number): boolean => days <= 2;

export const bucketLabel = (start: string, hourly: boolean): string =>
  (hourly ? hourFormat : dayFormat).format(new Date(start));

const bucketTitle = (bucket: StatsBucket, hourly: boolean): string =>
  `${(hourly ? fullHourFormat : fullDayFormat).format(new Date(bucket.start))}: ${bucket.succeeded} succeeded, ${bucket.failed} failed`;

/** At most this many x labels, so they never overlap. */
const MAX_X_LABELS = 8;

/** Stacked bars (succeeded below failed) for each bucket, scaled to the plot area. */
export function chartModel(buckets: readonly StatsBucket[], hourly: boolean): ChartModel {
  const plotWidth = CHART.width - CHART.left - CHART.right;
  const plotHeight = CHART.height - CHART.top - CHART.bottom;
  const bottom = CHART.top + plotHeight;
  const max = niceCeiling(Math.max(0, ...buckets.map((b) => b.succeeded + b.failed)));
  const slot = buckets.length ? plotWidth / buckets.length : plotWidth;
  const gap = Math.min(slot * 0.25, 6);
  const scale = (value: number) => (value / max) * plotHeight;

  const bars = buckets.map((bucket, index) => {
    const okHeight = scale(bucket.succeeded);
    const failedHeight = scale(bucket.failed);
    return {
      key: bucket.start,
      x: CHART.left + index * slot + gap / 2,
      width: Math.max(1, slot - gap),
      succeeded: { y: bottom - okHeight, height: okHeight },
      failed: { y: bottom - okHeight - failedHeight, height: failedHeight },
      title: bucketTitle(bucket, hourly),
    };
  });

  const every = Math.max(1, Math.ceil(buckets.length / MAX_X_LABELS));
  const xLabels = buckets
    .map((bucket, index) => ({ index, bucket }))
    .filter(({ index }) => index % every === 0)
    .map(({ index, bucket }) => ({ x: CHART.left + index * slot + slot / 2, text: bucketLabel(bucket.start, hourly) }));

  const yTicks = [0, max / 2, max]
    .filter((value) => Number.isInteger(value))
    .map((value) => ({ value, y: bottom - scale(value) }));

  return { bars, max, yTicks, xLabels };
}

/**
 * The share of attempts that succeeded, in percent, from the totals shown beside it; null without
 * any attempt. (The API's `success_rate` does not say whether it is a fraction or a percentage.)
 */
export function successRate(totals: StatsTotals): number | null {
  const all = totals.succeeded + totals.failed;
  return all === 0 ? null : (totals.succeeded / all) * 100;
}

/** "97.5%", "100%", "—". */
export function formatRate(rate: number | null): string {
  if (rate === null) return '—';
  // 99.96% is not "100%": a single failure must stay visible.
  const rounded = rate < 100 ? Math.min(99.9, Math.round(rate * 10) / 10) : 100;
  return `${Number.isInteger(rounded) ? rounded.toFixed(0) : rounded.toFixed(1)}%`;
}
