import { ENDPOINTS, type Endpoint, IdParam, successEnvelope } from '@gatehouse/shared';
import { compileErrors, validate } from '@readme/openapi-parser';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { buildOpenApiDocument, type OpenApiPathItem } from './openapi.js';
import { renderReferencePage } from './reference-page.js';

type Json = Record<string, unknown>;
type Operation = {
  operationId: string;
  security: Json[];
  parameters?: { name: string; in: string; required: boolean }[];
  requestBody?: { content: Record<string, { schema: Json }> };
  responses: Record<string, { content?: Record<string, { schema: Json }> }>;
};
type Doc = {
  openapi: string;
  info: { title: string; version: string; description: string };
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Json>; securitySchemes: Record<string, Json> };
};

const build = (endpoints: Record<string, Endpoint>, systemPaths?: Record<string, OpenApiPathItem>) =>
  buildOpenApiDocument(endpoints, { version: '1.2.3', serverUrl: 'http://localhost:3000', systemPaths }) as Doc;

const toPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

/** Fails with the validator's own explanation, so a broken document names its mistake. */
async function expectValid(doc: object) {
  const result = await validate(structuredClone(doc) as Parameters<typeof validate>[0]);
  expect(result.valid ? '' : compileErrors(result)).toBe('');
  expect(result.warnings).toEqual([]);
}

const containsKey = (value: unknown, key: string): boolean =>
  typeof value === 'object' &&
  value !== null &&
  Object.entries(value).some(([k, v]) => k === key || containsKey(v, key));

describe('OpenAPI document', () => {
  const doc = build(ENDPOINTS);

  it('is a valid OpenAPI 3.1 document', async () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: 'Gatehouse API', version: '1.2.3' });
    expect(doc.info.description).toMatch(/per_page/);
    expect(doc.info.description).toMatch(/cursor/);
    await expectValid(doc);
  });

  it('lists every endpoint with its operationId, method and path', () => {
    for (const [id, e] of Object.entries(ENDPOINTS) as [string, Endpoint][]) {
      const op = doc.paths[toPath(e.path)]?.[e.method.toLowerCase()];
      expect(op, `${id}: ${e.method} ${e.path}`).toBeDefined();
      expect(op!.operationId).toBe(id);
      expect(op!.responses[String(e.status ?? 200)]).toBeDefined();
      expect(op!.security).toEqual(
        e.auth === 'public'
          ? []
          : e.auth === 'session'
            ? [{ cookieAuth: [] }]
            : [{ cookieAuth: [] }, { apiKeyHeader: [] }, { bearerAuth: [] }],
      );
    }
    const ids = Object.values(doc.paths).flatMap((item) => Object.values(item).map((op) => op.operationId));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('includes the system operations', () => {
    for (const path of ['/healthz', '/readyz', '/metrics', '/api/v1/openapi.json'])
      expect(doc.paths[path]?.get).toBeDefined();
    expect(doc.paths['/metrics']!.get!.responses['200']!.content).toHaveProperty(['text/plain']);
  });

  it('documents errors with the shared ErrorEnvelope', () => {
    const create = doc.paths['/api/v1/api-keys']!.post!;
    expect(create.requestBody!.content['application/json']!.schema).toMatchObject({ type: 'object' });
    for (const status of ['400', '401', '403', '413', '415', '422', '429']) {
      expect(create.responses[status]!.content!['application/json']!.schema).toEqual({
        $ref: '#/components/schemas/ErrorEnvelope',
      });
    }
    expect(doc.components.schemas.ErrorEnvelope).toMatchObject({
      type: 'object',
      required: ['success', 'code', 'message'],
    });
    const login = doc.paths['/api/v1/auth/login']!.post!;
    expect(login.responses).not.toHaveProperty('403');
    expect(doc.paths['/api/v1/api-keys/{id}']!.get!.responses).toHaveProperty('404');
  });

  it('turns params and query fields into parameters', () => {
    const get = doc.paths['/api/v1/api-keys/{id}']!.get!;
    expect(get.parameters).toContainEqual(expect.objectContaining({ name: 'id', in: 'path', required: true }));
    const list = doc.paths['/api/v1/api-keys']!.get!;
    const perPage = list.parameters!.find((p) => p.name === 'per_page') as unknown as Json;
    expect(perPage).toMatchObject({
      in: 'query',
      required: false,
      schema: { type: 'integer', maximum: 100, default: 25 },
    });
  });

  it('embeds schemas without $schema and with resolvable references', async () => {
    expect(containsKey(doc, '$schema')).toBe(false);
    expect(containsKey(doc, '$defs')).toBe(false);

    interface Node {
      name: string;
      children: Node[];
    }
    const Tree: z.ZodType<Node> = z.lazy(() => z.object({ name: z.string(), children: z.array(Tree) }));
    const recursive = build(
      {
        SaveTree: {
          method: 'PUT',
          path: '/api/v1/trees/:id',
          summary: 'Save a tree',
          tag: 'Trees',
          auth: 'session',
          params: IdParam,
          body: Tree,
          response: successEnvelope(Tree),
        },
      },
      {},
    );
    expect(containsKey(recursive, '$defs')).toBe(false);
    expect(JSON.stringify(recursive)).not.toMatch(/"\$ref":"#(\/\$defs\/[^"]*)?"/);
    const op = recursive.paths['/api/v1/trees/{id}']!.put!;
    expect(op.requestBody!.content['application/json']!.schema.$ref).toMatch(/^#\/components\/schemas\//);
    await expectValid(recursive);
  });
});

describe('reference page', () => {
  it('lists every operation and links the document', () => {
    const html = renderReferencePage(build(ENDPOINTS));
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('href="/api/v1/openapi.json"');
    for (const [id, e] of Object.entries(ENDPOINTS) as [string, Endpoint][]) {
      expect(html).toContain(`<code>${id}</code>`);
      expect(html).toContain(toPath(e.path));
    }
    for (const tag of new Set(Object.values(ENDPOINTS).map((e) => e.tag))) expect(html).toContain(`<h2>${tag}</h2>`);
    expect(html).not.toMatch(/<script|<link|@import|url\(/i);
  });

  it('escapes HTML from the contracts', () => {
    const html = renderReferencePage(
      build({
        Evil: {
          method: 'GET',
          path: '/api/v1/evil/:id',
          summary: '<script>alert("x")</script>',
          tag: '<b>Tag</b>',
          auth: 'public',
          params: z.object({ id: z.string().describe('<img src=x onerror=alert(1)>') }),
          response: successEnvelope(z.object({ '<i>': z.literal('</pre><script>') })),
        },
      }),
    );
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>Tag');
    expect(html).not.toContain('</pre><script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
