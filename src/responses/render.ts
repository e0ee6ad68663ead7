import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import type { Locale } from '../domain/customer.js';

const TEMPLATES = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../templates/responses');

// Isolated environment: no global helpers or partials leak in, prototype access stays off.
const hbs = Handlebars.create();
hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
const compiled = new Map<string, Handlebars.TemplateDelegate>();

/**
 * Render `templates/responses/<locale>/<name>.hbs` with plain JSON data; each template compiles once.
 * Customer text only ever arrives as data, never as template source. `*.html` templates escape for
 * HTML; `*.txt` templates (SMS, chat, plain e-mail) do not, since entities would show up literally.
 */
export function render(locale: Locale, name: string, data: Record<string, unknown>): string {
  const key = `${locale}/${name}`;
  let template = compiled.get(key);
  if (!template) {
    template = hbs.compile(readFileSync(path.join(TEMPLATES, locale, `${name}.hbs`), 'utf8'), { strict: true, noEscape: name.endsWith('.txt') });
    compiled.set(key, template);
  }
  return template(data);
}
