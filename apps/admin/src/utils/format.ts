const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const relativeFormat = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

export const formatDate = (iso: string | null): string => (iso ? dateFormat.format(new Date(iso)) : '—');
export const formatDateTime = (iso: string | null): string => (iso ? dateTimeFormat.format(new Date(iso)) : '—');

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** "3 hours ago", "in 2 days", "Never" for a missing time, "just now" under a minute. */
export function relativeTime(iso: string | null, never = 'Never', now: number = Date.now()): string {
  if (!iso) return never;
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return relativeFormat.format(Math.trunc(seconds / size), unit);
  }
  return 'just now';
}

/** Two letters for an avatar: initials of the name, or the start of the email. */
export function initials(name: string, email = ''): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length >= 2 ? `${words[0]![0]}${words[1]![0]}` : (words[0] ?? email).slice(0, 2);
  return letters.toUpperCase();
}

export const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
