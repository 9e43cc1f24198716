import { bearer, type FakeReply, type FakeRequest, ProviderFake } from './server.js';

type OpenRouterKey = {
  label: string;
  /** Credit limit in USD; `null` = unlimited. */
  limit: number | null;
  usage: number;
  isFreeTier: boolean;
  /** Management (provisioning) keys manage other keys and cannot call the completion endpoints. */
  isManagementKey: boolean;
};

/**
 * OpenRouter's `GET /api/v1/key` (https://openrouter.ai/docs/api/api-reference/api-keys/get-current-key):
 * a known key gets `{data: {label, limit, limit_remaining, usage, is_free_tier, is_management_key, …}}`;
 * no Authorization header a 401 "No auth credentials found", an unknown or deleted key a 401
 * "User not found.", both as `{"error":{"message":…,"code":401}}`.
 */
export class OpenRouterFake extends ProviderFake {
  readonly id = 'openrouter';
  private readonly keys = new Map<string, OpenRouterKey>();

  /** Registers an API key; `isManagementKey: true` is a management key (no completions). */
  addKey(key: string, opts: Partial<OpenRouterKey> = {}): this {
    const label = `${key.slice(0, 12)}...${key.slice(-3)}`;
    this.keys.set(key, { label, limit: null, usage: 0, isFreeTier: false, isManagementKey: false, ...opts });
    return this;
  }

  override reset(): void {
    super.reset();
    this.keys.clear();
  }

  handle(req: FakeRequest): FakeReply {
    if (req.method !== 'GET' || req.path !== '/api/v1/key') {
      return { status: 404, json: { error: { message: 'Not Found', code: 404 } } };
    }
    const token = bearer(req.headers);
    if (!token) return { status: 401, json: { error: { message: 'No auth credentials found', code: 401 } } };
    const key = this.keys.get(token);
    if (!key) return { status: 401, json: { error: { message: 'User not found.', code: 401 } } };
    return {
      status: 200,
      json: {
        data: {
          label: key.label,
          limit: key.limit,
          limit_remaining: key.limit === null ? null : Math.max(0, key.limit - key.usage),
          limit_reset: null,
          include_byok_in_limit: false,
          usage: key.usage,
          usage_daily: key.usage,
          usage_weekly: key.usage,
          usage_monthly: key.usage,
          byok_usage: 0,
          is_free_tier: key.isFreeTier,
          is_management_key: key.isManagementKey,
          is_provisioning_key: key.isManagementKey,
          rate_limit: { requests: -1, interval: '10s', note: 'This field is deprecated and safe to ignore.' },
        },
      },
    };
  }
}
