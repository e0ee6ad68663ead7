import { Router, type Request, type Response } from 'express';
import { Channel } from '../domain/customer.js';
import { AppError, notFound, type FieldError } from '../domain/errors.js';
import { isEventType } from '../domain/events.js';
import { canSee } from '../engine/authorize.js';
import { dispatch } from '../engine/dispatch.js';
import { scenarioOf, type Engine } from '../engine/engine.js';
import { templateFor, type Purpose } from '../responses/compose.js';
import { previewMessage } from '../http/messages.js';
import { loadCase, type CaseRecord } from '../store/cases.js';
import { caseModel, type PageState } from './case-model.js';
import { errorsByField, payloadFrom } from './event-form.js';
import { guarded } from './guards.js';
import { t } from './i18n.js';
import { contextOf, renderConsole } from './render.js';
import { stateKey } from './states.js';
import { allowedEvents } from '../engine/allowed.js';
import { restoreSnapshot } from '../engine/snapshots.js';

/** The message each sending action writes, so its preview shows that message whatever the state. */
const PURPOSE_OF: Partial<Record<string, Purpose>> = {
  APOLOGIZE: 'apology',
  EXPLAIN: 'explanation',
  OFFER: 'offer',
  SKIP_COMPENSATION: 'notADefect',
  FOLLOW_UP: 'followUp',
  REOPEN: 'reopen',
};

/** A case this reader may see, or the same 404 as a case that does not exist (as the API answers). */
async function visibleCase(engine: Engine, res: Response, id: string): Promise<CaseRecord> {
  const session = contextOf(res).session;
  const c = await loadCase(engine.store.read, id);
  if (!c || !session || !canSee(session.actor, c.ownerId)) throw notFound('case');
  return c;
}

async function showCase(engine: Engine, req: Request, res: Response, c: CaseRecord, state: PageState = {}, status = 200) {
  const { session, locale, now } = contextOf(res);
  if (!session) throw new AppError('unauthorized', 'sign in first');
  const model = await caseModel(engine, c, session, locale, now, state);
  renderConsole(req, res, 'case', model, status, `/cases/${encodeURIComponent(c.id)}`);
}

const stringValues = (body: Record<string, unknown>) => Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string' && !e[0].startsWith('_')));

/** `/cases/:id`: the case page, and its action forms posting to `/cases/:id/events`. */
export function casePages(engine: Engine): Router {
  const r = Router();
  const g = guarded(engine, r);

  g.page('/cases/:id', async (req, res) => {
    const c = await visibleCase(engine, res, String(req.params.id));
    const done = typeof req.query.done === 'string' && isEventType(req.query.done) ? req.query.done : undefined;
    await showCase(engine, req, res, c, done ? { done } : {});
  });

  // The address a re-rendered form leaves behind without htmx: a reload goes back to the page.
  g.page('/cases/:id/events', (req, res) => res.redirect(303, `/cases/${encodeURIComponent(String(req.params.id))}`));

  g.action('/cases/:id/events', async (req, res) => {
    const c = await visibleCase(engine, res, String(req.params.id));
    const { session, locale } = contextOf(res);
    if (!session) throw new AppError('unauthorized', 'sign in first');
    const body = req.body as Record<string, unknown>;
    const type = typeof body._event === 'string' ? body._event : '';
    const values = stringValues(body);
    const version = Number(body._version);
    // The form was built for the version it carries; a newer case means someone else moved it.
    if (!Number.isInteger(version) || version !== c.version) return showStale(req, res, c);
    const allowed = allowedEvents(restoreSnapshot(c.snapshot, c.machineVersion), session.actor, c.ownerId).find((a) => a.type === type);
    if (!allowed) {
      return showCase(engine, req, res, c, { notice: { kind: 'error', text: t(locale, 'case.notAllowed', { what: t(locale, `event.${type}`), state: t(locale, stateKey(c.state)) }) } }, 409);
    }
    const { event, errors } = payloadFrom(type, allowed.schema, body, { locale, currency: c.budget.currency });
    if (body._preview !== undefined) {
      const channel = Channel.safeParse(event.channel);
      const purpose = PURPOSE_OF[type];
      const message = previewMessage(engine, c, session.actor, {
        ...(purpose ? { template: templateFor(scenarioOf(engine, c.scenario), purpose) } : {}),
        ...(typeof event.text === 'string' ? { text: event.text } : {}),
        ...(channel.success ? { channel: channel.data } : {}),
        ...(typeof event.cause === 'string' ? { cause: event.cause } : {}),
        ...(typeof event.prevention === 'string' ? { prevention: event.prevention } : {}),
        ...(typeof event.reason === 'string' ? { reason: event.reason } : {}),
      });
      return showCase(engine, req, res, c, { event: type, values, preview: { event: type, message } });
    }
    if (errors.length > 0) return showInvalid(req, res, c, type, values, errors);
    try {
      await dispatch(engine, c.id, event, session.actor, { ifMatch: version });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      return showRefusal(req, res, c, type, values, err);
    }
    res.redirect(303, `/cases/${encodeURIComponent(c.id)}?done=${type}`);
  });

  async function showStale(req: Request, res: Response, c: CaseRecord) {
    const { locale } = contextOf(res);
    const fresh = await visibleCase(engine, res, c.id);
    return showCase(engine, req, res, fresh, { notice: { kind: 'warn', text: t(locale, 'case.stale', { state: t(locale, stateKey(fresh.state)) }) } }, 409);
  }

  function showInvalid(req: Request, res: Response, c: CaseRecord, type: string, values: Record<string, string>, errors: FieldError[]) {
    const { locale } = contextOf(res);
    // A field left empty is said plainly, not in the schema's words.
    const said = errors.map((e) => {
      const field = e.path.split('.')[0] ?? '';
      return field && !values[field]?.trim() ? { path: field, message: t(locale, 'form.required') } : e;
    });
    return showCase(engine, req, res, c, { event: type, values, errors: errorsByField(said), notice: { kind: 'error', text: t(locale, 'case.invalid') } }, 400);
  }

  async function showRefusal(req: Request, res: Response, c: CaseRecord, type: string, values: Record<string, string>, err: AppError) {
    const { locale } = contextOf(res);
    if (err.kind === 'stale' || err.kind === 'conflict') return showStale(req, res, c);
    if (err.kind === 'notFound') throw err;
    if (err.kind === 'validation') return showInvalid(req, res, c, type, values, (err.extra.errors as FieldError[] | undefined) ?? [{ path: '_form', message: err.message }]);
    if (err.kind === 'messageRefused') {
      const findings = (err.extra.findings as Array<{ phrase: string; why: string; suggestion: string }> | undefined) ?? [];
      return showCase(engine, req, res, c, {
        event: type,
        values,
        errors: { text: t(locale, 'case.lintRefused') },
        notice: { kind: 'error', text: t(locale, 'case.lintRefused'), list: findings.map((f) => `«${f.phrase}» — ${f.why} ${f.suggestion ? `→ ${f.suggestion}` : ''}`) },
      }, 422);
    }
    const fresh = await visibleCase(engine, res, c.id);
    return showCase(engine, req, res, fresh, { event: type, values, notice: { kind: 'error', text: `${t(locale, `error.${err.kind === 'eventNotAllowed' ? 409 : err.kind === 'forbidden' ? 403 : 422}`)} ${err.message}` } }, err.kind === 'forbidden' ? 403 : err.kind === 'eventNotAllowed' ? 409 : 422);
  }

  return r;
}
