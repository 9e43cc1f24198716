import { describe, expect, it } from 'vitest';

import {
  formatBytes,
  inboundStatusLabel,
  inboundStatusSeverity,
  prettyPayload,
  processingText,
  rangeMs,
  sortedHeaders,
} from './inbound';

describe('inbound labels', () => {
  it('tags each status with its label and severity', () => {
    expect(
      (['verified', 'rejected', 'duplicate', 'ignored'] as const).map((s) => [
        inboundStatusLabel(s),
        inboundStatusSeverity(s),
      ]),
    ).toEqual([
      ['Verified', 'success'],
      ['Rejected', 'danger'],
      ['Duplicate', 'secondary'],
      ['Ignored', 'warn'],
    ]);
  });

  it('knows how far each preset reaches back', () => {
    expect(rangeMs('1h')).toBe(3600_000);
    expect(rangeMs('24h')).toBe(24 * 3600_000);
    expect(rangeMs('7d')).toBe(7 * 24 * 3600_000);
    expect(rangeMs('custom')).toBeNull();
  });

  it('formats body sizes', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MB');
  });

  it('indents a JSON payload and keeps any other body as it came', () => {
    expect(prettyPayload('{"a":{"b":1}}')).toBe('{\n  "a": {\n    "b": 1\n  }\n}');
    expect(prettyPayload('a=1&b=2')).toBe('a=1&b=2');
  });

  it('says what became of a request', () => {
    const base = { processed_at: null, processing_result: null };
    expect(processingText({ ...base, status: 'verified', processing_result: 'Emitted booking.created' })).toBe(
      'Emitted booking.created',
    );
    expect(processingText({ ...base, status: 'verified' })).toBe('Waiting to be processed');
    expect(processingText({ ...base, status: 'rejected' })).toBe('Not processed');
  });

  it('lists headers by name', () => {
    expect(sortedHeaders({ 'x-b': '2', 'content-type': 'json', 'x-a': '1' }).map(([name]) => name)).toEqual([
      'content-type',
      'x-a',
      'x-b',
    ]);
  });
});
