import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { openApiDocument } from '../src/http/openapi.js';

// ajv-formats is CommonJS: its default export arrives wrapped under ESM.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => Ajv2020;

type Json = Record<string, unknown>;
interface Operation {
  parameters?: Array<{ name: string; in: string; required?: boolean; schema: Json }>;
  requestBody?: { content: Record<string, { schema: Json }> };
  responses: Record<string, { content?: Record<string, { schema?: Json }>; headers?: Record<string, unknown> }>;
}

/** Headers the document promises to describe wherever the server sends them. */
const WATCHED_HEADERS = ['etag', 'location', 'idempotent-replayed', 'preference-applied', 'retry-after'];

const pointer = (...parts: string[]) => parts.map((p) => p.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');

/**
 * Checks real requests and responses against /openapi.json: the path and method exist, the status and
 * media type are documented, the body fits its schema, watched headers are documented. A request is
 * checked only when the server accepted it (2xx): a request the server takes must be one the document
 * allows. Tests that send bad requests on purpose stay valid tests.
 */
export class ContractChecker {
  private readonly doc = openApiDocument() as { paths: Record<string, Record<string, Operation>> };
  private readonly ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));
  private readonly coercing = addFormats(new Ajv2020({ strict: false, allErrors: true, coerceTypes: true }));
  private readonly routes = Object.keys(this.doc.paths).map((path) => ({
    path,
    regex: new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`),
  }));
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor() {
    this.ajv.addSchema({ ...this.doc, $id: 'openapi' });
  }

  private validator(ref: string): ValidateFunction {
    let v = this.compiled.get(ref);
    if (!v) {
      v = this.ajv.getSchema(`openapi#${ref}`);
      if (!v) throw new Error(`no schema at ${ref}`);
      this.compiled.set(ref, v);
    }
    return v;
  }

  /** Query values arrive as text: validated with type coercion, one compiled validator per parameter. */
  private queryValidator(path: string, method: string, p: { name: string; schema: Json }): ValidateFunction {
    const key = `${method} ${path} ?${p.name}`;
    let v = this.compiled.get(key);
    if (!v) {
      v = this.coercing.compile({ type: 'object', properties: { v: p.schema } });
      this.compiled.set(key, v);
    }
    return v;
  }

  private fits(ref: string, value: unknown): string | null {
    const v = this.validator(ref);
    if (v(value)) return null;
    return this.ajv.errorsText(v.errors, { separator: '; ', dataVar: 'body' }).slice(0, 1500);
  }

  /** Every way this exchange breaks the document; empty when it fits. */
  check(method: string, url: URL, requestBody: unknown, status: number, headers: Headers, responseBody: unknown): string[] {
    const m = method.toLowerCase();
    const route = this.routes.find((r) => r.regex.test(url.pathname) && this.doc.paths[r.path]?.[m]);
    if (!route) return status === 404 || status === 405 ? [] : [`${method} ${url.pathname} is not in the document (answered ${status})`];
    const op = this.doc.paths[route.path]?.[m] as Operation;
    const at = `${method} ${route.path} → ${status}`;
    const errors: string[] = [];

    if (status >= 200 && status < 300) {
      if (op.requestBody && requestBody !== undefined) {
        const e = this.fits(`/${pointer('paths', route.path, m, 'requestBody', 'content', 'application/json', 'schema')}`, requestBody);
        if (e) errors.push(`${at}: the server accepted a request body the document refuses: ${e}`);
      }
      const query = (op.parameters ?? []).filter((p) => p.in === 'query');
      for (const [name, value] of url.searchParams) {
        const p = query.find((q) => q.name === name);
        if (!p) {
          errors.push(`${at}: the server accepted an undocumented query parameter ${name}`);
          continue;
        }
        const check = this.queryValidator(route.path, m, p);
        if (!check({ v: value })) errors.push(`${at}: query ${name}=${value} breaks its schema: ${this.coercing.errorsText(check.errors)}`);
      }
    }

    const response = op.responses[String(status)];
    if (!response) return [...errors, `${at}: status ${status} is not documented`];
    for (const h of WATCHED_HEADERS) {
      const documented = Object.keys(response.headers ?? {}).some((k) => k.toLowerCase() === h);
      if (headers.has(h) && !documented) errors.push(`${at}: header ${h} is sent but not documented`);
    }
    const type = (headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
    const hasBody = !(responseBody === undefined || responseBody === '');
    if (!hasBody) return errors;
    const media = response.content?.[type];
    if (!media) return [...errors, `${at}: media type ${type || '(none)'} is not documented (documented: ${Object.keys(response.content ?? {}).join(', ') || 'none'})`];
    if (media.schema && (type === 'application/json' || type.endsWith('+json'))) {
      const e = this.fits(`/${pointer('paths', route.path, m, 'responses', String(status), 'content', type, 'schema')}`, responseBody);
      if (e) errors.push(`${at}: the response breaks the document: ${e}`);
    }
    return errors;
  }
}

let shared: ContractChecker | undefined;

/** One checker per test file: compiling the document once keeps the suites fast. */
export function contractChecker(): ContractChecker | undefined {
  if (process.env.AMENDS_CONTRACT === '0') return undefined;
  shared ??= new ContractChecker();
  return shared;
}
