/**
 * The customer rates their case again after resolution, on their status page: a small form under the
 * page (`withRatingForm`) posting to `POST /status/:token/rating`. The status token is the
 * credential, as for the page itself. Mounted before the JSON body checks: a browser form posts
 * `application/x-www-form-urlencoded`.
 */
import express, { Router } from 'express';
import { z } from 'zod';
import { AppError, notFound } from '../domain/errors.js';
import type { Locale } from '../domain/customer.js';
import type { Engine } from '../engine/engine.js';
import { rerate } from '../engine/rerate.js';
import { loadCaseByStatusToken, type CaseRecord } from '../store/cases.js';
import { FORM_LIMIT, refuseBadText, requireUtf8 } from './text-check.js';
import { parse } from './validate.js';

export const RatingForm = z
  .object({ rating: z.enum(['good', 'neutral', 'bad']), comment: z.string().max(2000).optional() })
  .strict();

const TEXT: Record<Locale, { ask: string; good: string; neutral: string; bad: string; comment: string; send: string; thanks: string }> = {
  ru: {
    ask: 'Как мы справились? Оцените, пожалуйста, решение вашего обращения.',
    good: 'Хорошо',
    neutral: 'Нормально',
    bad: 'Плохо',
    comment: 'Комментарий (необязательно)',
    send: 'Отправить оценку',
    thanks: 'Спасибо за оценку! Мы её получили.',
  },
  en: {
    ask: 'How did we do? Please rate how your request was resolved.',
    good: 'Good',
    neutral: 'Okay',
    bad: 'Bad',
    comment: 'Comment (optional)',
    send: 'Send rating',
    thanks: 'Thank you for your rating! We have received it.',
  },
};

const escape = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** The rating form for a resolved or closed case, put before `</body>` of its status page; an open case gets none. */
export function withRatingForm(html: string, c: CaseRecord, rated: boolean): string {
  if (c.status === 'open') return html;
  const t = TEXT[c.customer.locale];
  const option = (v: 'good' | 'neutral' | 'bad') => `<label><input type="radio" name="rating" value="${v}" required> ${escape(t[v])}</label>`;
  const form = rated
    ? `<p class="rated">${escape(t.thanks)}</p>`
    : `<form class="rating" method="post" action="/status/${encodeURIComponent(c.statusToken)}/rating">
<p>${escape(t.ask)}</p>
<p>${option('good')} ${option('neutral')} ${option('bad')}</p>
<p><label>${escape(t.comment)}<br><textarea name="comment" maxlength="2000" rows="3"></textarea></label></p>
<p><button type="submit">${escape(t.send)}</button></p>
</form>`;
  return html.includes('</body>') ? html.replace('</body>', `${form}\n</body>`) : html + form;
}

export function statusRatingRouter(engine: Engine): Router {
  const r = Router();
  r.post('/:token/rating', express.urlencoded({ extended: false, limit: FORM_LIMIT, verify: requireUtf8 }), refuseBadText, async (req, res) => {
    const c = await loadCaseByStatusToken(engine.store.read, String(req.params.token));
    if (!c) throw notFound('status page');
    if (!req.is('application/x-www-form-urlencoded')) throw new AppError('unsupportedMediaType', 'send the form as application/x-www-form-urlencoded');
    const body = { ...(req.body as Record<string, unknown>) };
    if (body.comment === '') delete body.comment;
    const form = parse(RatingForm, body);
    await rerate(engine, c.id, { rating: form.rating, source: 'statusPage', ...(form.comment ? { comment: form.comment } : {}) });
    res.redirect(303, `/status/${encodeURIComponent(c.statusToken)}?rated=1`);
  });
  return r;
}
