/** Header names whose values are secrets or signatures: logged as `[redacted]`. */
const SECRET_HEADER = /signature|token|secret|authorization|cookie|api-key|x-hub|paypal-transmission-sig|password/i;
/** JSON keys whose values are secrets or card data: logged as `[redacted]`. */
const SECRET_KEY = /token|secret|password|passcode|pin|cvv|cvc|card_?number|iban|authorization/i;

export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([k, v]) => [k, SECRET_HEADER.test(k) ? '[redacted]' : v.slice(0, 500)]),
  );
}

/** A JSON body with secret-looking fields redacted, cut at 64 KB; non-JSON bodies are not kept. */
export function redactBody(raw: Buffer): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    return null;
  }
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value).map(([k, v]) => [
          k,
          SECRET_KEY.test(k) && typeof v !== 'object' ? '[redacted]' : walk(v),
        ]),
      );
    }
    return value;
  };
  return JSON.stringify(walk(parsed), null, 2).slice(0, 64 * 1024);
}
