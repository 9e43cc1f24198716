import type {
  CreateIntegrationBody,
  CredentialField,
  Integration,
  Provider,
  UpdateIntegrationBody,
} from '@gatehouse/shared';

import type { ApiError } from '@/api/api-error';

/** What the configure panel edits: one text per credential field, and the enabled capabilities. */
export interface IntegrationDraft {
  credentials: Record<string, string>;
  capabilities: string[];
}

export const credentialFields = (provider: Provider): [string, CredentialField][] =>
  Object.entries(provider.credential_schema);

/** A sensitive field of a saved integration that has a stored value (answered as a last-four hint). */
export const hasStoredSecret = (integration: Integration | null, name: string): boolean =>
  !!integration && integration.credential_hints[name] != null;

/** `••••4242` for a stored secret, shown in place of the value that is never sent back. */
export const secretHint = (integration: Integration | null, name: string): string | null => {
  const hint = integration?.credential_hints[name];
  return hint == null ? null : `••••${hint}`;
};

/**
 * The form a provider starts from: saved non-sensitive values (or the field defaults for a new
 * integration), blank secrets, and the enabled capabilities (all of them for a new integration).
 */
export function draftFor(provider: Provider, integration: Integration | null): IntegrationDraft {
  const credentials: Record<string, string> = {};
  for (const [name, field] of credentialFields(provider)) {
    if (!integration) credentials[name] = field.default ?? '';
    else credentials[name] = field.sensitive ? '' : (integration.credentials[name] ?? '');
  }
  const capabilities = integration ? [...integration.enabled_capabilities] : [...provider.capabilities];
  return { credentials, capabilities };
}

const NUMBER = /^-?\d+(\.\d+)?$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function matches(pattern: string, value: string): boolean {
  try {
    return new RegExp(pattern).test(value);
  } catch {
    // A pattern this browser cannot compile is the server's to enforce.
    return true;
  }
}

/** The checks the schema lets the browser make before saving: field name → message. */
export function validateDraft(
  provider: Provider,
  integration: Integration | null,
  draft: IntegrationDraft,
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [name, field] of credentialFields(provider)) {
    const value = (draft.credentials[name] ?? '').trim();
    if (!value) {
      // A blank secret of a saved integration keeps the stored value.
      const kept = field.sensitive && hasStoredSecret(integration, name);
      if (field.required && !kept) errors[name] = `${field.label} is required`;
      continue;
    }
    if (field.type === 'number' && !NUMBER.test(value)) errors[name] = `${field.label} must be a number`;
    else if (field.type === 'email' && !EMAIL.test(value)) errors[name] = `${field.label} must be an email address`;
    else if (field.pattern && !matches(field.pattern, value)) {
      errors[name] = field.pattern_message ?? `${field.label} is not in the expected format`;
    }
  }
  return errors;
}

const inProviderOrder = (provider: Provider, capabilities: string[]): string[] =>
  provider.capabilities.filter((c) => capabilities.includes(c));

/** The body of a new integration: every non-blank value, trimmed. */
export function createBody(provider: Provider, draft: IntegrationDraft): CreateIntegrationBody {
  const credentials: Record<string, string> = {};
  for (const [name] of credentialFields(provider)) {
    const value = (draft.credentials[name] ?? '').trim();
    if (value) credentials[name] = value;
  }
  return { provider: provider.name, credentials, enabled_capabilities: inProviderOrder(provider, draft.capabilities) };
}

const sameSet = (a: string[], b: string[]): boolean =>
  a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');

/**
 * The partial update of a saved integration: only what changed. A secret is sent only when typed
 * (blank keeps the stored one); a cleared non-sensitive value is sent as `null`.
 */
export function updateBody(
  provider: Provider,
  integration: Integration,
  draft: IntegrationDraft,
): UpdateIntegrationBody {
  const credentials: Record<string, string | null> = {};
  for (const [name, field] of credentialFields(provider)) {
    const value = (draft.credentials[name] ?? '').trim();
    if (field.sensitive) {
      if (value) credentials[name] = value;
    } else if (value !== (integration.credentials[name] ?? '')) {
      credentials[name] = value || null;
    }
  }
  const body: UpdateIntegrationBody = {};
  if (Object.keys(credentials).length > 0) body.credentials = credentials;
  if (!sameSet(draft.capabilities, integration.enabled_capabilities)) {
    body.enabled_capabilities = inProviderOrder(provider, draft.capabilities);
  }
  return body;
}

/** The API's message for one credential field (422 `errors` key `credentials.<field>`). */
export const serverFieldError = (error: ApiError | null, name: string): string | undefined =>
  error?.field(`credentials.${name}`);

/** 422 messages that belong to no input of the form (`provider`, `credentials`, unknown fields). */
export function generalErrors(error: ApiError | null, provider: Provider): string[] {
  if (!error) return [];
  const own = new Set([...credentialFields(provider).map(([name]) => `credentials.${name}`), 'enabled_capabilities']);
  return Object.entries(error.fieldErrors)
    .filter(([key]) => !own.has(key) && !key.startsWith('enabled_capabilities.'))
    .flatMap(([, messages]) => messages);
}

/** The API's message for the capability checkboxes (`enabled_capabilities` or one of its items). */
export function capabilitiesError(error: ApiError | null): string | undefined {
  if (!error) return undefined;
  const key = Object.keys(error.fieldErrors).find(
    (k) => k === 'enabled_capabilities' || k.startsWith('enabled_capabilities.'),
  );
  return key ? error.field(key) : undefined;
}
