import { OutboundError, type OutboundRequest, type OutboundResponse } from '../net/outbound.js';
import type { VerifyContext, VerifyOutcome } from './types.js';

/**
 * Sends a verification request. Transport failures, redirects, rate limits and 5xx answers become
 * `unreachable` (retried later) with a reason that names the provider, never its body.
 */
export async function send(
  ctx: VerifyContext,
  provider: string,
  req: OutboundRequest,
): Promise<{ res: OutboundResponse } | { outcome: VerifyOutcome }> {
  let res: OutboundResponse;
  try {
    res = await ctx.http.request(req);
  } catch (error) {
    if (!(error instanceof OutboundError)) throw error;
    const reasons: Record<OutboundError['kind'], string> = {
      timeout: `${provider} did not answer in time`,
      network: `Could not reach ${provider}: ${error.message}`,
      blocked: `The address of ${provider} is not allowed: ${error.message}`,
      invalid_url: `The ${provider} API URL is not valid: ${error.message}`,
      redirect: `${provider} answered with an unexpected redirect`,
    };
    return { outcome: { kind: 'unreachable', reason: reasons[error.kind] } };
  }
  if (res.status === 429) return { outcome: { kind: 'unreachable', reason: `${provider} is rate limiting requests` } };
  if (res.status >= 500) {
    return { outcome: { kind: 'unreachable', reason: `${provider} is unavailable (HTTP ${res.status})` } };
  }
  return { res };
}

/** Reads a string at `path` of a JSON body, or undefined. */
export function pick(json: unknown, ...path: (string | number)[]): unknown {
  let value: unknown = json;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

/** A fallback for answers a verifier does not recognise: never echo the body. */
export const unexpected = (provider: string, status: number): VerifyOutcome => ({
  kind: 'unreachable',
  reason: `${provider} gave an unexpected answer (HTTP ${status})`,
});
