import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';

const PAGES = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../templates/pages');

// Isolated environment: no global helpers or partials, prototype access off; each page compiles once.
const hbs = Handlebars.create();
const compiled = new Map<string, Handlebars.TemplateDelegate>();

/** Render `templates/pages/<name>.html.hbs` with plain JSON data (HTML-escaped). These pages have no script: CSP stays strict. */
export function renderPage(name: string, data: Record<string, unknown>): string {
  let template = compiled.get(name);
  if (!template) {
    template = hbs.compile(readFileSync(path.join(PAGES, `${name}.html.hbs`), 'utf8'), { strict: true });
    compiled.set(name, template);
  }
  return template(data);
}
