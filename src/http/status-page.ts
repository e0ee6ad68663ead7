import express, { Router, type Response } from 'express';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { AppError, notFound } from '../domain/errors.js';
import { customerActor } from '../domain/roles.js';
import { dispatch } from '../engine/dispatch.js';
import type { Engine } from '../engine/engine.js';
import { restoreSnapshot } from '../engine/snapshots.js';
import { currentDeadlineKey } from '../engine/timer-plan.js';
import { render } from '../responses/render.js';
import type { CaseRecord } from '../store/cases.js';
import { loadCaseByStatusToken } from '../store/cases.js';
import { readJournal } from '../store/journal.js';
import { timersOfCase } from '../store/timers.js';
import { getUser } from '../store/users.js';
import { renderPage } from './pages.js';
import { formToken, verifyFormToken } from './status-form.js';
import { FORM_LIMIT, refuseBadText, requireUtf8 } from './text-check.js';
import { withRatingForm } from './status-rating.js';
import { ANSWERED, firstName, INTRO, NOTICES, offerText, ORDER, SKIPPED, STATUS_TEXT, STEPS, type Notice, type Standing } from './status-page-texts.js';

function standingOf(c: CaseRecord): Standing {
  if (c.status === 'open') return 'open';
  if (c.status === 'resolved') return 'resolved';
  return c.outcome === 'wonBack' ? 'wonBack' : 'lost';
}

/** Compensation was skipped (not a defect, nothing to make up for) unless something was paid out after all. */
function compensationSkipped(c: CaseRecord): boolean {
  const { skipReason, offer } = restoreSnapshot(c.snapshot, c.machineVersion).context;
  return skipReason !== null && offer?.status !== 'issued' && offer?.status !== 'reverted';
}

const OFFER_EVENTS = new Set(['OFFER', 'APPROVE_OFFER', 'REJECT_OFFER', 'CUSTOMER_ACCEPTED', 'CUSTOMER_DECLINED']);

/** The customer's last word on compensation, when it still stands: accepted, arranged, or declined. */
async function answeredText(engine: Engine, c: CaseRecord): Promise<string | null> {
  const { locale } = c.customer;
  const offer = restoreSnapshot(c.snapshot, c.machineVersion).context.offer;
  if (offer?.approved && (offer.status === 'accepted' || offer.status === 'issued')) {
    return ANSWERED[offer.status][locale].replace('{offer}', offerText(offer.kind, offer.percent, offer.approved, locale));
  }
  if (c.state !== 'compensate.choosing') return null;
  const last = (await readJournal(engine.store.read, c.id)).filter((e) => OFFER_EVENTS.has(e.type)).at(-1);
  return last?.type === 'CUSTOMER_DECLINED' ? ANSWERED.declined[locale] : null;
}

/** The offer that waits for the customer's answer, with a form token bound to this version of the case. */
async function offerForm(engine: Engine, c: CaseRecord, action: string) {
  if (c.state !== 'compensate.offered') return null;
  const offer = restoreSnapshot(c.snapshot, c.machineVersion).context.offer;
  if (!offer?.approved) return null;
  return { text: offerText(offer.kind, offer.percent, offer.approved, c.customer.locale), action, version: c.version, token: await formToken(engine, c.statusToken, c.version) };
}

/** The page as the customer sees it now; `notice` says why an answer was not taken. */
async function statusHtml(engine: Engine, c: CaseRecord, action: string, notice?: Notice): Promise<string> {
  const { locale, timeZone } = c.customer;
  const at = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' }).setZone(timeZone).setLocale(locale).toLocaleString(DateTime.DATETIME_MED);
  const here = Math.max(ORDER.indexOf(c.state.split('.')[0] ?? ''), ORDER.indexOf('apologize'));
  const standing = standingOf(c);
  const skipped = compensationSkipped(c);
  // The step the customer waits on now, not the overall deadline; a closed case promises nothing.
  const key = c.status === 'open' ? currentDeadlineKey(c.state) : null;
  const due = key === null ? undefined : (await timersOfCase(engine.store.read, c.id)).find((t) => t.key === key);
  const owner = c.ownerId && c.status === 'open' ? await getUser(engine.store.read, c.ownerId) : undefined;
  return render(locale, 'status-page.html', {
    ref: c.ref,
    customerName: c.customer.name,
    intro: INTRO[standing][locale],
    notice: notice ? NOTICES[notice][locale] : null,
    steps: STEPS.map((s) => {
      const i = ORDER.indexOf(s.step);
      const passed = i < here || c.status !== 'open';
      if (passed && s.step === 'compensate' && skipped) return { title: s.title[locale], status: 'skipped', note: SKIPPED[locale] };
      return { title: s.title[locale], status: passed ? 'done' : i === here ? 'now' : 'later', note: null };
    }),
    statusText: STATUS_TEXT[standing][locale],
    answered: await answeredText(engine, c),
    offer: await offerForm(engine, c, action),
    contact: owner ? firstName(owner.name) : null,
    dueAt: due ? at(due.dueAt) : null,
    timeZone,
    updatedAt: at(c.updatedAt),
  });
}

const Answer = z
  .object({
    answer: z.enum(['accept', 'decline']),
    version: z.coerce.number().int().min(1),
    formToken: z.string().min(1).max(200),
    reason: z.string().max(2000).optional(),
  })
  .strict();

/** A declined offer is journaled with the customer's words, or with where it came from when they gave none. */
const DECLINED_WITHOUT_REASON = 'declined on the status page, no reason given';

function sendPage(res: Response, status: number, html: string): void {
  res.status(status).set('Cache-Control', 'no-store').type('html').send(html);
}

/**
 * `GET /status/:token`: the customer's own page, in their language and time zone; no login, no internals.
 * `POST /status/:token/answer`: the customer accepts or declines the offer that waits for them, as
 * themselves, through the engine. A plain form post answered with a redirect back to the page.
 */
export function statusPageRouter(engine: Engine): Router {
  const r = Router();
  const actionOf = (base: string, token: string) => `${base}/${encodeURIComponent(token)}/answer`;

  r.get('/:token', async (req, res) => {
    const c = await loadCaseByStatusToken(engine.store.read, String(req.params.token));
    if (!c) {
      // A person following a broken link gets a page they can read; an API client gets a problem.
      if (req.accepts(['json', 'html']) === 'html') return sendPage(res, 404, renderPage('status-page-not-found', {}));
      throw notFound('status page');
    }
    sendPage(res, 200, withRatingForm(await statusHtml(engine, c, actionOf(req.baseUrl, c.statusToken)), c, req.query.rated === '1'));
  });

  // Forms are small (FORM_LIMIT fits their longest text), and only this route reads urlencoded bodies.
  r.post('/:token/answer', express.urlencoded({ extended: false, limit: FORM_LIMIT, verify: requireUtf8 }), refuseBadText, async (req, res) => {
    const c = await loadCaseByStatusToken(engine.store.read, String(req.params.token));
    if (!c) return sendPage(res, 404, renderPage('status-page-not-found', {}));
    const action = actionOf(req.baseUrl, c.statusToken);
    const page = `${req.baseUrl}/${encodeURIComponent(c.statusToken)}`;
    const input = Answer.safeParse(req.body ?? {});
    if (!input.success) return sendPage(res, 400, await statusHtml(engine, c, action, 'invalid'));
    const { answer, version, formToken: token, reason } = input.data;
    if (!(await verifyFormToken(engine, c.statusToken, version, token))) return sendPage(res, 403, await statusHtml(engine, c, action, 'forged'));
    const event = answer === 'accept' ? { type: 'CUSTOMER_ACCEPTED' } : { type: 'CUSTOMER_DECLINED', reason: reason?.trim() || DECLINED_WITHOUT_REASON };
    try {
      await dispatch(engine, c.id, event, customerActor(c.id, c.customer), { ifMatch: version });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const now = (await loadCaseByStatusToken(engine.store.db, c.statusToken)) ?? c;
      // A second click of the same form: the first one was taken, so show the answered page.
      if (err.kind === 'stale' && (await answeredRightAfter(engine, now.id, version))) return res.redirect(303, page);
      const notice: Notice = err.kind === 'stale' ? 'stale' : err.kind === 'eventNotAllowed' ? 'noOffer' : 'invalid';
      return sendPage(res, notice === 'invalid' ? 400 : 409, await statusHtml(engine, now, action, notice));
    }
    res.redirect(303, page);
  });
  return r;
}

/** Whether the change right after `version` was the customer's own answer (a repeated submit of one form). */
async function answeredRightAfter(engine: Engine, caseId: string, version: number): Promise<boolean> {
  const [next] = await readJournal(engine.store.db, caseId, version, 1);
  return next !== undefined && next.actorRole === 'customer' && (next.type === 'CUSTOMER_ACCEPTED' || next.type === 'CUSTOMER_DECLINED');
}
