import { openApiDocument } from './openapi.js';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

let routes: Array<{ pattern: RegExp; methods: string[] }> | undefined;

/** The contract's paths as patterns (`/api/v1/cases/{id}` → one segment for `{id}`), built once. */
function contractRoutes() {
  routes ??= Object.entries(openApiDocument().paths as Record<string, Record<string, unknown>>).map(([path, ops]) => {
    const source = path
      .split(/\{[^}]+\}/)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('[^/]+');
    const methods = METHODS.filter((m) => m in ops).map((m) => m.toUpperCase());
    if (methods.includes('GET') && !methods.includes('HEAD')) methods.push('HEAD');
    return { pattern: new RegExp(`^${source}/?$`, 'i'), methods };
  });
  return routes;
}

/** The methods the contract serves at `path`, or an empty list when it names no such path. */
export function allowedMethods(path: string): string[] {
  return contractRoutes().find((r) => r.pattern.test(path))?.methods ?? [];
}
