import { Router, type Request, type Response } from 'express';
import { AppError, type FieldError } from '../domain/errors.js';
import type { Currency } from '../domain/money.js';
import { teamBudget } from '../engine/budget.js';
import type { Engine } from '../engine/engine.js';
import { Decision, decideApproval, pendingApprovals } from '../http/approvals.js';
import { errorsByField } from './event-form.js';
import { guarded } from './guards.js';
import { t } from './i18n.js';
import { parseMajor, toMajorInput } from './money-input.js';
import { contextOf, renderConsole } from './render.js';
import { timeLeft } from './time-left.js';

interface InboxState {
  offerId?: string;
  values?: Record<string, string>;
  errors?: Record<string, string>;
  notice?: { kind: 'ok' | 'error' | 'warn'; text: string };
}

/** Reasons are recorded in English by the engine; the inbox says them in the reader's language. */
const reasonKey = (r: string) => `reason.${r.replace(/[^a-z%0-9]+/gi, '-').replace(/^-|-$/g, '')}`;

/** `/approvals`: the leads' inbox — each request with its reasons and budgets, approve (maybe less) or reject. */
export function approvalsPages(engine: Engine): Router {
  const r = Router();
  const g = guarded(engine, r);

  async function showInbox(req: Request, res: Response, state: InboxState = {}, status = 200) {
    const { session, locale, now } = contextOf(res);
    if (!session) throw new AppError('unauthorized', 'sign in first');
    const items = await pendingApprovals(engine, session.actor);
    const teams = new Map<Currency, Awaited<ReturnType<typeof teamBudget>>>();
    for (const currency of new Set(items.map((i) => i.budget.currency))) teams.set(currency, await teamBudget(engine.store.read, now, engine.config.timeZone, currency));
    const requests = items.map((i) => {
      const mine = state.offerId === i.id;
      const reason = (x: string) => {
        const text = t(locale, reasonKey(x));
        return text === reasonKey(x) ? x : text;
      };
      return {
        ...i,
        scenario: engine.catalog.get(i.scenario)?.title[locale] ?? i.scenario,
        kind: t(locale, `option.kind.${i.offer.kind}`),
        reasons: i.reasons.map(reason),
        team: teams.get(i.budget.currency)?.remaining ?? null,
        left: i.dueAt ? timeLeft(i.dueAt, now, locale) : null,
        amount: mine ? (state.values?.value ?? '') : toMajorInput(i.offer.value),
        comment: mine ? (state.values?.comment ?? '') : '',
        errors: mine ? state.errors : undefined,
      };
    });
    renderConsole(req, res, 'approvals', { title: t(locale, 'approvals.title'), requests, notice: state.notice }, status, '/approvals');
  }

  g.leadPage('/approvals', async (req, res) => {
    const { locale } = contextOf(res);
    const done = req.query.done;
    await showInbox(req, res, done === 'approve' || done === 'reject' ? { notice: { kind: 'ok', text: t(locale, `approvals.done.${done}`) } } : {});
  });

  g.leadPage('/approvals/:id/decision', (_req, res) => res.redirect(303, '/approvals'));

  g.leadAction('/approvals/:id/decision', async (req, res) => {
    const { session, locale } = contextOf(res);
    if (!session) throw new AppError('unauthorized', 'sign in first');
    const offerId = String(req.params.id);
    const body = req.body as Record<string, unknown>;
    const values = { value: typeof body.value === 'string' ? body.value : '', comment: typeof body.comment === 'string' ? body.comment : '' };
    const decision = body.decision === 'reject' ? 'reject' : 'approve';
    const errors: FieldError[] = [];
    const item = (await pendingApprovals(engine, session.actor)).find((i) => i.id === offerId);
    if (!item) return showInbox(req, res, { notice: { kind: 'warn', text: t(locale, 'approvals.gone') } }, 409);
    let value;
    if (decision === 'approve' && values.value.trim() !== '') {
      value = parseMajor(values.value, item.offer.value.currency) ?? undefined;
      if (!value) errors.push({ path: 'value', message: t(locale, 'form.notAnAmount') });
    }
    const parsed = Decision.safeParse(decision === 'approve' ? { decision, ...(value ? { value } : {}), comment: values.comment } : { decision, comment: values.comment });
    if (!parsed.success) errors.push(...parsed.error.issues.map((i) => ({ path: i.path.join('.') || 'comment', message: i.path[0] === 'comment' ? t(locale, 'approvals.commentNeeded') : i.message })));
    if (errors.length > 0 || !parsed.success) return showInbox(req, res, { offerId, values, errors: errorsByField(errors), notice: { kind: 'error', text: t(locale, 'case.invalid') } }, 400);
    try {
      await decideApproval(engine, offerId, parsed.data, session.actor);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      if (err.kind === 'validation') {
        return showInbox(req, res, { offerId, values, errors: errorsByField((err.extra.errors as FieldError[] | undefined) ?? [{ path: 'value', message: err.message }]), notice: { kind: 'error', text: err.message } }, 400);
      }
      const status = err.kind === 'forbidden' ? 403 : err.kind === 'budgetExceeded' ? 422 : 409;
      const text = err.kind === 'conflict' || err.kind === 'stale' || err.kind === 'eventNotAllowed' ? t(locale, 'approvals.gone') : `${t(locale, `error.${status}`)} ${err.message}`;
      return showInbox(req, res, { offerId, values, notice: { kind: 'error', text } }, status);
    }
    res.redirect(303, `/approvals?done=${decision}`);
  });

  return r;
}
