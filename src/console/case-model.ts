import type { Locale } from '../domain/customer.js';
import { subtract } from '../domain/money.js';
import { isLead } from '../domain/roles.js';
import type { Engine } from '../engine/engine.js';
import { restoreSnapshot } from '../engine/snapshots.js';
import { previewMessage } from '../http/messages.js';
import { caseView } from '../http/view.js';
import type { CaseRecord } from '../store/cases.js';
import { readJournal } from '../store/journal.js';
import { getUsers, listUsers } from '../store/users.js';
import { fieldsFor } from './event-form.js';
import { t } from './i18n.js';
import type { ConsoleSession } from './session.js';
import { stateKey } from './states.js';
import { isOverdue, timeLeft } from './time-left.js';

/** The order actions are offered in; the first allowed one is the step's main action. */
const ORDER = ['ASSIGN', 'CALL_LOGGED', 'APOLOGIZE', 'EXPLAIN', 'OFFER', 'APPROVE_OFFER', 'REJECT_OFFER', 'CUSTOMER_ACCEPTED', 'CUSTOMER_DECLINED', 'ISSUE', 'SKIP_COMPENSATION', 'FOLLOW_UP', 'PROPOSE_RECOVERY', 'RECORD_RECOVERY', 'REOPEN', 'ORDER_PLACED', 'REASSIGN', 'ESCALATE', 'REVERT', 'CLOSE_LOST'];
/** Actions that are never the step's work itself: kept under "more actions". */
const SIDE = new Set(['REASSIGN', 'ESCALATE', 'REVERT', 'CLOSE_LOST', 'PROPOSE_RECOVERY', 'RECORD_RECOVERY', 'ORDER_PLACED']);
const STEPS = ['personalCall', 'apologize', 'explain', 'compensate', 'followUp'] as const;
const DONE_STATES = new Set(['resolved', 'wonBack', 'lost']);

/** What a re-rendered page carries from the last submission: the form's values, errors, notices, preview. */
export interface PageState {
  /** The action the reader just did (after the redirect): said only while it is still the last thing that happened. */
  done?: string;
  event?: string;
  values?: Record<string, string>;
  errors?: Record<string, string>;
  notice?: { kind: 'error' | 'warn' | 'ok'; text: string; list?: string[] };
  preview?: { event: string; message: ReturnType<typeof previewMessage> };
}

/** apologize → explain → compensate → follow up, with the current step, done ticks and a skipped compensation. */
function statechart(c: CaseRecord, skipReason: string | null, calledPersonally: boolean, locale: Locale) {
  const top = c.state.split('.')[0] ?? c.state;
  const steps = STEPS.filter((s) => s !== 'personalCall' || c.tone === 'conflict' || calledPersonally);
  const at = DONE_STATES.has(top) ? steps.length : steps.indexOf(top as (typeof STEPS)[number]);
  return steps.map((s, i) => {
    const skipped = s === 'compensate' && skipReason !== null && i < at;
    const status = skipped ? 'skipped' : i < at ? 'done' : i === at ? 'current' : 'ahead';
    return { step: s, label: t(locale, stateKey(s)), status, statusLabel: t(locale, `step.${status}`) };
  });
}

function doneNotice(done: string | undefined, last: { type: string; actorId: string } | undefined, me: string, state: string, locale: Locale): PageState['notice'] {
  if (!done || last?.type !== done || last.actorId !== me) return undefined;
  return { kind: 'ok', text: t(locale, 'case.done', { what: t(locale, `event.${done}`), state: t(locale, stateKey(state)) }) };
}

/** Everything the case page shows, for this reader. */
export async function caseModel(engine: Engine, c: CaseRecord, session: ConsoleSession, locale: Locale, now: string, state: PageState = {}) {
  const db = engine.store.read;
  const actor = session.actor;
  const view = await caseView(db, engine, c, actor);
  const context = restoreSnapshot(c.snapshot, c.machineVersion).context;
  const journal = await readJournal(db, c.id, 0, 500);
  const users = await getUsers(db, journal.map((e) => e.actorId));
  const lead = isLead(actor);
  const people = lead ? (await listUsers(db)).filter((u) => u.active && u.role !== 'admin').map((u) => ({ id: u.id, name: u.name })) : undefined;

  const allowed = [...view.allowedEvents].sort((a, b) => ORDER.indexOf(a.type) - ORDER.indexOf(b.type));
  const forms = allowed.map(({ type, schema }) => {
    const mine = state.event === type;
    // A handler takes a case for themself; only a lead picks someone.
    const values = mine ? state.values : type === 'ASSIGN' && !lead ? { ownerId: actor.id } : undefined;
    const fields = fieldsFor(type, schema, { locale, isLead: lead, currency: c.budget.currency, values, errors: mine ? state.errors : undefined, people });
    return {
      type,
      title: t(locale, `event.${type}`),
      help: t(locale, `event.${type}.help`),
      fields: type === 'ASSIGN' && !lead ? [] : fields,
      hidden: type === 'ASSIGN' && !lead ? [{ name: 'ownerId', value: actor.id }] : [],
      hasComposer: fields.some((f) => f.composer),
      side: SIDE.has(type),
      preview: state.preview?.event === type ? state.preview.message : undefined,
      formError: mine ? state.errors?._form : undefined,
    };
  });
  // One primary button: the step's main action; the other actions of the step are secondary.
  const main = forms.filter((f) => !f.side).map((f, i) => ({ ...f, primary: i === 0 }));
  const offerForm = forms.find((f) => f.type === 'OFFER');
  let stepPreview: ReturnType<typeof previewMessage> | undefined;
  // Shown when the step's main action writes to the customer; waiting for a lead, nothing goes out yet.
  if (main[0]?.hasComposer && c.state !== 'compensate.awaitingApproval') {
    try {
      stepPreview = previewMessage(engine, c, actor, {});
    } catch {
      stepPreview = undefined; // a step without a template of its own: nothing to show beforehand
    }
  }
  const stepDue = view.checklist.dueAt;
  return {
    title: `${c.ref} · ${c.customer.name}`,
    c: {
      id: c.id,
      ref: c.ref,
      version: c.version,
      state: t(locale, stateKey(c.state)),
      stateId: c.state,
      scenario: view.scenario.title[locale],
      tone: c.tone,
      conflict: c.tone === 'conflict',
      escalated: c.escalated,
      breaching: c.breaching,
      channel: c.channel,
      customer: c.customer,
      orderId: c.orderId,
      description: c.description,
      owner: view.owner,
      mine: c.ownerId === actor.id,
      budget: c.budget,
      spent: c.spent,
      remaining: subtract(c.budget, c.spent),
      committed: c.committed.minor > 0 ? c.committed : null,
      offer: view.offer,
      statusUrl: view.statusUrl,
    },
    steps: statechart(c, context.skipReason, journal.some((e) => e.type === 'CALL_LOGGED'), locale),
    checklist: {
      items: view.checklist.items.map((i) => ({ do: i.do[locale], say: i.say?.[locale] })),
      dueAt: stepDue,
      left: stepDue ? timeLeft(stepDue, now, locale) : null,
      overdue: isOverdue(stepDue, now),
    },
    deadlines: view.deadlines.map((d) => ({ step: t(locale, stateKey(d.step)), dueAt: d.dueAt, left: timeLeft(d.dueAt, now, locale), overdue: isOverdue(d.dueAt, now) })),
    actions: main,
    sideActions: forms.filter((f) => f.side),
    suggestedOffers: offerForm
      ? view.suggestedOffers.map((o) => ({ kind: o.kind, title: o.title[locale], percent: 'percent' in o ? o.percent : null, value: 'value' in o ? o.value : null }))
      : [],
    stepPreview,
    notice: state.notice ?? doneNotice(state.done, journal.at(-1), actor.id, c.state, locale),
    messages: view.messages.map((m) => ({ ...m, statusLabel: t(locale, `delivery.${m.status}`), purposeLabel: t(locale, `purpose.${String(m.purpose)}`) })),
    timeline: journal
      .map((e) => ({
        at: e.at,
        what: t(locale, `event.${e.type}`),
        // The customer answers offers on their status page: the journal names them by role.
        by: e.actorRole === 'customer' ? c.customer.name : (users.get(e.actorId)?.name ?? (e.actorId === 'system' ? 'Amends' : e.actorId)),
        to: t(locale, stateKey(e.toState)),
        moved: e.fromState !== e.toState,
        note: typeof e.payload.comment === 'string' ? e.payload.comment : typeof e.payload.reason === 'string' ? e.payload.reason : typeof e.payload.summary === 'string' ? e.payload.summary : null,
      }))
      .reverse(),
  };
}
