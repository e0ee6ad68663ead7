import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import { dispatch } from '../../engine/dispatch.js';
import type { Engine } from '../../engine/engine.js';
import { loadCase } from '../../store/cases.js';
import { conflictBoard } from '../../store/team-board.js';
import { getUser, listUsers, type User } from '../../store/users.js';
import type { Locale } from '../../domain/customer.js';
import { guarded } from '../guards.js';
import { t } from '../i18n.js';
import { contextOf, renderConsole } from '../render.js';
import { stateKey } from '../states.js';
import { isOverdue, timeLeft } from '../time-left.js';

const BOARD_SIZE = 100;

/** Who a case can be given to: active people who work cases (admins administer, they do not). */
export async function assignees(engine: Engine): Promise<User[]> {
  return (await listUsers(engine.store.read)).filter((u) => u.active && u.role !== 'admin').sort((a, b) => a.name.localeCompare(b.name));
}

const Reassign = z
  .object({
    _csrf: z.string(),
    ownerId: z.string().min(1).max(200),
    version: z.coerce.number().int().min(1),
    next: z.string().max(500).optional(),
  })
  .strict();

/** Only a path of this console: a form cannot send the lead elsewhere after it is done. */
function localPath(next: string | undefined, fallback: string): string {
  return next && /^\/(?!\/)[\w\-./?=&%]*$/.test(next) ? next : fallback;
}

/** `/conflicts` (leads): the conflict board; `POST /cases/:id/reassign` (leads): give a case to someone else. */
export function conflictPages(engine: Engine): Router {
  const r = Router();
  const g = guarded(engine, r);

  g.leadPage('/conflicts', async (req: Request, res: Response) => {
    const { locale, now, zone } = contextOf(res);
    const [board, people] = await Promise.all([conflictBoard(engine.store.read, { limit: BOARD_SIZE }), assignees(engine)]);
    const notice = await noticeOf(req, locale);
    renderConsole(req, res, 'lead/conflicts', {
      title: t(locale, 'conflicts.title'),
      zone,
      notice,
      count: board.length,
      cases: board.map((c) => ({
          ...c,
          state: t(locale, stateKey(c.state)),
          callLeft: c.callDueAt && !c.calledAt ? timeLeft(c.callDueAt, now, locale) : null,
          callOverdue: !c.calledAt && isOverdue(c.callDueAt, now),
          people: people.map((p) => ({ id: p.id, name: p.name, selected: p.id === c.ownerId })),
        })),
    });
  });

  g.leadAction('/cases/:id/reassign', async (req: Request, res: Response) => {
    const { session } = contextOf(res);
    if (!session) throw new AppError('unauthorized', 'sign in first');
    const body = Reassign.safeParse(req.body);
    if (!body.success) throw new AppError('validation', 'choose the person to give the case to');
    const back = localPath(body.data.next, '/conflicts');
    const c = await loadCase(engine.store.read, String(req.params.id));
    if (!c) throw new AppError('notFound', 'case was not found');
    const join = back.includes('?') ? '&' : '?';
    if (c.ownerId === body.data.ownerId) return res.redirect(303, `${back}${join}reassigned=${encodeURIComponent(c.id)}&same=1`);
    try {
      await dispatch(engine, c.id, { type: 'REASSIGN', ownerId: body.data.ownerId }, session.actor, { ifMatch: body.data.version });
    } catch (err) {
      // Someone moved the case since the board was drawn: show the board as it is now, and say so.
      if (err instanceof AppError && (err.kind === 'stale' || err.kind === 'conflict')) return res.redirect(303, `${back}${join}stale=${encodeURIComponent(c.id)}`);
      throw err;
    }
    res.redirect(303, `${back}${join}reassigned=${encodeURIComponent(c.id)}`);
  });
  return r;

  /** What the last reassignment did, told after its redirect: done, already so, or refused as stale. */
  async function noticeOf(req: Request, locale: Locale): Promise<{ kind: 'ok' | 'warn'; text: string } | null> {
    const q = req.query as Record<string, unknown>;
    const id = typeof q.reassigned === 'string' ? q.reassigned : typeof q.stale === 'string' ? q.stale : undefined;
    if (!id) return null;
    const c = await loadCase(engine.store.read, id);
    if (!c) return null;
    if (typeof q.stale === 'string') return { kind: 'warn', text: t(locale, 'reassign.stale', { ref: c.ref }) };
    const owner = c.ownerId ? ((await getUser(engine.store.read, c.ownerId))?.name ?? c.ownerId) : '—';
    return { kind: 'ok', text: t(locale, q.same ? 'reassign.same' : 'reassign.done', { ref: c.ref, name: owner }) };
  }
}
