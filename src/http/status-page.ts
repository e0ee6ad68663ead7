import { Router } from 'express';
import { DateTime } from 'luxon';
import { notFound } from '../domain/errors.js';
import type { Locale } from '../domain/customer.js';
import type { Engine } from '../engine/engine.js';
import { render } from '../responses/render.js';
import { loadCaseByStatusToken } from '../store/cases.js';
import { timersOfCase } from '../store/timers.js';

const STEPS: Array<{ step: string; title: Record<Locale, string> }> = [
  { step: 'apologize', title: { ru: 'Разбираемся и приносим извинения', en: 'Looking into it and apologising' } },
  { step: 'explain', title: { ru: 'Объясняем, что случилось и что изменим', en: 'Explaining what happened and what changes' } },
  { step: 'compensate', title: { ru: 'Возмещаем неудобства', en: 'Making up for it' } },
  { step: 'followUp', title: { ru: 'Уточняем, всё ли в порядке', en: 'Checking that all is well' } },
  { step: 'resolved', title: { ru: 'Готово', en: 'Done' } },
];
const ORDER = ['triage', 'personalCall', ...STEPS.map((s) => s.step), 'wonBack', 'lost'];

const STATUS_TEXT: Record<'open' | 'resolved' | 'closed', Record<Locale, string>> = {
  open: { ru: 'Мы работаем над вашим обращением.', en: 'We are working on your request.' },
  resolved: { ru: 'Обращение решено. Спасибо за терпение!', en: 'Your request is resolved. Thank you for your patience!' },
  closed: { ru: 'Обращение закрыто.', en: 'Your request is closed.' },
};

/** `GET /status/:token`: the customer's own page, in their language and time zone; no login, no internals. */
export function statusPageRouter(engine: Engine): Router {
  const r = Router();
  r.get('/:token', async (req, res) => {
    const c = await loadCaseByStatusToken(engine.store.read, req.params.token);
    if (!c) throw notFound('status page');
    const { locale, timeZone } = c.customer;
    const at = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' }).setZone(timeZone).setLocale(locale).toLocaleString(DateTime.DATETIME_MED);
    const here = Math.max(ORDER.indexOf(c.state.split('.')[0] ?? ''), ORDER.indexOf('apologize'));
    const overall = (await timersOfCase(engine.store.read, c.id)).find((t) => t.key === 'overall');
    const html = render(locale, 'status-page.html', {
      ref: c.ref,
      customerName: c.customer.name,
      steps: STEPS.map((s) => {
        const i = ORDER.indexOf(s.step);
        return { title: s.title[locale], status: i < here || c.status !== 'open' ? 'done' : i === here ? 'now' : 'later' };
      }),
      statusText: STATUS_TEXT[c.status][locale],
      dueAt: overall ? at(overall.dueAt) : null,
      timeZone,
      updatedAt: at(c.updatedAt),
    });
    res.set('Cache-Control', 'no-store').type('html').send(html);
  });
  return r;
}
