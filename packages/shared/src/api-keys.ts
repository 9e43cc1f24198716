import { z } from 'zod';

import { PageQuery } from './http.js';
import { ApiKeyScope } from './permissions.js';

export const ApiKeyEnvironment = z.enum(['production', 'staging', 'development']);
export type ApiKeyEnvironment = z.infer<typeof ApiKeyEnvironment>;

export const ApiKeyStatus = z.enum(['active', 'expired', 'revoked']);
export type ApiKeyStatus = z.infer<typeof ApiKeyStatus>;

export const ApiKey = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string().nullable(),
    environment: ApiKeyEnvironment,
    scopes: z.array(ApiKeyScope),
    /** The non-secret start of the key (`gth_live_<keyid>`), safe to show and copy. */
    prefix: z.string(),
    status: ApiKeyStatus,
    expires_at: z.iso.datetime().nullable(),
    revoked_at: z.iso.datetime().nullable(),
    last_used_at: z.iso.datetime().nullable(),
    created_at: z.iso.datetime(),
    created_by: z.string().nullable(),
  })
  .meta({ id: 'ApiKey' });
export type ApiKey = z.infer<typeof ApiKey>;

const keyFields = {
  name: z.string().trim().min(1, 'Name is required').max(100, 'Name must be at most 100 characters'),
  description: z.string().trim().max(500, 'Description must be at most 500 characters').nullable(),
  environment: ApiKeyEnvironment,
  scopes: z
    .array(ApiKeyScope)
    .min(1, 'Choose at least one scope')
    .refine((s) => new Set(s).size === s.length, 'Scopes must not repeat'),
};

export const CreateApiKeyBody = z
  .object({
    ...keyFields,
    description: keyFields.description.optional(),
    expires_at: z.iso
      .datetime({ offset: true, message: 'Must be an ISO 8601 date-time' })
      .nullable()
      .optional()
      .refine((v) => v == null || Date.parse(v) > Date.now(), 'Expiry must be in the future'),
  })
  .strict();
export type CreateApiKeyBody = z.infer<typeof CreateApiKeyBody>;

export const UpdateApiKeyBody = z.object(keyFields).partial().strict();
export type UpdateApiKeyBody = z.infer<typeof UpdateApiKeyBody>;

export const CreatedApiKey = z.object({
  key: ApiKey,
  /** The full secret: returned once, never stored in clear. */
  secret: z.string(),
});
export type CreatedApiKey = z.infer<typeof CreatedApiKey>;

export const ApiKeyListQuery = PageQuery.extend({
  name: z.string().max(100).optional(),
  status: ApiKeyStatus.optional(),
});
export type ApiKeyListQuery = z.infer<typeof ApiKeyListQuery>;

export const BulkRevokeBody = z.object({ ids: z.array(z.uuid()).min(1, 'Select at least one key').max(100) }).strict();
export type BulkRevokeBody = z.infer<typeof BulkRevokeBody>;

export const BulkRevokeResult = z.object({ revoked: z.array(z.uuid()) });
export type BulkRevokeResult = z.infer<typeof BulkRevokeResult>;
