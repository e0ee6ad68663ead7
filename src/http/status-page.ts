import { Router } from 'express';
import { DateTime } from 'luxon';
import { notFound } from '../domain/errors.js';
import type { Locale } from '../domain/customer.js';
import type { Engine } from '../engine/engine.js';
import { restoreSnapshot } from '../engine/snapshots.js';
import { currentDeadlineKey } from '../engine/timer-plan.js';
import { render } from '../responses/render.js';
import type { CaseRecord } from '../store/cases.js';
import { loadCaseByStatusToken } from '../store/cases.js';
import { timersOfCase } from '../store/timers.js';
import { renderPage } from './pages.js';
import { withRatingForm } from './status-rating.js';

type Texts = Record<Locale, string>;

const STEPS: Array<{ step: string; title: Texts }> = [
  { step: 'apologize', title: { ru: 'Разбираемся и приносим извинения', en: 'Looking into it and apologising' } },
  { step: 'explain', title: { ru: 'Объясняем, что случилось и что изменим', en: 'Explaining what happened and what changes' } },
  { step: 'compensate', title: { ru: 'Возмещаем неудобства', en: 'Making up for it' } },
  { step: 'followUp', title: { ru: 'Уточняем, всё ли в порядке', en: 'Checking that all is well' } },
  { step: 'resolved', title: { ru: 'Готово', en: 'Done' } },
];
const ORDER = ['triage', 'personalCall', ...STEPS.map((s) => s.step), 'wonBack', 'lost'];

const SKIPPED: Texts = { ru: 'не потребовалось', en: 'not needed' };

/** What the page says first and last, by where the case stands: a closed case is not "being put right". */
type Standing = 'open' | 'resolved' | 'wonBack' | 'lost';
const INTRO: Record<Standing, Texts> = {
  open: {
    ru: 'спасибо, что рассказали нам. Нам очень жаль, что так вышло, и мы всё исправим.',
    en: 'thank you for telling us. We are sorry it happened, and we are putting it right.',
  },
  resolved: {
    ru: 'спасибо, что дали нам возможность всё исправить.',
    en: 'thank you for giving us the chance to put it right.',
  },
  wonBack: {
    ru: 'спасибо, что остаётесь с нами!',
    en: 'thank you for staying with us!',
  },
  lost: {
    ru: 'спасибо, что рассказали нам об этой проблеме.',
    en: 'thank you for telling us about this problem.',
  },
};
const STATUS_TEXT: Record<Standing, Texts> = {
  open: { ru: 'Мы работаем над вашим обращением.', en: 'We are working on your request.' },
  resolved: { ru: 'Обращение решено. Спасибо за терпение!', en: 'Your request is resolved. Thank you for your patience!' },
  wonBack: { ru: 'Обращение закрыто. Рады, что вы снова с нами.', en: 'Your request is closed. We are glad to have you back.' },
  lost: {
    ru: 'Обращение закрыто. Если что-то всё ещё не так, напишите нам — мы разберёмся.',
    en: 'Your request is closed. If anything is still wrong, write to us and we will look into it.',
  },
};

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

/** `GET /status/:token`: the customer's own page, in their language and time zone; no login, no internals. */
export function statusPageRouter(engine: Engine): Router {
  const r = Router();
  r.get('/:token', async (req, res) => {
    const c = await loadCaseByStatusToken(engine.store.read, req.params.token);
    if (!c) {
      // A person following a broken link gets a page they can read; an API client gets a problem.
      if (req.accepts(['json', 'html']) === 'html') {
        res.status(404).set('Cache-Control', 'no-store').type('html').send(renderPage('status-page-not-found', {}));
        return;
      }
      throw notFound('status page');
    }
    const { locale, timeZone } = c.customer;
    const at = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' }).setZone(timeZone).setLocale(locale).toLocaleString(DateTime.DATETIME_MED);
    const here = Math.max(ORDER.indexOf(c.state.split('.')[0] ?? ''), ORDER.indexOf('apologize'));
    const standing = standingOf(c);
    const skipped = compensationSkipped(c);
    // The step the customer waits on now, not the overall deadline; a closed case promises nothing.
    const key = c.status === 'open' ? currentDeadlineKey(c.state) : null;
    const due = key === null ? undefined : (await timersOfCase(engine.store.read, c.id)).find((t) => t.key === key);
    const html = render(locale, 'status-page.html', {
      ref: c.ref,
      customerName: c.customer.name,
      intro: INTRO[standing][locale],
      steps: STEPS.map((s) => {
        const i = ORDER.indexOf(s.step);
        const passed = i < here || c.status !== 'open';
        if (passed && s.step === 'compensate' && skipped) return { title: s.title[locale], status: 'skipped', note: SKIPPED[locale] };
        return { title: s.title[locale], status: passed ? 'done' : i === here ? 'now' : 'later', note: null };
      }),
      statusText: STATUS_TEXT[standing][locale],
      dueAt: due ? at(due.dueAt) : null,
      timeZone,
      updatedAt: at(c.updatedAt),
    });
    res.set('Cache-Control', 'no-store').type('html').send(withRatingForm(html, c, req.query.rated === '1'));
  });
  return r;
}
