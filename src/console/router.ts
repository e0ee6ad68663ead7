import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Router } from 'express';
import type { Engine } from '../engine/engine.js';
import type { Logger } from '../log.js';
import { approvalsPages } from './approvals-page.js';
import { casePages } from './case-page.js';
import { consoleErrors } from './errors.js';
import { leadPages } from './lead/pages.js';
import { queuePages } from './queue.js';
import { signInRouter } from './sign-in.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ASSETS: Record<string, string> = {
  'console.css': path.join(HERE, 'static/console.css'),
  'lead.css': path.join(HERE, 'static/lead.css'),
  'favicon.svg': path.join(HERE, 'static/favicon.svg'),
  // Vendored from npm as it is: no build step.
  'htmx.min.js': createRequire(import.meta.url).resolve('htmx.org/dist/htmx.min.js'),
};

/**
 * Page families of the console, each a router of guarded routes. A new family:
 * - `src/console/<family>.ts` exports `(engine) => Router`, registering routes with `guarded(engine, r)`
 *   (`page`, `leadPage`, `action`, `leadAction`: sign-in, CSRF and role checks, and the guard test
 *   covers them), rendering with `renderConsole(req, res, '<page>', { title, … })`;
 * - `templates/console/pages/<page>.hbs` (partials: `{{> csrf}}` in every form, `{{> field}}`);
 * - its texts in `src/console/i18n/{ru,en}/<family>.json` (`{{t "key"}}`), a link in `nav.ts`;
 * - one line here.
 */
const PAGES: Array<(engine: Engine) => Router> = [queuePages, casePages, approvalsPages, leadPages];

/**
 * The console for handlers and leads, served by the API's own app: server-rendered pages, plain form
 * posts (htmx only enhances them), sessions in a signed cookie. Mounted before the API's JSON-only
 * body rules; it answers its own paths and passes everything else on.
 */
export function consoleRouter(engine: Engine, log: Logger): Router {
  const r = Router();
  r.get('/assets/:file', (req, res, next) => {
    const file = ASSETS[req.params.file];
    if (!file) return next();
    res.sendFile(file, { maxAge: '1h', headers: { 'X-Content-Type-Options': 'nosniff' } });
  });
  r.use(signInRouter(engine));
  for (const pages of PAGES) r.use(pages(engine));
  r.use(consoleErrors(log));
  return r;
}
