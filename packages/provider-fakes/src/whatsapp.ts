import { randomBytes } from 'node:crypto';

import { bearer, type FakeReply, type FakeRequest, ProviderFake } from './server.js';

type PhoneNumber = {
  displayPhoneNumber: string;
  verifiedName: string;
  qualityRating: 'GREEN' | 'YELLOW' | 'RED' | 'UNKNOWN';
};

type AccessToken = {
  /** Phone number ids the token's system user or app can see. */
  phoneNumberIds: string[];
  /** Granted permissions; reading a phone number needs `whatsapp_business_management`. */
  scopes: string[];
  /** `expired`: code 190, subcode 463; `invalidated`: code 190, subcode 460 (password changed, app removed). */
  state: 'valid' | 'expired' | 'invalidated';
  /** The permission error Graph answers without `whatsapp_business_management`: code 200 or the older code 10. */
  permissionCode: 200 | 10;
};

const graphError = (
  status: number,
  error: { message: string; type: string; code: number; error_subcode?: number },
): FakeReply => ({ status, json: { error: { ...error, fbtrace_id: randomBytes(9).toString('base64url') } } });

/**
 * The Graph API's WhatsApp Business phone number node, `GET /{phone-number-id}?fields=…`
 * (https://developers.facebook.com/docs/whatsapp/business-management-api/manage-phone-numbers/),
 * with the Bearer access token. A visible number gets the requested fields plus `id`; errors have
 * Graph's shape `{"error":{"message","type","code","error_subcode","fbtrace_id"}}`: code 190 (401)
 * for an invalid or expired token, 100 (400) for an id that does not exist or the token cannot see,
 * 200 or 10 (403) for a token lacking `whatsapp_business_management`, 104 (400) without a token.
 * A leading API version segment (`/v21.0`) is accepted and ignored.
 */
export class WhatsAppFake extends ProviderFake {
  readonly id = 'whatsapp';
  private readonly numbers = new Map<string, PhoneNumber>();
  private readonly tokens = new Map<string, AccessToken>();

  addPhoneNumber(id: string, opts: Partial<PhoneNumber> = {}): this {
    this.numbers.set(id, {
      displayPhoneNumber: '+1 555-010-0000',
      verifiedName: 'Gatehouse Test',
      qualityRating: 'GREEN',
      ...opts,
    });
    return this;
  }

  /** Registers an access token seeing `phoneNumberIds`; by default with both WhatsApp permissions. */
  addToken(token: string, phoneNumberIds: string[], opts: Partial<Omit<AccessToken, 'phoneNumberIds'>> = {}): this {
    this.tokens.set(token, {
      phoneNumberIds,
      scopes: ['whatsapp_business_management', 'whatsapp_business_messaging'],
      state: 'valid',
      permissionCode: 200,
      ...opts,
    });
    return this;
  }

  override reset(): void {
    super.reset();
    this.numbers.clear();
    this.tokens.clear();
  }

  handle(req: FakeRequest): FakeReply {
    const path = req.path.replace(/^\/v\d+\.\d+(?=\/)/, '');
    const id = /^\/([0-9]+)$/.exec(path)?.[1];
    const raw = bearer(req.headers) ?? req.query.get('access_token');
    if (!raw) {
      return graphError(400, {
        message: 'An access token is required to request this resource.',
        type: 'OAuthException',
        code: 104,
      });
    }
    const token = this.tokens.get(raw);
    if (!token) {
      return graphError(401, {
        message: 'Invalid OAuth access token - Cannot parse access token',
        type: 'OAuthException',
        code: 190,
      });
    }
    if (token.state === 'expired') {
      return graphError(401, {
        message: 'Error validating access token: Session has expired on Monday, 01-Jan-24 00:00:00 PST.',
        type: 'OAuthException',
        code: 190,
        error_subcode: 463,
      });
    }
    if (token.state === 'invalidated') {
      return graphError(401, {
        message:
          'Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.',
        type: 'OAuthException',
        code: 190,
        error_subcode: 460,
      });
    }
    const number = id && token.phoneNumberIds.includes(id) ? this.numbers.get(id) : undefined;
    if (req.method !== 'GET' || !id || !number) {
      return graphError(400, {
        message: `Unsupported ${req.method.toLowerCase()} request. Object with ID '${path.slice(1)}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
        type: 'GraphMethodException',
        code: 100,
        error_subcode: 33,
      });
    }
    if (!token.scopes.includes('whatsapp_business_management')) {
      return token.permissionCode === 10
        ? graphError(403, {
            message: '(#10) Application does not have permission for this action',
            type: 'OAuthException',
            code: 10,
          })
        : graphError(403, { message: '(#200) Permissions error', type: 'OAuthException', code: 200 });
    }
    const all: Record<string, unknown> = {
      verified_name: number.verifiedName,
      code_verification_status: 'VERIFIED',
      display_phone_number: number.displayPhoneNumber,
      quality_rating: number.qualityRating,
      platform_type: 'CLOUD_API',
      throughput: { level: 'STANDARD' },
    };
    const fields = req.query
      .get('fields')
      ?.split(',')
      .map((f) => f.trim())
      .filter(Boolean);
    const body = fields ? Object.fromEntries(fields.filter((f) => f in all).map((f) => [f, all[f]])) : all;
    return { status: 200, json: { ...body, id } };
  }
}
