import type { ApiKey, ApiKeyEnvironment, ApiKeyScope } from '@gatehouse/shared';

/** The editable fields of a key, as the generate dialog and the detail page hold them. */
export interface KeyFormModel {
  name: string;
  description: string;
  environment: ApiKeyEnvironment;
  scopes: ApiKeyScope[];
}

export const formFromKey = (key: ApiKey): KeyFormModel => ({
  name: key.name,
  description: key.description ?? '',
  environment: key.environment,
  scopes: [...key.scopes],
});

/** Whether two forms would save the same key (scope order does not matter). */
export const sameForm = (a: KeyFormModel, b: KeyFormModel): boolean =>
  a.name.trim() === b.name.trim() &&
  a.description.trim() === b.description.trim() &&
  a.environment === b.environment &&
  [...a.scopes].sort().join() === [...b.scopes].sort().join();
