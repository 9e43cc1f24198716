/** The API reference page, served by the API itself (not a route of this SPA). */
export const DOCS_URL = '/api/v1/reference';

/** Only same-site paths may be redirect targets after sign-in (no `//evil.example`). */
export function safeRedirect(value: unknown, fallback = '/'): string {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') ? value : fallback;
}
