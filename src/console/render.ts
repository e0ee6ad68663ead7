import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Request, Response } from 'express';
import Handlebars from 'handlebars';
import { DateTime } from 'luxon';
import type { Locale } from '../domain/customer.js';
import type { Money } from '../domain/money.js';
import { isLead } from '../domain/roles.js';
import { t } from './i18n.js';
import { navFor } from './nav.js';
import type { ConsoleSession } from './session.js';
import { timeLeft } from './time-left.js';
import { toMajorInput } from './money-input.js';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../templates/console');

/** What every console page knows about its reader; set by the `context` guard. */
export interface ConsoleContext {
  session: ConsoleSession | undefined;
  locale: Locale;
  /** The token every form carries: the session's, or the pre-session one of the sign-in page. */
  csrf: string;
  zone: string;
  now: string;
}

export function contextOf(res: Response): ConsoleContext {
  return res.locals.console as ConsoleContext;
}

// An isolated environment: prototype access stays off, customer text is only ever data.
const hbs = Handlebars.create();

const root = (options: Handlebars.HelperOptions) => options.data.root as { locale: Locale; zone: string; now: string };

hbs.registerHelper('t', function (key: string, options: Handlebars.HelperOptions) {
  return t(root(options).locale, key, options.hash as Record<string, unknown>);
});
// "₽1,000.00" / "1 000,00 ₽": the narrow symbol keeps amounts short enough for a phone.
hbs.registerHelper('money', (m: Money | null | undefined, options: Handlebars.HelperOptions) =>
  m ? new Intl.NumberFormat(root(options).locale, { style: 'currency', currency: m.currency, currencyDisplay: 'narrowSymbol' }).format(m.minor / 100) : '—',
);
hbs.registerHelper('when', (iso: string | null | undefined, options: Handlebars.HelperOptions) => {
  if (!iso) return '—';
  const r = root(options);
  const d = DateTime.fromISO(iso, { zone: 'utc' }).setZone(r.zone).setLocale(r.locale);
  return d.isValid ? d.toFormat(r.locale === 'ru' ? 'd MMM, HH:mm' : 'MMM d, HH:mm') : '—';
});
hbs.registerHelper('timeLeft', (iso: string | null | undefined, options: Handlebars.HelperOptions) => {
  const r = root(options);
  return iso ? timeLeft(iso, r.now, r.locale) : '';
});
hbs.registerHelper('major', (m: Money | null | undefined) => (m ? toMajorInput(m) : ''));
hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
hbs.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).some(Boolean));
hbs.registerHelper('not', (a: unknown) => !a);
hbs.registerHelper('concat', (...args: unknown[]) => args.slice(0, -1).join(''));

function templateFiles(dir: string, prefix = ''): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const entry of readdirSync(dir).sort()) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...templateFiles(full, `${prefix}${entry}/`));
    else if (entry.endsWith('.hbs')) out.push([`${prefix}${entry.slice(0, -'.hbs'.length)}`, full]);
  }
  return out;
}

for (const [name, file] of templateFiles(path.join(ROOT, 'partials'))) hbs.registerPartial(name, readFileSync(file, 'utf8'));
const layout = hbs.compile(readFileSync(path.join(ROOT, 'layout.hbs'), 'utf8'));
const pages = new Map(templateFiles(path.join(ROOT, 'pages')).map(([name, file]) => [name, hbs.compile(readFileSync(file, 'utf8'))]));

/**
 * Console pages allow nothing inline and nothing from elsewhere: scripts and styles come from /assets,
 * forms post only here, and no other site may frame the console.
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "object-src 'none'",
].join('; ');

/**
 * Render `templates/console/pages/<name>.hbs` inside the layout (header, nav, language switch, sign-out)
 * with `data` plus what every page needs: the reader, their language and zone, the CSRF token.
 * `pageUrl`: the page's own address, for a page rendered in answer to a form post.
 * @example renderConsole(req, res, 'queue', { title: t(locale, 'queue.title'), cases })
 */
export function renderConsole(req: Request, res: Response, name: string, data: Record<string, unknown> & { title: string }, status = 200, pageUrl?: string): void {
  const page = pages.get(name);
  if (!page) throw new Error(`no console page ${name}`);
  const ctx = contextOf(res);
  const user = ctx.session?.user;
  const common = {
    locale: ctx.locale,
    zone: ctx.zone,
    now: ctx.now,
    csrf: ctx.csrf,
    path: req.originalUrl,
    me: user ? { id: user.id, name: user.name, role: user.role, isLead: ctx.session ? isLead(ctx.session.actor) : false } : null,
    nav: user ? navFor(user.role, req.path) : [],
    otherLocale: ctx.locale === 'ru' ? 'en' : 'ru',
  };
  const body = page({ ...data, ...common });
  // A form re-rendered in place (an error, a preview) belongs to its page's address, not the POST's:
  // htmx would otherwise put /cases/<id>/events in the address bar, which a reload cannot GET.
  if (pageUrl && req.method === 'POST') res.set('HX-Push-Url', pageUrl);
  res
    .status(status)
    .set('Content-Security-Policy', CONSOLE_CSP)
    .set('Cache-Control', 'no-store')
    .type('html')
    .send(layout({ ...common, title: data.title, body }));
}
