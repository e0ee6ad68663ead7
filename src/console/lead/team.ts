import { Router, type Request, type Response } from 'express';
import { DateTime } from 'luxon';
import { formatMoney, money, subtract } from '../../domain/money.js';
import { teamBudget } from '../../engine/budget.js';
import type { Engine } from '../../engine/engine.js';
import { issuedByActor, loadByOwner, openUnassigned } from '../../store/team-board.js';
import { listUsers } from '../../store/users.js';
import { guarded } from '../guards.js';
import { t } from '../i18n.js';
import { contextOf, renderConsole } from '../render.js';
import { groupedBars, stackedBar } from './charts.js';

/** `/team` (leads): this month's compensation against the team budget, and each handler's open and overdue cases. */
export function teamPages(engine: Engine): Router {
  const r = Router();
  guarded(engine, r).leadPage('/team', async (req: Request, res: Response) => {
    const { locale, now } = contextOf(res);
    const { timeZone, currency } = engine.config;
    // Months are the team's, whoever reads the page: the budget resets at midnight in the team's zone.
    const from = DateTime.fromISO(now, { zone: 'utc' }).setZone(timeZone).startOf('month');
    const to = from.plus({ months: 1 });
    const db = engine.store.read;
    const [budget, load, issued, unassigned, users] = await Promise.all([
      teamBudget(db, now, timeZone, currency),
      loadByOwner(db, now),
      issuedByActor(db, currency, from.toUTC().toISO() as string, to.toUTC().toISO() as string),
      openUnassigned(db),
      listUsers(db),
    ]);
    const loadOf = new Map(load.map((l) => [l.ownerId, l]));
    // Everyone who works cases, plus anyone else who holds cases or paid something out this month.
    const people = users
      .filter((u) => (u.active && u.role === 'handler') || loadOf.has(u.id) || issued.has(u.id))
      .map((u) => ({
        id: u.id,
        name: u.name,
        active: u.active,
        open: loadOf.get(u.id)?.open ?? 0,
        overdue: loadOf.get(u.id)?.overdue ?? 0,
        issued: money(issued.get(u.id) ?? 0, currency),
      }))
      .sort((a, b) => b.overdue - a.overdue || b.open - a.open || a.name.localeCompare(b.name, locale));
    const fmt = (minor: number) => formatMoney(money(minor, currency), locale);
    const over = budget.remaining && budget.remaining.minor < 0 ? subtract(money(0, currency), budget.remaining) : null;
    renderConsole(req, res, 'lead/team', {
      title: t(locale, 'team.title'),
      month: from.setLocale(locale).toFormat('LLLL yyyy'),
      // Russian month names are lowercase; at the start of a sentence they take a capital.
      monthTitle: from.setLocale(locale).toFormat('LLLL yyyy').replace(/^./, (c) => c.toLocaleUpperCase(locale)),
      budget,
      over,
      recovered: budget.recovered.minor > 0 ? budget.recovered : null,
      budgetChart: stackedBar({
        title: `${t(locale, 'team.chartBudget')}: ${fmt(budget.spent.minor)} + ${fmt(budget.committed.minor)}${budget.budget ? ` / ${fmt(budget.budget.minor)}` : ''}`,
        total: budget.budget?.minor ?? 0,
        segments: [
          { value: budget.spent.minor, tone: 'spent' },
          { value: budget.committed.minor, tone: 'committed' },
        ],
      }),
      loadChart: people.length
        ? groupedBars({
            title: t(locale, 'team.chartLoad'),
            rows: people.map((p) => ({
              label: p.name,
              bars: [
                { value: p.open, tone: 'open', text: `${p.open} ${t(locale, 'team.open').toLowerCase()}` },
                { value: p.overdue, tone: 'overdue', text: `${p.overdue} ${t(locale, 'team.overdue').toLowerCase()}` },
              ],
            })),
          })
        : null,
      people,
      unassigned,
    });
  });
  return r;
}
