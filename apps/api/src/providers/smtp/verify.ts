import { isIP } from 'node:net';

import { createTransport } from 'nodemailer';

import { OutboundError } from '../../net/outbound.js';
import type { VerifyContext, VerifyOutcome } from '../types.js';

const TIMEOUT_MS = 10_000;

type SmtpError = Error & { code?: string; originalCode?: string; responseCode?: number };

const isTlsFailure = (err: SmtpError) =>
  err.code === 'ETLS' ||
  /CERT|TLS|SSL|SELF_SIGNED|UNABLE_TO_VERIFY/.test(err.originalCode ?? '') ||
  /certificate|\bTLS\b|\bSSL\b|handshake/i.test(err.message);

/** Maps a nodemailer failure to an outcome; reasons name the server's code, never its text. */
function outcomeOf(err: SmtpError, host: string, port: number): VerifyOutcome {
  if (err.code === 'EAUTH' || err.code === 'ENOAUTH') {
    if (err.responseCode === undefined || err.responseCode === 535) {
      return { kind: 'rejected', reason: 'The SMTP server rejected the username or password' };
    }
    if (err.responseCode >= 400 && err.responseCode < 500) {
      return {
        kind: 'unreachable',
        reason: `The SMTP server refused to log in for now (SMTP ${err.responseCode}); it will be retried`,
      };
    }
    return {
      kind: 'rejected',
      reason: `The SMTP server refused the login (SMTP ${err.responseCode}); check the security setting and the port, and whether the account needs an app password`,
    };
  }
  if (isTlsFailure(err)) {
    return {
      kind: 'unreachable',
      reason: `The TLS connection to ${host}:${port} failed (certificate or security setting); check the security setting and the port`,
    };
  }
  if (err.code === 'ETIMEDOUT') return { kind: 'unreachable', reason: `${host}:${port} did not answer in time` };
  if (err.code === 'ECONNECTION' || err.code === 'ESOCKET' || err.code === 'EDNS') {
    const refused = err.originalCode === 'ECONNREFUSED' ? ': the connection was refused' : '';
    return { kind: 'unreachable', reason: `Could not reach the SMTP server ${host}:${port}${refused}` };
  }
  if (err.code === 'EPROTOCOL') {
    return { kind: 'unreachable', reason: `${host}:${port} did not answer like an SMTP server` };
  }
  return { kind: 'unreachable', reason: `Checking the SMTP server ${host}:${port} failed` };
}

/**
 * Connects, greets (EHLO), upgrades to TLS as configured and logs in (`verify()`: no mail is sent).
 * The host is resolved through the SSRF guard and the connection goes to the address it approved;
 * the host name stays the TLS server name, so certificates are checked against it.
 */
export async function verify(ctx: VerifyContext): Promise<VerifyOutcome> {
  const host = (ctx.credentials.host ?? '').trim().replace(/^\[|\]$/g, '');
  const port = Number(ctx.credentials.port ?? '587');
  const security = ctx.credentials.security ?? 'starttls';
  if (!host) return { kind: 'rejected', reason: 'Enter the SMTP server' };
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    return { kind: 'rejected', reason: 'The SMTP port must be a number from 1 to 65535' };
  }

  let address: string;
  try {
    address = await ctx.http.resolveAllowed(host);
  } catch (error) {
    if (!(error instanceof OutboundError)) throw error;
    return error.kind === 'blocked'
      ? { kind: 'unreachable', reason: `The address of the SMTP server is not allowed: ${error.message}` }
      : { kind: 'unreachable', reason: `Could not reach the SMTP server: ${error.message}` };
  }

  const transport = createTransport({
    host: address,
    port,
    secure: security === 'tls',
    requireTLS: security === 'starttls',
    ignoreTLS: security === 'none',
    auth: { user: ctx.credentials.username ?? '', pass: ctx.credentials.password ?? '' },
    // Log in even when the server does not advertise AUTH, so a verified integration always means valid credentials.
    forceAuth: true,
    tls: isIP(host) ? {} : { servername: host },
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
    dnsTimeout: TIMEOUT_MS,
    socketCloseTimeout: 1_000,
    logger: false,
  });
  try {
    await transport.verify();
    return {
      kind: 'valid',
      reason: 'The SMTP server accepted the login',
      account: ctx.credentials.from_address ?? host,
    };
  } catch (error) {
    return outcomeOf(error as SmtpError, host, port);
  } finally {
    transport.close();
  }
}
