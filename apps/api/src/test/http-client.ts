export interface JsonResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

/**
 * A tiny cookie-keeping client over real HTTP: keeps the session and CSRF cookies the API sets and
 * echoes the CSRF token on writes, like the SPA does.
 */
export class HttpClient {
  private cookies = new Map<string, string>();
  headers: Record<string, string> = {};

  constructor(
    readonly baseUrl: string,
    private readonly record: (body: string) => void = () => {},
  ) {}

  withHeaders(headers: Record<string, string>): HttpClient {
    const copy = new HttpClient(this.baseUrl, this.record);
    copy.cookies = new Map(this.cookies);
    copy.headers = { ...this.headers, ...headers };
    return copy;
  }

  get csrf(): string | undefined {
    return this.cookies.get('gh_csrf');
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  async request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    init: { raw?: string; headers?: Record<string, string> } = {},
  ): Promise<JsonResponse<T>> {
    const headers: Record<string, string> = { accept: 'application/json', ...this.headers, ...init.headers };
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (method !== 'GET' && this.csrf && !('x-csrf-token' in headers)) headers['x-csrf-token'] = this.csrf;
    let payload: string | undefined = init.raw;
    if (body !== undefined) payload = JSON.stringify(body);
    if (payload !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
    const res = await fetch(new URL(path, this.baseUrl), { method, headers, body: payload, redirect: 'manual' });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, ...value] = pair!.split('=');
      const v = value.join('=');
      if (!v || /expires=Thu, 01 Jan 1970/i.test(cookie)) this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), v);
    }
    const text = await res.text();
    this.record(text);
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON (metrics, HTML): keep the text
    }
    return { status: res.status, headers: res.headers, body: parsed as T, text };
  }

  get = <T = any>(path: string) => this.request<T>('GET', path);
  post = <T = any>(path: string, body?: unknown) => this.request<T>('POST', path, body);
  patch = <T = any>(path: string, body?: unknown) => this.request<T>('PATCH', path, body);
  delete = <T = any>(path: string) => this.request<T>('DELETE', path);
}
