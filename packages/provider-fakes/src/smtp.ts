import type { AddressInfo } from 'node:net';

import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

export interface SmtpFakeOptions {
  /**
   * Offer STARTTLS with smtp-server's built-in self-signed certificate (clients that check
   * certificates refuse it, which is how tests exercise TLS failures). Default: plain SMTP only.
   */
  starttls?: boolean;
}

/** A message the fake accepted (DATA), for send tests. */
export interface SmtpFakeMessage {
  from: string;
  to: string[];
  raw: string;
}

/**
 * Not an HTTP fake: a real SMTP server (smtp-server) on 127.0.0.1 and a random port. AUTH is
 * required and accepted without TLS; known users log in, anyone else gets `535 Error: Invalid
 * username or password`, as a mail server answers bad credentials.
 */
export class SmtpFake {
  readonly id = 'smtp';
  private server: SMTPServer | null = null;
  private readonly users = new Map<string, string>();
  /** Every AUTH attempt (user names only), for assertions. */
  readonly logins: { username: string; ok: boolean }[] = [];
  readonly messages: SmtpFakeMessage[] = [];
  port = 0;

  constructor(private readonly opts: SmtpFakeOptions = {}) {}

  addUser(username: string, password: string): this {
    this.users.set(username, password);
    return this;
  }

  /** Back to a clean state between tests (the server keeps running). */
  reset(): void {
    this.users.clear();
    this.logins.length = 0;
    this.messages.length = 0;
  }

  async start(port = 0): Promise<this> {
    const options: SMTPServerOptions = {
      authOptional: false,
      allowInsecureAuth: true,
      disabledCommands: this.opts.starttls ? [] : ['STARTTLS'],
      disableReverseLookup: true,
      logger: false,
      closeTimeout: 2_000,
      onAuth: (auth, _session, callback) => {
        const username = auth.username ?? '';
        const ok = this.users.has(username) && this.users.get(username) === auth.password;
        this.logins.push({ username, ok });
        if (!ok) {
          callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
          return;
        }
        callback(null, { user: username });
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          this.messages.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    };
    const server = new SMTPServer(options);
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
    return this;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
