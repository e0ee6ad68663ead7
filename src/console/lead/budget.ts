import { Router, type Request, type Response } from 'express';
import { DateTime } from 'luxon';
import { formatMoney } from '../../domain/money.js';
import { setBudget } from '../../engine/admin.js';
import { teamBudget } from '../../engine/budget.js';
import { nowIso, type Engine } from '../../engine/engine.js';
import { guarded } from '../guards.js';
import { t } from '../i18n.js';
import { contextOf, renderConsole } from '../render.js';
import { amountField, parseAmount } from './amount.js';
import { adminOf, adminOnly } from './people.js';

/** `/admin/budget` (admins): the team's monthly compensation budget, set through admin.ts (audited). */
export function budgetPages(engine: Engine): Router {
  const r = Router();
  const g = guarded(engine, r);
  const { currency, timeZone } = engine.config;

  async function page(req: Request, res: Response, notice: { kind: 'ok' | 'error'; text: string } | null, field?: string, status = 200) {
    const { locale } = contextOf(res);
    const now = nowIso(engine);
    const b = await teamBudget(engine.store.read, now, timeZone, currency);
    renderConsole(
      req,
      res,
      'lead/budget',
      {
        title: t(locale, 'budget.title'),
        notice,
        zone: timeZone,
        currency,
        month: DateTime.fromISO(now, { zone: 'utc' }).setZone(timeZone).setLocale(locale).toFormat('LLLL yyyy'),
        budget: b.budget,
        field: field ?? amountField(b.budget),
        spent: formatMoney(b.spent, locale),
        committed: formatMoney(b.committed, locale),
      },
      status,
    );
  }

  g.leadPage(
    '/admin/budget',
    adminOnly(async (req, res) => {
      const saved = (req.query as Record<string, unknown>).saved === '1';
      const b = saved ? await teamBudget(engine.store.read, nowIso(engine), timeZone, currency) : null;
      const { locale } = contextOf(res);
      await page(req, res, b?.budget ? { kind: 'ok', text: t(locale, 'budget.saved', { amount: formatMoney(b.budget, locale) }) } : null);
    }),
  );

  g.leadAction(
    '/admin/budget',
    adminOnly(async (req, res) => {
      const by = adminOf(res);
      const raw = (req.body as Record<string, unknown>).amount;
      const amount = parseAmount(raw, currency);
      if (!amount) return page(req, res, { kind: 'error', text: t(contextOf(res).locale, 'budget.error') }, typeof raw === 'string' ? raw : '', 400);
      await setBudget(engine.store, by, amount, nowIso(engine));
      res.redirect(303, '/admin/budget?saved=1');
    }),
  );
  return r;
}
