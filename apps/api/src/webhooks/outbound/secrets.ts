import type { WebhookEndpointRow } from '../../db/schema.js';

/**
 * The endpoint's signing secrets as `[field, ciphertext]`: the current one, and the previous one
 * while a rotation's grace period runs (receivers holding either keep verifying).
 */
export function signingSecretFields(
  row: Pick<WebhookEndpointRow, 'secret' | 'previous_secret' | 'previous_secret_expires_at'>,
  now = new Date(),
): [field: 'secret' | 'previous_secret', ciphertext: string][] {
  const fields: [field: 'secret' | 'previous_secret', ciphertext: string][] = [['secret', row.secret]];
  if (row.previous_secret && row.previous_secret_expires_at && row.previous_secret_expires_at > now) {
    fields.push(['previous_secret', row.previous_secret]);
  }
  return fields;
}
