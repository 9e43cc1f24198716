import { ErrorEnvelope, type Endpoint } from '@gatehouse/shared';
import { z } from 'zod';

type Json = Record<string, unknown>;

/** An OpenAPI 3.1 path item: operations keyed by lower-case method. */
export type OpenApiPathItem = Record<string, Json>;

export interface OpenApiOptions {
  version: string;
  serverUrl?: string;
  /** Operations served outside the endpoint contracts; `SYSTEM_PATHS` unless given (`{}` for none). */
  systemPaths?: Record<string, OpenApiPathItem>;
}

const ERROR_REF = { $ref: '#/components/schemas/ErrorEnvelope' };
const REQUEST_ID_HEADER = { 'X-Request-Id': { $ref: '#/components/headers/RequestId' } };

const systemOp = (operationId: string, summary: string, responses: Json): Json => ({
  operationId,
  summary,
  tags: ['System'],
  security: [],
  responses,
});

const jsonResponse = (description: string, schema: Json, example?: unknown): Json => ({
  description,
  content: { 'application/json': { schema, ...(example === undefined ? {} : { example }) } },
});

/** Liveness, readiness, metrics and the API's own documentation (mounted by `system.routes.ts`). */
export const SYSTEM_PATHS: Record<string, OpenApiPathItem> = {
  '/healthz': {
    get: systemOp('Healthz', 'Liveness probe: the process is up', {
      200: jsonResponse(
        'The process answers',
        { type: 'object', properties: { status: { const: 'ok' } }, required: ['status'] },
        { status: 'ok' },
      ),
    }),
  },
  '/readyz': {
    get: systemOp('Readyz', 'Readiness probe: the database is reachable', {
      200: jsonResponse(
        'Ready to serve',
        {
          type: 'object',
          properties: {
            status: { const: 'ready' },
            checks: { type: 'object', properties: { database: { const: 'ok' } }, required: ['database'] },
          },
          required: ['status', 'checks'],
        },
        { status: 'ready', checks: { database: 'ok' } },
      ),
      503: jsonResponse(
        'A dependency is unavailable',
        {
          type: 'object',
          properties: {
            status: { const: 'unavailable' },
            checks: { type: 'object', additionalProperties: { type: 'string' } },
          },
          required: ['status', 'checks'],
        },
        { status: 'unavailable', checks: { database: 'unreachable' } },
      ),
    }),
  },
  '/metrics': {
    get: systemOp('Metrics', 'Prometheus metrics (text exposition format)', {
      200: {
        description: 'Metrics in the Prometheus text format',
        content: { 'text/plain': { schema: { type: 'string' } } },
      },
    }),
  },
  '/api/v1/openapi.json': {
    get: systemOp('GetOpenApiDocument', 'This OpenAPI 3.1 document', {
      200: jsonResponse('The OpenAPI document', { type: 'object' }),
    }),
  },
  '/api/v1/reference': {
    get: systemOp('GetApiReference', 'Human-readable API reference (HTML)', {
      200: { description: 'The reference page', content: { 'text/html': { schema: { type: 'string' } } } },
    }),
  },
};

const DESCRIPTION = `Gatehouse is a multi-tenant integrations hub: each tenant connects its external systems, manages webhooks, bridges and access codes, and calls this REST API with tenant API keys, while its team uses the admin SPA with a session. Every request and response body below is generated from the same zod contracts that the API validates with and the SPA is typed by.

**Envelopes.** Every JSON answer is an envelope. Success: \`{ "success": true, "message"?, "data", "meta"?, "links"? }\`. Error: \`{ "success": false, "code", "message", "errors"?: { "field": ["reason"] }, "request_id"? }\` (schema \`ErrorEnvelope\`) with 400 malformed JSON, 401 unauthenticated or invalid API key, 403 forbidden, CSRF failure or \`upgrade_required\` (the plan lacks the feature), 404 not found (also for another tenant's ids and for ids that cannot exist), 409 conflict, 413 body too large, 415 not \`application/json\`, 422 validation failed (per-field messages in \`errors\`, nested fields dotted), 429 rate limited (see \`Retry-After\`). Every response carries \`X-Request-Id\`.

**Pagination.** Lists take \`page\` (default 1) and \`per_page\` (default 25, at most 100) and answer \`meta: { current_page, per_page, total, last_page }\` and \`links: { first, last, prev, next }\` (\`prev\`/\`next\` are null at the ends; links keep the other filters). Logs (audit events, delivery attempts, inbound events, device events) use cursor pagination instead: pass \`limit\` (default 50, at most 100) and the previous answer's \`meta.next_cursor\` as \`cursor\`; newest first; \`next_cursor\` is null on the last page.

**Authentication.** The SPA uses the \`gh_session\` cookie; cookie-authenticated POST, PATCH, PUT and DELETE requests must echo the \`gh_csrf\` cookie in the \`X-CSRF-Token\` header. Integrations send a tenant API key as \`X-API-Key\` or \`Authorization: Bearer\`; its scopes (\`api\`, \`admin\`) and the tenant's plan limit what it may call.`;

const SECURITY_SCHEMES = {
  cookieAuth: {
    type: 'apiKey',
    in: 'cookie',
    name: 'gh_session',
    description:
      'Session cookie set by `POST /api/v1/auth/login` (httpOnly, SameSite=Lax). State-changing requests (POST, PATCH, PUT, DELETE) authenticated by this cookie must send the `X-CSRF-Token` header echoing the value of the `gh_csrf` cookie, or they are answered 403 `csrf_failed`.',
  },
  apiKeyHeader: {
    type: 'apiKey',
    in: 'header',
    name: 'X-API-Key',
    description: 'A tenant API key (`gth_live_…`); scopes `api` and `admin`. No CSRF token needed.',
  },
  bearerAuth: {
    type: 'http',
    scheme: 'bearer',
    description: 'The same tenant API key sent as `Authorization: Bearer <key>`.',
  },
};

const SECURITY: Record<Endpoint['auth'], Json[]> = {
  public: [],
  session: [{ cookieAuth: [] }],
  principal: [{ cookieAuth: [] }, { apiKeyHeader: [] }, { bearerAuth: [] }],
};

/** Per error status: description, example code and example message. */
const ERRORS: Record<number, [string, string, string]> = {
  400: [
    'Malformed request: the body is not valid JSON or could not be read',
    'malformed_json',
    'Request body is not valid JSON',
  ],
  401: [
    'Not signed in, or the API key is unknown, expired, revoked or mistyped',
    'unauthenticated',
    'Sign in or send an API key to call this endpoint',
  ],
  403: [
    'Forbidden by role or key scope, CSRF token missing, or `upgrade_required` by the plan',
    'forbidden',
    'Your role does not allow this action',
  ],
  404: ['Not found (also for another tenant’s id or an id that cannot exist)', 'not_found', 'Resource not found'],
  409: ['Conflicts with the current state of the resource', 'conflict', 'This person is already a member'],
  413: ['Request body too large', 'payload_too_large', 'Request body exceeds 1048576 bytes'],
  415: ['Request body is not `application/json`', 'unsupported_media_type', 'Request body must be application/json'],
  422: ['Validation failed: per-field messages in `errors`', 'validation_failed', 'The given data was invalid.'],
  429: ['Rate limited: retry after `Retry-After` seconds', 'rate_limited', 'Too many requests; try again later'],
};

const SUCCESS_DESCRIPTIONS: Record<number, string> = { 200: 'OK', 201: 'Created', 202: 'Accepted' };

function errorResponse(status: number): Json {
  const [description, code, message] = ERRORS[status] ?? ['Error', 'internal_error', 'Something went wrong'];
  const example: Json = { success: false, code, message };
  if (status === 422) example.errors = { name: ['Name is required'] };
  const headers: Json = { ...REQUEST_ID_HEADER };
  if (status === 429) {
    headers['Retry-After'] = { description: 'Seconds to wait before retrying', schema: { type: 'integer' } };
  }
  return { description, headers, content: { 'application/json': { schema: ERROR_REF, example } } };
}

/**
 * Which error statuses an endpoint can answer, derived from its contract:
 * - 400/413/415: it reads a JSON body; 422: it validates a body or query;
 * - 401/403: it needs a principal (public endpoints are reachable without one);
 * - 404: it addresses a resource by path parameter (ids that cannot exist are not found, not 422);
 * - anything the endpoint declares in `errors` (401 on sign-in, 404 for a body id, 409 conflicts);
 * - 429: every endpoint (a failing API key is rate limited wherever it is sent; sign-in is limited too).
 */
function errorStatuses(e: Endpoint): number[] {
  const out = new Set<number>();
  if (e.body) [400, 413, 415, 422].forEach((s) => out.add(s));
  if (e.query) out.add(422);
  if (e.auth !== 'public') [401, 403].forEach((s) => out.add(s));
  if (e.params) out.add(404);
  for (const s of e.errors ?? []) out.add(s);
  out.add(429);
  return [...out].sort((a, b) => a - b);
}

// ---- JSON Schema post-processing -------------------------------------------------------------

const SCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'];
const SCHEMA_ARRAYS = ['prefixItems', 'allOf', 'anyOf', 'oneOf'];
const SCHEMA_SINGLES = [
  'items',
  'additionalProperties',
  'propertyNames',
  'not',
  'if',
  'then',
  'else',
  'contains',
  'unevaluatedItems',
  'unevaluatedProperties',
  'contentSchema',
];

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Visits a schema and each of its subschemas (not the keys of `properties` etc.). */
function walkSchema(schema: unknown, visit: (s: Json) => void): void {
  if (!isObject(schema)) return;
  visit(schema);
  for (const key of SCHEMA_MAPS) {
    const map = schema[key];
    if (isObject(map)) Object.values(map).forEach((s) => walkSchema(s, visit));
  }
  for (const key of SCHEMA_ARRAYS) {
    const list = schema[key];
    if (Array.isArray(list)) list.forEach((s) => walkSchema(s, visit));
  }
  for (const key of SCHEMA_SINGLES) walkSchema(schema[key], visit);
}

/** Drops `$schema` and zod's safe-integer bounds, which are noise for readers. */
function tidy(s: Json): void {
  delete s.$schema;
  if (s.type === 'integer') {
    if (s.maximum === Number.MAX_SAFE_INTEGER) delete s.maximum;
    if (s.minimum === Number.MIN_SAFE_INTEGER) delete s.minimum;
  }
}

class SchemaCollector {
  readonly components: Record<string, Json> = {};

  constructor() {
    this.components.ErrorEnvelope = this.convert(ErrorEnvelope, 'output', 'ErrorEnvelope');
  }

  /**
   * zod → JSON Schema 2020-12, embedded in the document: `$defs` (schemas with a registered `id`,
   * cycles) are hoisted into `components.schemas` and their `$ref`s rewritten, since a `$ref` inside
   * an OpenAPI document resolves against the document, not the embedded schema.
   */
  convert(schema: z.ZodType, io: 'input' | 'output', name: string): Json {
    const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Json;
    let selfName: string | undefined;
    walkSchema(json, (s) => {
      tidy(s);
      if (s.$ref === '#') selfName ??= this.freeName(name, io, name);
    });
    // Names are taken at once (the schemas are rewritten in place below), so none is handed out twice.
    if (selfName) this.components[selfName] = json;
    const defs = isObject(json.$defs) ? json.$defs : {};
    delete json.$defs;
    const renames = new Map<string, string>();
    for (const [defName, def] of Object.entries(defs)) {
      const component = this.freeName(defName, io, name, def);
      renames.set(`#/$defs/${defName}`, component);
      this.components[component] = def as Json;
    }
    const rewrite = (root: unknown) =>
      walkSchema(root, (s) => {
        const ref = s.$ref;
        if (typeof ref !== 'string') return;
        const target = ref === '#' ? selfName : renames.get(ref);
        if (target) s.$ref = `#/components/schemas/${target}`;
      });
    rewrite(json);
    Object.values(defs).forEach(rewrite);
    return selfName ? { $ref: `#/components/schemas/${selfName}` } : json;
  }

  /**
   * A component name that is free or already holds an identical schema: `Name` for responses,
   * `NameInput` for requests; zod's anonymous `__schemaN` (cycles) become `<OwnerName>SchemaN`.
   */
  private freeName(base: string, io: 'input' | 'output', owner: string, def?: unknown): string {
    const named = /^__schema(\d+)$/.exec(base) ? `${owner}Schema${base.slice(8)}` : base;
    const clean = named.replace(/[^A-Za-z0-9._-]/g, '_') || 'Schema';
    const stem = io === 'input' && !clean.endsWith('Input') ? `${clean}Input` : clean;
    const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
    for (let i = 1; ; i++) {
      const candidate = i === 1 ? stem : `${stem}${i}`;
      if (!(candidate in this.components) || (def !== undefined && same(this.components[candidate], def))) {
        return candidate;
      }
    }
  }
}

// ---- Operations ------------------------------------------------------------------------------

const toOpenApiPath = (path: string) => path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');
const pathParamNames = (path: string) => [...path.matchAll(/:([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!);

function parameters(schema: Json, where: 'path' | 'query'): Json[] {
  const props = isObject(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? schema.required : []);
  return Object.entries(props).map(([name, raw]) => {
    const prop = { ...(raw as Json) };
    const description = typeof prop.description === 'string' ? prop.description : undefined;
    delete prop.description;
    return {
      name,
      in: where,
      required: where === 'path' || required.has(name),
      ...(description ? { description } : {}),
      schema: prop,
    };
  });
}

function operation(id: string, e: Endpoint, schemas: SchemaCollector): Json {
  const params: Json[] = [];
  const declared = pathParamNames(e.path);
  if (e.params) {
    const converted = parameters(schemas.convert(e.params, 'input', `${id}Params`), 'path');
    for (const p of converted) {
      if (!declared.includes(p.name as string)) {
        throw new Error(`${id}: path parameter "${String(p.name)}" is not in ${e.path}`);
      }
    }
    params.push(...converted);
  }
  for (const name of declared) {
    if (!params.some((p) => p.name === name)) {
      params.push({ name, in: 'path', required: true, schema: { type: 'string' } });
    }
  }
  if (e.query) params.push(...parameters(schemas.convert(e.query, 'input', `${id}Query`), 'query'));
  if (e.method !== 'GET' && e.auth !== 'public') {
    params.push({
      name: 'X-CSRF-Token',
      in: 'header',
      required: e.auth === 'session',
      description:
        e.auth === 'session'
          ? 'Echo of the `gh_csrf` cookie (this endpoint is cookie-authenticated).'
          : 'Echo of the `gh_csrf` cookie; required only when authenticating with the session cookie.',
      schema: { type: 'string' },
    });
  }

  const status = e.status ?? 200;
  const responses: Json = {
    [status]: {
      description: SUCCESS_DESCRIPTIONS[status] ?? 'Success',
      headers: { ...REQUEST_ID_HEADER },
      content: { 'application/json': { schema: schemas.convert(e.response, 'output', `${id}Response`) } },
    },
  };
  for (const s of errorStatuses(e)) responses[s] = errorResponse(s);

  return {
    operationId: id,
    summary: e.summary,
    tags: [e.tag],
    security: SECURITY[e.auth],
    ...(params.length ? { parameters: params } : {}),
    ...(e.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: schemas.convert(e.body, 'input', `${id}Body`) } },
          },
        }
      : {}),
    responses,
  };
}

/** Builds the OpenAPI 3.1 document of the REST API from the endpoint contracts. */
export function buildOpenApiDocument(endpoints: Record<string, Endpoint>, opts: OpenApiOptions): object {
  const schemas = new SchemaCollector();
  const paths: Record<string, OpenApiPathItem> = {};
  const tags: string[] = [];

  for (const [id, e] of Object.entries(endpoints)) {
    const path = toOpenApiPath(e.path);
    const method = e.method.toLowerCase();
    const item = (paths[path] ??= {});
    if (item[method]) throw new Error(`${id}: ${e.method} ${e.path} is declared twice`);
    item[method] = operation(id, e, schemas);
    if (!tags.includes(e.tag)) tags.push(e.tag);
  }
  for (const [path, item] of Object.entries(opts.systemPaths ?? SYSTEM_PATHS)) {
    const target = (paths[path] ??= {});
    for (const [method, op] of Object.entries(item)) {
      if (target[method]) throw new Error(`System operation ${method.toUpperCase()} ${path} clashes with an endpoint`);
      target[method] = structuredClone(op);
      for (const tag of Array.isArray(op.tags) ? (op.tags as string[]) : []) if (!tags.includes(tag)) tags.push(tag);
    }
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'Gatehouse API',
      version: opts.version,
      description: DESCRIPTION,
    },
    ...(opts.serverUrl ? { servers: [{ url: opts.serverUrl }] } : {}),
    tags: tags.map((name) => ({ name })),
    paths,
    components: {
      schemas: schemas.components,
      headers: {
        RequestId: {
          description:
            'Identifies the request in the server logs (echoes a well-formed `X-Request-Id` sent by the caller).',
          schema: { type: 'string' },
        },
      },
      securitySchemes: SECURITY_SCHEMES,
    },
  };
}
