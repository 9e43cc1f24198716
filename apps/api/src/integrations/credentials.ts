import type { FieldErrors } from '@gatehouse/shared';

import type { Credentials, ProviderManifest } from '../providers/types.js';

/** Credentials as sent: a value, `''`/`null` (keep the stored one, or clear an optional field). */
export type CredentialsInput = Record<string, string | null>;

/** What is stored: clear values for non-sensitive fields, clear values to encrypt for sensitive ones. */
export interface SplitCredentials {
  settings: Record<string, string>;
  /** Sensitive values to (re-)encrypt now; fields absent here keep their stored ciphertext. */
  newSecrets: Record<string, string>;
  /** Sensitive fields to erase (an optional secret sent as `null`). */
  clearedSecrets: string[];
  /** True when anything a verification depends on changed. */
  changed: boolean;
}

const blank = (v: string | null | undefined): boolean => v === undefined || v === null || v.trim() === '';

/** The last four characters, shown as `••••1234`; short secrets get no hint (four would be most of it). */
export const hintOf = (secret: string): string | null => (secret.length >= 12 ? secret.slice(-4) : null);

/**
 * Checks credentials against the provider's schema and splits them for storage. On create every
 * required field must be present; on update a blank secret keeps the stored value and an omitted
 * field is unchanged. Errors are keyed `credentials.<field>` like other 422 field errors.
 */
export function checkCredentials(
  manifest: ProviderManifest,
  input: CredentialsInput,
  stored: { settings: Record<string, string>; secretFields: string[] } | null,
): { ok: true; value: SplitCredentials; merged: Credentials } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const add = (field: string, message: string) => (errors[`credentials.${field}`] ??= []).push(message);
  const schema = manifest.credentialSchema;

  for (const field of Object.keys(input)) {
    if (!(field in schema)) add(field, `Unknown field for ${manifest.displayName}`);
  }

  const settings: Record<string, string> = { ...(stored?.settings ?? {}) };
  const newSecrets: Record<string, string> = {};
  const clearedSecrets: string[] = [];
  let changed = false;
  // What verification will see: stored non-sensitive values plus anything new (secrets by presence).
  const merged: Credentials = {};

  for (const [field, spec] of Object.entries(schema)) {
    const raw = input[field];
    const value = typeof raw === 'string' ? raw.trim() : raw;
    const hasStoredSecret = stored?.secretFields.includes(field) ?? false;

    if (spec.sensitive) {
      if (!blank(value)) {
        newSecrets[field] = value!;
        changed = true;
      } else if (value === null && hasStoredSecret && !spec.required) {
        clearedSecrets.push(field);
        changed = true;
      } else if (spec.required && !hasStoredSecret) {
        add(field, `${spec.label} is required`);
      }
    } else if (value !== undefined) {
      if (blank(value)) {
        if (spec.required) add(field, `${spec.label} is required`);
        else if (field in settings) {
          delete settings[field];
          changed = true;
        }
      } else if (settings[field] !== value) {
        settings[field] = value!;
        changed = true;
      }
    } else if (!(field in settings)) {
      if (spec.default !== undefined) {
        settings[field] = spec.default;
        changed = true;
      } else if (spec.required) {
        add(field, `${spec.label} is required`);
      }
    }

    const current = spec.sensitive ? newSecrets[field] : settings[field];
    if (current !== undefined) {
      merged[field] = current;
      if (spec.pattern && !new RegExp(spec.pattern).test(current)) {
        add(field, spec.pattern_message ?? `${spec.label} is not in the expected format`);
      }
      if (spec.type === 'select' && spec.options && !spec.options.some((o) => o.value === current)) {
        add(field, `${spec.label} must be one of ${spec.options.map((o) => o.value).join(', ')}`);
      }
    }
  }

  if (Object.keys(errors).length === 0 && manifest.crossCheck) {
    // Cross-field checks see stored secrets as present but unknown: only new values are compared.
    const view = { ...presentSecrets(stored, manifest, merged), ...merged };
    for (const [field, message] of Object.entries(manifest.crossCheck(view))) {
      add(field, message);
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { settings, newSecrets, clearedSecrets, changed }, merged };
}

/** Stands for a stored secret the caller did not resend, in cross-field checks. */
export const STORED_SECRET = '(stored)';

/** Marks stored secrets the caller did not resend as present for cross-field checks. */
function presentSecrets(
  stored: { secretFields: string[] } | null,
  manifest: ProviderManifest,
  merged: Credentials,
): Credentials {
  const out: Credentials = {};
  for (const field of stored?.secretFields ?? []) {
    if (manifest.credentialSchema[field]?.sensitive && merged[field] === undefined) out[field] = STORED_SECRET;
  }
  return out;
}
