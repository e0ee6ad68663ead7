import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import type { Locale } from '../domain/customer.js';
import type { Money } from '../domain/money.js';
import { OFFER_KINDS } from '../domain/offers.js';
import { formatAmount, formatDay, formatMoment, pluralize } from './format.js';
import { sampleData, TEMPLATE_NAMES, TemplateData, VARIANTS, type Variant } from './template-data.js';

/**
 * Customer message templates, loaded and compiled once when this module loads: a template that does
 * not parse, names an unknown helper or reads a field the data does not have stops the process at
 * start, not at the first apology.
 *
 * Files: `templates/responses/<locale>/<name>.<variant>.hbs`, where an e-mail's first line is its
 * subject and the body follows a blank line; `<name>.email.html.hbs` may give the HTML by hand,
 * otherwise it is the body's paragraphs. A scenario overrides any of them with
 * `templates/responses/<locale>/scenarios/<scenarioId>/<name>.<variant>.hbs`.
 */
export const TEMPLATES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../templates/responses');
const LOCALES: Locale[] = ['ru', 'en'];
const HELPERS = ['money', 'day', 'moment', 'plural', 'eq'];

export interface Rendered {
  subject?: string;
  body: string;
  html?: string;
}

interface Compiled {
  subject?: Handlebars.TemplateDelegate;
  body: Handlebars.TemplateDelegate;
  /** The same body compiled with HTML escaping, for e-mails without a hand-written HTML file. */
  bodyHtml?: Handlebars.TemplateDelegate;
  html?: Handlebars.TemplateDelegate;
}

type Root = { data?: { root?: TemplateData } };
const rootOf = (options: unknown): TemplateData => {
  const root = (options as Root).data?.root;
  if (!root) throw new Error('template helper called without template data');
  return root;
};

// Isolated environment: nothing registered on the global Handlebars leaks in; prototype access stays off.
const hbs = Handlebars.create();
hbs.registerHelper('money', (m: Money, options: unknown) => formatAmount(m, rootOf(options).locale));
hbs.registerHelper('day', (iso: string, options: unknown) => formatDay(iso, rootOf(options).timeZone, rootOf(options).locale));
hbs.registerHelper('moment', (iso: string, options: unknown) => formatMoment(iso, rootOf(options).timeZone, rootOf(options).locale));
hbs.registerHelper('plural', (n: number, ...rest: unknown[]) => {
  const options = rest.pop();
  return pluralize(n, rootOf(options).locale, rest.map(String));
});
hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);

function compile(source: string, file: string, escape: boolean): Handlebars.TemplateDelegate {
  const options = { strict: true, noEscape: !escape, knownHelpersOnly: true, knownHelpers: Object.fromEntries(HELPERS.map((h) => [h, true])) };
  try {
    // compile() is lazy: parse now so a syntax error names its file; unknown helpers and fields fail
    // the sample render in loadTemplates.
    hbs.parse(source);
  } catch (err) {
    throw new Error(`template ${file} does not compile: ${(err as Error).message}`);
  }
  return hbs.compile(source, options);
}

function loadVariant(file: string, variant: Variant, htmlFile: string | null): Compiled {
  const source = readFileSync(file, 'utf8').replace(/\r\n/g, '\n');
  if (variant !== 'email') return { body: compile(source, file, false) };
  const [subject, blank, ...rest] = source.split('\n');
  if (!subject?.trim() || blank?.trim() !== '') throw new Error(`template ${file}: the first line is the subject, then a blank line`);
  const body = rest.join('\n');
  return {
    subject: compile(subject, file, false),
    body: compile(body, file, false),
    bodyHtml: compile(body, file, true),
    html: htmlFile ? compile(readFileSync(htmlFile, 'utf8'), htmlFile, true) : undefined,
  };
}

/** `${locale}/${scope}/${name}.${variant}` → compiled; scope is `*` for the generic set. */
type Registry = Map<string, Compiled>;
const key = (locale: Locale, scope: string, name: string, variant: Variant) => `${locale}/${scope}/${name}.${variant}`;

function loadFolder(compiled: Registry, dir: string, locale: Locale, scope: string): void {
  if (!existsSync(dir)) return;
  for (const file of readdirSync(dir)) {
    const m = /^([a-z0-9-]+)\.(email|chat|sms)\.hbs$/.exec(file);
    if (!m) continue;
    const [, name, variant] = m as unknown as [string, string, Variant];
    const htmlFile = path.join(dir, `${name}.email.html.hbs`);
    compiled.set(key(locale, scope, name, variant), loadVariant(path.join(dir, file), variant, variant === 'email' && existsSync(htmlFile) ? htmlFile : null));
  }
}

/**
 * Load and prove every template under `dir`; throws on the first broken one, so a bad deploy fails
 * at start. Exported for tests that point it at a broken folder.
 */
export function loadTemplates(dir: string): Registry {
  const compiled: Registry = new Map();
  for (const locale of LOCALES) {
    loadFolder(compiled, path.join(dir, locale), locale, '*');
    const scenarios = path.join(dir, locale, 'scenarios');
    if (existsSync(scenarios)) for (const id of readdirSync(scenarios)) loadFolder(compiled, path.join(scenarios, id), locale, id);
  }
  // The generic set must be complete, and every template must render its sample data in strict mode.
  for (const locale of LOCALES) {
    for (const name of TEMPLATE_NAMES) for (const variant of VARIANTS) if (!compiled.has(key(locale, '*', name, variant))) throw new Error(`template ${locale}/${name}.${variant}.hbs is missing`);
  }
  for (const [k, c] of compiled) {
    const locale = k.slice(0, 2) as Locale;
    try {
      const samples = [sampleData(locale), sampleData(locale, { offer: null, cause: null, prevention: null, reason: null })];
      for (const kind of OFFER_KINDS) samples.push(sampleData(locale, { offer: { kind, percent: 10, amount: { minor: 1_250, currency: 'EUR' } } }));
      for (const data of samples) {
        c.subject?.(data);
        c.body(data);
        c.html?.(data);
      }
    } catch (err) {
      throw new Error(`template ${k} does not render: ${(err as Error).message}`);
    }
  }
  return compiled;
}

const compiled = loadTemplates(TEMPLATES_DIR);

/** Whether `name` has a template for this scenario (its own or the generic one). */
export function hasTemplate(locale: Locale, scenarioId: string, name: string, variant: Variant): boolean {
  return compiled.has(key(locale, scenarioId, name, variant)) || compiled.has(key(locale, '*', name, variant));
}

const escapeHtml = (s: string) => Handlebars.Utils.escapeExpression(s);

/** Tidy what `#if` blocks leave behind: trailing spaces, runs of blank lines. */
export function tidy(text: string): string {
  return text.replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
}

/** Plain-text paragraphs as a small HTML e-mail; `escaped` is already HTML-escaped text. */
export function htmlFromText(escaped: string, locale: Locale, statusUrl?: string): string {
  let paragraphs = tidy(escaped)
    .split(/\n{2,}/)
    .map((p) => `<p>${p.replace(/\n/g, '<br>')}</p>`)
    .join('\n');
  // The status link is ours (public URL + an unguessable token): make it clickable.
  if (statusUrl) {
    const safe = escapeHtml(statusUrl);
    paragraphs = paragraphs.replaceAll(safe, `<a href="${safe}">${safe}</a>`);
  }
  return `<!doctype html>\n<html lang="${locale}"><head><meta charset="utf-8"></head>\n<body style="font:16px/1.5 sans-serif;color:#222">\n${paragraphs}\n</body></html>`;
}

/** Text a person wrote, put in the e-mail's HTML as data. */
export function htmlFromHandlerText(text: string, locale: Locale): string {
  return htmlFromText(escapeHtml(text), locale);
}

/**
 * Render one message. The data is checked against its schema first; customer and handler text in
 * it stays data in every variant (HTML-escaped in the HTML part, verbatim in plain text).
 */
export function renderTemplate(opts: { locale: Locale; scenarioId: string; name: string; variant: Variant; data: TemplateData }): Rendered {
  const data = TemplateData.parse(opts.data);
  const c = compiled.get(key(opts.locale, opts.scenarioId, opts.name, opts.variant)) ?? compiled.get(key(opts.locale, '*', opts.name, opts.variant));
  if (!c) throw new Error(`no template ${opts.locale}/${opts.name}.${opts.variant}`);
  const body = opts.variant === 'sms' ? tidy(c.body(data)).replace(/\s+/g, ' ') : tidy(c.body(data));
  if (opts.variant !== 'email') return { body };
  const html = c.html ? c.html(data) : htmlFromText(c.bodyHtml?.(data) ?? '', opts.locale, data.statusUrl);
  return { subject: tidy(c.subject?.(data) ?? '').replace(/\s+/g, ' '), body, html };
}
