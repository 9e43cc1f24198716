/**
 * Svix's schedule: an immediate attempt, then retries after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and
 * 10 h (about 27.5 h in all), each with ±20 % jitter.
 */
export const RETRY_SCHEDULE_SECONDS = [0, 5, 300, 1800, 7200, 18000, 36000, 36000] as const;
/** After a timeout or a 429 the endpoint is overloaded: wait at least this long. */
export const OVERLOAD_PENALTY_SECONDS = 60;
/** An endpoint that has only failed for this long is disabled. */
export const DISABLE_AFTER_MS = 5 * 24 * 3600 * 1000;

/** Parses `Retry-After` (seconds or an HTTP date) into seconds, or null. */
export function parseRetryAfter(value: string | undefined, now: Date): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, (at - now.getTime()) / 1000);
}

/**
 * Seconds until the next attempt after `attemptsMade` failed attempts, or null when the schedule
 * is exhausted. `random` is injectable so tests can pin the jitter.
 */
export function nextDelaySeconds(
  attemptsMade: number,
  failure: { overloaded: boolean; retryAfter: number | null },
  random: () => number = Math.random,
): number | null {
  const base = RETRY_SCHEDULE_SECONDS[attemptsMade];
  if (base === undefined) return null;
  let delay = base * (0.8 + 0.4 * random());
  if (failure.overloaded) delay = Math.max(delay, OVERLOAD_PENALTY_SECONDS);
  // The receiver's Retry-After is honoured within [delay, 2 × delay].
  if (failure.retryAfter !== null) delay = Math.min(Math.max(failure.retryAfter, delay), 2 * Math.max(delay, 1));
  return delay;
}
