import { describe, expect, it } from 'vitest';

import { actionLabel } from './action-labels';

describe('actionLabel', () => {
  it('names known actions and leaves unknown ones to their code', () => {
    expect(actionLabel('api_key.revoked')).toBe('Revoked an API key');
    expect(actionLabel('webhook.created')).toBeNull();
  });
});
