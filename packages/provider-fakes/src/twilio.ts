import { basicAuth, type FakeReply, type FakeRequest, ProviderFake } from './server.js';

/** `deleted`: a subaccount closed more than 30 days ago, which Twilio no longer finds (20404). */
export type TwilioAccountStatus = 'active' | 'suspended' | 'closed' | 'deleted';

type TwilioAccount = {
  authToken: string;
  friendlyName: string;
  status: TwilioAccountStatus;
  type: 'Full' | 'Trial';
};

const API = '/2010-04-01';
const error = (status: number, code: number, message: string, detail?: string): FakeReply => ({
  status,
  json: {
    code,
    message,
    more_info: `https://www.twilio.com/docs/errors/${code}`,
    status,
    ...(detail ? { detail } : {}),
  },
});

/**
 * Twilio's `GET /2010-04-01/Accounts/{AccountSid}.json` (https://www.twilio.com/docs/iam/api/account):
 * HTTP Basic `AccountSid:AuthToken`. A known account gets the Account resource (`status` active,
 * suspended or closed); wrong credentials a 401 with error 20003 "Authenticate"; an account Twilio
 * does not find (another account's SID, or a deleted one) a 404 with error 20404.
 */
export class TwilioFake extends ProviderFake {
  readonly id = 'twilio';
  private readonly accounts = new Map<string, TwilioAccount>();

  addAccount(sid: string, authToken: string, opts: Partial<Omit<TwilioAccount, 'authToken'>> = {}): this {
    this.accounts.set(sid, {
      authToken,
      friendlyName: 'My first Twilio account',
      status: 'active',
      type: 'Full',
      ...opts,
    });
    return this;
  }

  /** Changes an account's status (suspended by Twilio, closed by its owner, deleted after closing). */
  setStatus(sid: string, status: TwilioAccountStatus): this {
    const account = this.accounts.get(sid);
    if (account) account.status = status;
    return this;
  }

  override reset(): void {
    super.reset();
    this.accounts.clear();
  }

  handle(req: FakeRequest): FakeReply {
    const match = /^\/2010-04-01\/Accounts\/([^/]+)\.json$/.exec(req.path);
    const auth = basicAuth(req.headers);
    const caller = auth ? this.accounts.get(auth.user) : undefined;
    if (!auth || !caller || caller.authToken !== auth.password) {
      return error(401, 20003, 'Authenticate', 'Your AccountSid or AuthToken was incorrect.');
    }
    const sid = match?.[1];
    const account = sid ? this.accounts.get(sid) : undefined;
    if (req.method !== 'GET' || !sid || sid !== auth.user || !account || account.status === 'deleted') {
      return error(404, 20404, `The requested resource ${req.path} was not found`);
    }
    const created = 'Thu, 30 Jul 2015 20:00:00 +0000';
    return {
      status: 200,
      json: {
        auth_token: account.authToken,
        date_created: created,
        date_updated: created,
        friendly_name: account.friendlyName,
        owner_account_sid: sid,
        sid,
        status: account.status,
        subresource_uris: {
          addresses: `${API}/Accounts/${sid}/Addresses.json`,
          calls: `${API}/Accounts/${sid}/Calls.json`,
          incoming_phone_numbers: `${API}/Accounts/${sid}/IncomingPhoneNumbers.json`,
          messages: `${API}/Accounts/${sid}/Messages.json`,
        },
        type: account.type,
        uri: `${API}/Accounts/${sid}.json`,
      },
    };
  }
}
