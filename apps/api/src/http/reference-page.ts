/**
 * A self-contained, human-readable reference page for an OpenAPI 3.1 document: no scripts, no
 * external fonts or stylesheets (the machines it runs on have no internet), everything escaped.
 */

type Json = Record<string, unknown>;

const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'trace'] as const;
const SCHEMA_REF = '#/components/schemas/';

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const obj = (v: unknown): Json => (isObject(v) ? v : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Escapes text for HTML content and double- or single-quoted attributes. */
const escapeHtml = (value: unknown): string => String(value).replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const slug = (value: string): string =>
  value
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'x';

/** Inline Markdown: `code` and **bold**, on escaped text. */
const inline = (s: string): string =>
  escapeHtml(s)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');

/** A small, safe Markdown subset: paragraphs, `- ` lists, `code` and **bold**. */
function markdown(text: string): string {
  return text
    .trim()
    .split(/\n\s*\n/)
    .map((block) => {
      const lines = block.split('\n');
      if (lines.every((l) => /^\s*[-*] /.test(l))) {
        return `<ul>${lines.map((l) => `<li>${inline(l.replace(/^\s*[-*] /, ''))}</li>`).join('')}</ul>`;
      }
      return `<p>${inline(block)}</p>`;
    })
    .join('\n');
}

/** Pretty JSON, escaped, with links on local schema references. */
function jsonBlock(value: unknown): string {
  const html = escapeHtml(JSON.stringify(value, null, 2));
  return `<pre class="json"><code>${html.replace(
    /&quot;#\/components\/schemas\/([^&]+)&quot;/g,
    (_, name: string) => `<a href="#schema-${slug(name)}">&quot;${SCHEMA_REF}${name}&quot;</a>`,
  )}</code></pre>`;
}

const refName = (schema: Json): string | undefined => {
  const ref = str(schema.$ref);
  return ref?.startsWith(SCHEMA_REF) ? ref.slice(SCHEMA_REF.length) : undefined;
};

/** A one-line description of a (parameter) schema: type, format, enum, bounds, default. */
function typeLabel(schema: Json): string {
  const name = refName(schema);
  if (name) return `<a href="#schema-${slug(name)}">${escapeHtml(name)}</a>`;
  const parts: string[] = [];
  if (Array.isArray(schema.enum)) parts.push(schema.enum.map((v) => escapeHtml(JSON.stringify(v))).join(' | '));
  else if ('const' in schema) parts.push(escapeHtml(JSON.stringify(schema.const)));
  else if (Array.isArray(schema.anyOf) || Array.isArray(schema.oneOf)) {
    const list = (schema.anyOf ?? schema.oneOf) as unknown[];
    parts.push(list.map((s) => typeLabel(obj(s))).join(' | '));
  } else {
    const type = Array.isArray(schema.type) ? schema.type.join(' | ') : (str(schema.type) ?? 'any');
    const items = schema.type === 'array' && isObject(schema.items) ? `&lt;${typeLabel(schema.items)}&gt;` : '';
    parts.push(escapeHtml(type) + items + (schema.format ? ` (${escapeHtml(schema.format)})` : ''));
  }
  const bounds: [string, string][] = [
    ['minimum', '≥'],
    ['maximum', '≤'],
    ['minLength', 'min length'],
    ['maxLength', 'max length'],
    ['minItems', 'min items'],
    ['maxItems', 'max items'],
  ];
  for (const [key, label] of bounds) if (key in schema) parts.push(`${label} ${escapeHtml(schema[key])}`);
  if ('default' in schema) parts.push(`default ${escapeHtml(JSON.stringify(schema.default))}`);
  return parts.join(', ');
}

interface Operation {
  method: string;
  path: string;
  op: Json;
  id: string;
}

function authLabel(security: unknown, schemes: Json): string {
  if (!Array.isArray(security)) return '<span class="muted">not specified</span>';
  if (security.length === 0) return '<span class="chip chip-public">Public</span>';
  const chip = (name: string) => {
    const scheme = obj(schemes[name]);
    const detail =
      scheme.type === 'apiKey'
        ? `${str(scheme.in) ?? ''} ${str(scheme.name) ?? ''}`
        : scheme.type === 'http'
          ? `Authorization: ${String(scheme.scheme ?? '')}`
          : String(scheme.type ?? '');
    return `<span class="chip" title="${escapeHtml(detail.trim())}">${escapeHtml(name)}</span>`;
  };
  return security
    .map((requirement) => Object.keys(obj(requirement)).map(chip).join(' + ') || '<span class="chip">none</span>')
    .join(' <span class="muted">or</span> ');
}

function parametersTable(params: unknown[]): string {
  if (params.length === 0) return '';
  const rows = params
    .map(obj)
    .map(
      (p) => `<tr>
  <td><code>${escapeHtml(p.name)}</code></td>
  <td>${escapeHtml(p.in)}</td>
  <td class="type">${typeLabel(obj(p.schema))}</td>
  <td>${p.required ? '<span class="req">required</span>' : '<span class="muted">optional</span>'}</td>
  <td>${p.description ? markdown(String(p.description)) : ''}</td>
</tr>`,
    )
    .join('\n');
  return `<h4>Parameters</h4>
<div class="table-wrap"><table class="params">
<thead><tr><th>Name</th><th>In</th><th>Type</th><th></th><th>Description</th></tr></thead>
<tbody>${rows}</tbody>
</table></div>`;
}

function contentBlocks(content: unknown, label: string, open = false): string {
  return Object.entries(obj(content))
    .map(([type, media]) => {
      const m = obj(media);
      const schema = obj(m.schema);
      const name = refName(schema);
      const example = 'example' in m ? `<div class="example-label">Example</div>${jsonBlock(m.example)}` : '';
      const body = name
        ? `<p>Schema: <a href="#schema-${slug(name)}"><code>${escapeHtml(name)}</code></a></p>${example}`
        : `${jsonBlock(schema)}${example}`;
      return `<details class="schema"${open ? ' open' : ''}><summary>${escapeHtml(label)} <code>${escapeHtml(type)}</code></summary>${body}</details>`;
    })
    .join('\n');
}

/** A response whose body is just a named schema (the error envelope) is one line; others are collapsible. */
function responsesBlock(responses: Json): string {
  const rows = Object.entries(responses)
    .map(([status, raw]) => {
      const r = obj(raw);
      const kind = status.startsWith('2') ? 'ok' : status.startsWith('4') || status.startsWith('5') ? 'err' : 'other';
      const headers = Object.keys(obj(r.headers));
      const media = Object.entries(obj(r.content));
      const named = media.map(([, m]) => refName(obj(obj(m).schema)));
      const compact = media.length > 0 && named.every((n) => n !== undefined);
      const schemaLinks = compact
        ? ` <span class="muted">→</span> ${[...new Set(named)].map((n) => `<a href="#schema-${slug(n!)}"><code>${escapeHtml(n)}</code></a>`).join(', ')}`
        : '';
      const headerList = headers.length
        ? ` <span class="muted headers">headers: ${headers.map((h) => `<code>${escapeHtml(h)}</code>`).join(', ')}</span>`
        : '';
      return `<div class="response response-${kind}">
  <div class="response-head"><span class="status status-${kind}">${escapeHtml(status)}</span> <span>${inline(String(r.description ?? ''))}</span>${schemaLinks}${headerList}</div>
  ${compact ? '' : contentBlocks(r.content, 'Response body')}
</div>`;
    })
    .join('\n');
  return `<h4>Responses</h4>\n<div class="responses">${rows}</div>`;
}

function operationBlock({ method, path, op, id }: Operation, schemes: Json, rootSecurity: unknown): string {
  const body = obj(op.requestBody);
  const requestBody = isObject(op.requestBody)
    ? `<h4>Request body${body.required ? ' <span class="req">required</span>' : ''}</h4>
${body.description ? markdown(String(body.description)) : ''}
${contentBlocks(body.content, 'Request body')}`
    : '';
  return `<article class="op" id="op-${escapeHtml(slug(id))}">
<div class="op-head">
  <span class="method method-${escapeHtml(method)}">${escapeHtml(method.toUpperCase())}</span>
  <code class="path">${escapeHtml(path)}</code>
  <a class="anchor" href="#op-${escapeHtml(slug(id))}" aria-label="Link to this operation">#</a>
</div>
<p class="summary">${escapeHtml(op.summary ?? '')}</p>
${op.description ? `<div class="desc">${markdown(String(op.description))}</div>` : ''}
<dl class="facts">
  <dt>Operation</dt><dd><code>${escapeHtml(op.operationId ?? id)}</code></dd>
  <dt>Auth</dt><dd>${authLabel(op.security ?? rootSecurity, schemes)}</dd>
</dl>
${parametersTable(Array.isArray(op.parameters) ? op.parameters : [])}
${requestBody}
${responsesBlock(obj(op.responses))}
</article>`;
}

const CSS = `
:root{--bg:#f7f8fa;--panel:#fff;--text:#1d2330;--muted:#6b7385;--border:#e2e5eb;--accent:#3b5bdb;--code-bg:#f1f3f7;
--get:#1c7ed6;--post:#2f9e44;--put:#e8590c;--patch:#f08c00;--delete:#e03131;--other:#7048e8;--ok:#2f9e44;--err:#c92a2a}
@media (prefers-color-scheme:dark){:root{--bg:#0f1218;--panel:#161b23;--text:#e3e7ef;--muted:#8d96a8;--border:#273040;
--accent:#91a7ff;--code-bg:#1e2530}}
*{box-sizing:border-box}
html{scroll-behavior:smooth}
body{margin:0;background:var(--bg);color:var(--text);font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif}
a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:.88em}
:not(pre)>code{background:var(--code-bg);padding:.1em .35em;border-radius:4px}
.layout{display:grid;grid-template-columns:270px minmax(0,1fr);min-height:100vh}
.sidebar{position:sticky;top:0;height:100vh;overflow:auto;padding:20px 16px;border-right:1px solid var(--border);background:var(--panel)}
.brand{font-weight:700;font-size:1.1em}.brand small{display:block;color:var(--muted);font-weight:400}
.sidebar .spec{display:inline-block;margin:10px 0 16px;padding:4px 10px;border:1px solid var(--border);border-radius:6px;font-size:.85em}
.sidebar nav ul{list-style:none;margin:0;padding:0}
.sidebar nav>ul>li{margin:10px 0 4px}
.sidebar nav>ul>li>a{font-weight:600;color:var(--text)}
.sidebar nav ul ul li{margin:2px 0}
.sidebar nav ul ul a{display:flex;gap:6px;align-items:baseline;color:var(--muted);font-size:.86em;padding:2px 4px;border-radius:4px}
.sidebar nav ul ul a:hover{background:var(--code-bg);color:var(--text);text-decoration:none}
.sidebar .m{font:700 .7em ui-monospace,monospace;min-width:44px}
.count{color:var(--muted);font-weight:400;font-size:.85em}
main{padding:32px 40px 80px;max-width:1100px}
h1{margin:0 0 4px;font-size:1.9em}h2{margin:48px 0 16px;padding-bottom:6px;border-bottom:1px solid var(--border)}
h4{margin:18px 0 8px;font-size:.8em;text-transform:uppercase;letter-spacing:.06em;color:var(--muted)}
.version{display:inline-block;background:var(--code-bg);border-radius:999px;padding:2px 10px;font-size:.8em;color:var(--muted)}
.intro p{max-width:80ch}
.op{background:var(--panel);border:1px solid var(--border);border-radius:10px;padding:18px 20px;margin:18px 0;scroll-margin-top:12px}
.op-head{display:flex;align-items:center;gap:10px;flex-wrap:wrap}
.path{font-size:1em;font-weight:600;word-break:break-all;background:none!important;padding:0!important}
.anchor{margin-left:auto;color:var(--muted)}
.method,.m{color:#fff;border-radius:5px;text-align:center}
.method{font:700 .75em ui-monospace,monospace;padding:4px 8px;min-width:64px;letter-spacing:.04em}
.sidebar .m{background:none}
.method-get{background:var(--get)}.method-post{background:var(--post)}.method-put{background:var(--put)}
.method-patch{background:var(--patch)}.method-delete{background:var(--delete)}
.method-head,.method-options,.method-trace{background:var(--other)}
.m-get{color:var(--get)}.m-post{color:var(--post)}.m-put{color:var(--put)}.m-patch{color:var(--patch)}.m-delete{color:var(--delete)}
.summary{margin:10px 0 6px;font-size:1.02em}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 14px;margin:8px 0;font-size:.9em}
.facts dt{color:var(--muted)}.facts dd{margin:0}
.chip{display:inline-block;border:1px solid var(--border);border-radius:999px;padding:0 9px;font-size:.85em;background:var(--code-bg)}
.chip-public{border-color:var(--ok);color:var(--ok)}
.muted{color:var(--muted)}.req{color:var(--err);font-size:.85em;font-weight:600}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.9em}
th,td{text-align:left;padding:7px 10px;border-bottom:1px solid var(--border);vertical-align:top}
th{font-weight:600;color:var(--muted);font-size:.85em}
td p{margin:0}
td.type{font-family:ui-monospace,monospace;font-size:.85em}
table.params td:first-child,table.params td:nth-child(4){white-space:nowrap}
details.schema{margin:6px 0;border:1px solid var(--border);border-radius:8px;background:var(--bg)}
details.schema>summary{cursor:pointer;padding:6px 12px;font-size:.88em;color:var(--muted)}
details.schema[open]>summary{border-bottom:1px solid var(--border)}
details.schema>*:not(summary){margin:10px 12px}
pre.json{overflow:auto;max-height:520px;background:var(--code-bg);border-radius:6px;padding:10px 12px;margin:10px 12px;line-height:1.45}
.example-label{font-size:.78em;color:var(--muted);text-transform:uppercase;letter-spacing:.06em}
.responses{display:flex;flex-direction:column;gap:6px}
.response-head{display:flex;gap:10px;align-items:baseline;flex-wrap:wrap;font-size:.92em}
.status{font:700 .85em ui-monospace,monospace;padding:1px 7px;border-radius:5px;border:1px solid}
.status-ok{color:var(--ok)}.status-err{color:var(--err)}.status-other{color:var(--muted)}
.headers{font-size:.85em}
.schemes td:first-child{white-space:nowrap}
@media (max-width:860px){.layout{grid-template-columns:1fr}.sidebar{position:static;height:auto;border-right:0;border-bottom:1px solid var(--border)}main{padding:20px}}
`;

/** Renders an OpenAPI 3.x document as a single HTML page (grouped by tag, with a tag sidebar). */
export function renderReferencePage(doc: object): string {
  const d = doc as Json;
  const info = obj(d.info);
  const components = obj(d.components);
  const schemes = obj(components.securitySchemes);
  const title = str(info.title) ?? 'API reference';
  const version = str(info.version) ?? '';

  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(obj(d.paths))) {
    for (const method of METHODS) {
      const op = obj(obj(item)[method]);
      if (!isObject(obj(item)[method])) continue;
      operations.push({ method, path, op, id: str(op.operationId) ?? `${method}-${path}` });
    }
  }

  const tagOrder = (Array.isArray(d.tags) ? d.tags : []).map((t) => str(obj(t).name)).filter((t) => t !== undefined);
  const tagInfo = new Map((Array.isArray(d.tags) ? d.tags : []).map((t) => [str(obj(t).name), obj(t)] as const));
  const groups = new Map<string, Operation[]>();
  for (const tag of tagOrder) groups.set(tag, []);
  for (const o of operations) {
    const tag = (Array.isArray(o.op.tags) ? str(o.op.tags[0]) : undefined) ?? 'Other';
    if (!groups.has(tag)) groups.set(tag, []);
    groups.get(tag)!.push(o);
  }
  const tags = [...groups].filter(([, ops]) => ops.length > 0);

  const sidebar = tags
    .map(
      ([
        tag,
        ops,
      ]) => `<li><a href="#tag-${escapeHtml(slug(tag))}">${escapeHtml(tag)}</a> <span class="count">${ops.length}</span>
<ul>${ops
        .map(
          (o) =>
            `<li><a href="#op-${escapeHtml(slug(o.id))}" title="${escapeHtml(`${o.method.toUpperCase()} ${o.path}`)}"><span class="m m-${escapeHtml(o.method)}">${escapeHtml(o.method.toUpperCase())}</span><span>${escapeHtml(o.op.summary ?? o.id)}</span></a></li>`,
        )
        .join('')}</ul></li>`,
    )
    .join('\n');

  const sections = tags
    .map(([tag, ops]) => {
      const description = str(tagInfo.get(tag)?.description);
      return `<section id="tag-${escapeHtml(slug(tag))}">
<h2>${escapeHtml(tag)}</h2>
${description ? markdown(description) : ''}
${ops.map((o) => operationBlock(o, schemes, d.security)).join('\n')}
</section>`;
    })
    .join('\n');

  const schemeRows = Object.entries(schemes)
    .map(([name, raw]) => {
      const s = obj(raw);
      const where =
        s.type === 'apiKey'
          ? `${escapeHtml(s.in)} <code>${escapeHtml(s.name)}</code>`
          : s.type === 'http'
            ? `HTTP <code>${escapeHtml(s.scheme)}</code>`
            : escapeHtml(s.type);
      return `<tr><td><span class="chip">${escapeHtml(name)}</span></td><td>${where}</td><td>${markdown(String(s.description ?? ''))}</td></tr>`;
    })
    .join('\n');

  const schemaEntries = Object.entries(obj(components.schemas));
  const schemaSection = schemaEntries.length
    ? `<section id="schemas"><h2>Schemas</h2>
${schemaEntries
  .map(
    ([name, schema]) =>
      `<details class="schema" id="schema-${escapeHtml(slug(name))}"><summary><code>${escapeHtml(name)}</code></summary>${jsonBlock(schema)}</details>`,
  )
  .join('\n')}
</section>`
    : '';

  const servers = (Array.isArray(d.servers) ? d.servers : [])
    .map((s) => `<code>${escapeHtml(obj(s).url)}</code>`)
    .join(', ');

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} reference</title>
<style>${CSS}</style>
</head>
<body>
<div class="layout">
<aside class="sidebar">
  <div class="brand">${escapeHtml(title)}<small>v${escapeHtml(version)} · OpenAPI ${escapeHtml(d.openapi ?? '')}</small></div>
  <a class="spec" href="/api/v1/openapi.json">openapi.json</a>
  <nav aria-label="Operations"><ul>
<li><a href="#overview">Overview</a></li>
${sidebar}
${schemaSection ? '<li><a href="#schemas">Schemas</a></li>' : ''}
  </ul></nav>
</aside>
<main>
<header id="overview" class="intro">
  <h1>${escapeHtml(title)}</h1>
  <span class="version">v${escapeHtml(version)}</span>
  <p>Machine-readable document: <a href="/api/v1/openapi.json"><code>/api/v1/openapi.json</code></a> (OpenAPI ${escapeHtml(d.openapi ?? '')})${servers ? ` · Servers: ${servers}` : ''}</p>
  ${markdown(str(info.description) ?? '')}
  ${schemeRows ? `<h4>Authentication schemes</h4><div class="table-wrap"><table class="schemes"><tbody>${schemeRows}</tbody></table></div>` : ''}
</header>
${sections}
${schemaSection}
</main>
</div>
</body>
</html>
`;
}
