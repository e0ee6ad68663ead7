import { Router, type Request, type Response } from 'express';
import { DateTime } from 'luxon';
import { AppError } from '../../domain/errors.js';
import { setCalendar, setUserRota } from '../../engine/admin.js';
import { onDutyNow } from '../../engine/assign.js';
import { nowIso, type Engine } from '../../engine/engine.js';
import { teamCalendar } from '../../engine/team-calendar.js';
import { Calendar, RotaName, TEAM, type Rota } from '../../sla/calendar.js';
import { coverage } from '../../sla/coverage.js';
import { dutyRoster } from '../../store/duty.js';
import { guarded } from '../guards.js';
import { t } from '../i18n.js';
import { contextOf, renderConsole } from '../render.js';
import { fieldLabels, fieldsOf, fieldsOfSchedule, formErrors, mainFromFields, postedDates, rotaFromFields, scheduleForm } from './calendar-form.js';
import { adminOf, adminOnly } from './people.js';

interface Notice {
  kind: 'ok' | 'error';
  text: string;
}

/** A form shown again as it was posted, with what is wrong: `team`, `add`, or `rota:<name>`. */
interface Edit {
  which: string;
  fields: Record<string, string>;
  errors: Record<string, string>;
}

const DONE = ['team', 'added', 'updated', 'removed', 'person'] as const;
const ZONES = Intl.supportedValuesOf('timeZone');

/**
 * `/admin/calendar`: the team calendar and its on-duty rotas. Admins change weekly hours, holidays,
 * transferred working days and rotas, and put people on rotas, through admin.ts (audited; open
 * deadlines re-planned); leads see the same page read-only.
 */
export function calendarPages(engine: Engine): Router {
  const r = Router();
  const g = guarded(engine, r);
  const teamZone = engine.config.timeZone;

  async function page(req: Request, res: Response, notice: Notice | null, edit: Edit | null = null, status = 200): Promise<void> {
    const { locale, zone, session } = contextOf(res);
    const calendar = await teamCalendar(engine.store.read, teamZone);
    const now = engine.clock();
    const [roster, onDuty] = await Promise.all([dutyRoster(engine.store.read), onDutyNow(engine.store.read, now, teamZone)]);
    const local = DateTime.fromJSDate(now, { zone }).setLocale(locale);
    const hhmm = (ms: number) => DateTime.fromMillis(ms, { zone }).toFormat('HH:mm');
    const label = (by: string) => (by === TEAM ? t(locale, 'calendar.teamName') : by);
    const today = coverage(calendar, local.startOf('day').toMillis(), local.startOf('day').plus({ days: 1 }).toMillis());
    const openNow = new Set(today.flatMap((c) => c.shifts.filter((s) => s.start <= now.getTime() && now.getTime() < s.end).map((s) => s.by)));
    const formFor = (which: string, fields: Record<string, string>) => (edit?.which === which ? scheduleForm(locale, edit.fields, edit.errors) : scheduleForm(locale, fields));
    const rotas = calendar.rotas ?? [];
    renderConsole(
      req,
      res,
      'lead/calendar',
      {
        title: t(locale, 'calendar.title'),
        notice,
        canEdit: session?.actor.role === 'admin',
        zones: ZONES,
        teamZone: calendar.timeZone,
        viewerZone: zone,
        nowText: local.toFormat('ccc d MMM, HH:mm'),
        covered: openNow.size > 0,
        openNow: [...openNow].map(label).join(', '),
        onDuty: onDuty.map((p) => ({ name: p.name, how: t(locale, p.hours ? 'calendar.by.hours' : p.rota && rotas.some((x) => x.name === p.rota) ? 'calendar.by.rota' : 'calendar.by.always', { rota: p.rota ?? '' }) })),
        today: today.map((c) => ({ from: hhmm(c.start), to: hhmm(c.end), shifts: c.shifts.map((s) => ({ by: label(s.by), from: hhmm(s.start), to: hhmm(s.end) })) })),
        team: { form: formFor('team', fieldsOfSchedule(calendar)), open: openNow.has(TEAM), holidayCount: calendar.holidays.length },
        rotas: rotas.map((rota) => ({
          name: rota.name,
          zone: rota.timeZone,
          open: openNow.has(rota.name),
          form: formFor(`rota:${rota.name}`, fieldsOfSchedule(rota)),
          people: roster.filter((p) => p.rota === rota.name).map((p) => ({ name: p.name, ownHours: p.hours !== null })),
        })),
        add: { form: formFor('add', { zone: '' }), open: edit?.which === 'add' },
        people: roster.map((p) => ({ id: p.id, name: p.name, rota: p.rota, ownHours: p.hours !== null, options: [{ value: '', label: t(locale, 'calendar.noRota'), selected: !p.rota }, ...rotas.map((x) => ({ value: x.name, label: x.name, selected: x.name === p.rota }))] })),
      },
      status,
      '/admin/calendar',
    );
  }

  const invalid = (req: Request, res: Response, edit: Edit) => {
    const { locale } = contextOf(res);
    return page(req, res, { kind: 'error', text: t(locale, 'calendar.error.invalid', { fields: fieldLabels(locale, edit.errors) }) }, edit, 400);
  };

  /** Validate the whole calendar with one schedule changed, store it (audited, deadlines re-planned), or show the form again. */
  async function save(req: Request, res: Response, which: string, change: (cal: Calendar, fields: Record<string, string>) => { draft: unknown; prefix: Array<string | number> }, done: (typeof DONE)[number], rota = '') {
    const by = adminOf(res);
    const { locale } = contextOf(res);
    const fields = fieldsOf(req.body);
    const current = await teamCalendar(engine.store.read, teamZone);
    const { draft, prefix } = change(current, fields);
    const parsed = Calendar.safeParse(draft);
    if (!parsed.success) {
      const errors = formErrors(locale, parsed.error.issues, prefix, postedDates(fields));
      if (Object.keys(errors).length === 0) errors.zone = t(locale, 'calendar.error.other', { message: parsed.error.issues[0]?.message ?? '' });
      return invalid(req, res, { which, fields, errors });
    }
    try {
      const { replanned } = await setCalendar(engine.store, by, parsed.data, teamZone, nowIso(engine));
      res.redirect(303, `/admin/calendar?done=${done}&replanned=${replanned}${rota ? `&rota=${encodeURIComponent(rota)}` : ''}`);
    } catch (err) {
      if (!(err instanceof AppError && err.kind === 'conflict')) throw err;
      const people = ((err.extra.people ?? []) as Array<{ name: string; rota: string }>).map((p) => `${p.name} (${p.rota})`).join(', ');
      return page(req, res, { kind: 'error', text: t(locale, 'calendar.error.stillOn', { people }) }, null, 409);
    }
  }

  const rotaIndex = (cal: Calendar, name: string) => {
    const i = (cal.rotas ?? []).findIndex((x) => x.name === name);
    if (i < 0) throw new AppError('notFound', `the calendar has no rota ${name}`);
    return i;
  };

  g.leadPage('/admin/calendar', async (req, res) => {
    const { locale } = contextOf(res);
    const q = req.query as Record<string, unknown>;
    const done = DONE.find((d) => d === q.done);
    const replanned = typeof q.replanned === 'string' && /^\d{1,7}$/.test(q.replanned) ? Number(q.replanned) : 0;
    // Names shown come from the calendar and the people list, never as text from the address.
    const rota = typeof q.rota === 'string' && RotaName.safeParse(q.rota).success ? q.rota : '';
    const who = done === 'person' && typeof q.who === 'string' ? (await dutyRoster(engine.store.read)).find((p) => p.id === q.who) : undefined;
    let text: string | null = null;
    if (done === 'person') text = who ? t(locale, who.rota ? 'calendar.done.person' : 'calendar.done.personOff', { name: who.name, rota: who.rota ?? '' }) : null;
    else if (done) text = `${t(locale, `calendar.done.${done}`, { rota })} ${t(locale, 'calendar.replanned', { n: replanned })}`;
    await page(req, res, text ? { kind: 'ok', text } : null);
  });

  g.leadAction(
    '/admin/calendar',
    adminOnly((req, res) => save(req, res, 'team', (cal, f) => ({ draft: mainFromFields(f, cal.rotas), prefix: [] }), 'team')),
  );

  g.leadAction(
    '/admin/calendar/rotas',
    adminOnly((req, res) => {
      const name = (fieldsOf(req.body).name ?? '').trim();
      return save(
        req,
        res,
        'add',
        (cal, f) => {
          const rotas = [...(cal.rotas ?? []), rotaFromFields(f, name) as Rota];
          return { draft: { ...cal, rotas }, prefix: ['rotas', rotas.length - 1] };
        },
        'added',
        name,
      );
    }),
  );

  g.leadAction(
    '/admin/calendar/rotas/:name',
    adminOnly((req, res) => {
      const name = String(req.params.name);
      return save(
        req,
        res,
        `rota:${name}`,
        (cal, f) => {
          const i = rotaIndex(cal, name);
          const rotas = (cal.rotas ?? []).map((x, j) => (j === i ? (rotaFromFields(f, name) as Rota) : x));
          return { draft: { ...cal, rotas }, prefix: ['rotas', i] };
        },
        'updated',
        name,
      );
    }),
  );

  g.leadAction(
    '/admin/calendar/rotas/:name/remove',
    adminOnly((req, res) => {
      const name = String(req.params.name);
      return save(
        req,
        res,
        `rota:${name}`,
        (cal) => {
          rotaIndex(cal, name);
          const rotas = (cal.rotas ?? []).filter((x) => x.name !== name);
          const { rotas: _all, ...rest } = cal;
          return { draft: rotas.length ? { ...rest, rotas } : rest, prefix: [] };
        },
        'removed',
        name,
      );
    }),
  );

  g.leadAction(
    '/admin/calendar/people',
    adminOnly(async (req, res) => {
      const by = adminOf(res);
      const { locale } = contextOf(res);
      const f = fieldsOf(req.body);
      try {
        await setUserRota(engine.store, by, f.userId ?? '', f.rota ? f.rota : null, nowIso(engine));
      } catch (err) {
        if (!(err instanceof AppError && err.kind === 'validation')) throw err;
        return page(req, res, { kind: 'error', text: t(locale, 'calendar.error.rota') }, null, 400);
      }
      res.redirect(303, `/admin/calendar?done=person&who=${encodeURIComponent(f.userId ?? '')}`);
    }),
  );
  return r;
}
