import { z } from 'zod';
import type { AlertPayload } from '../alerts/payload.js';
import { ACTION, FIELD, LABELS, VIEW, decisionModal, outcomeLine, type ButtonValue, type ModalMeta } from '../alerts/slack-actions.js';
import { slackMessage } from '../alerts/slack.js';
import { AppError } from '../domain/errors.js';
import { newId } from '../domain/ids.js';
import type { Money } from '../domain/money.js';
import type { Actor } from '../domain/roles.js';
import { loadCase } from '../store/cases.js';
import { inTransaction } from '../store/db.js';
import { enqueue, outboxMessage } from '../store/outbox.js';
import { findUserBySlackId } from '../store/users.js';
import { refusal } from './authorize.js';
import { dispatch } from './dispatch.js';
import { nowIso, type Engine } from './engine.js';
import { restoreSnapshot } from './snapshots.js';

/**
 * Decisions taken in Slack: a click is the mapped person's decision, through the same `dispatch` as
 * the API (journaled `via: 'slack'`). Nothing slow happens before Slack gets its answer: updating
 * the message and notes to the clicker go through the outbox (topic `slack-response`).
 */

const SlackUser = z.object({ id: z.string().min(1).max(64) });
const BlockActions = z.object({
  type: z.literal('block_actions'),
  user: SlackUser,
  trigger_id: z.string().max(200).optional(),
  response_url: z.url().optional(),
  actions: z.array(z.object({ action_id: z.string().max(255), value: z.string().max(2000).optional() })).min(1),
});
const ViewSubmission = z.object({
  type: z.literal('view_submission'),
  user: SlackUser,
  view: z.object({
    callback_id: z.string().max(255),
    private_metadata: z.string().max(3000),
    state: z.object({ values: z.record(z.string(), z.record(z.string(), z.object({ value: z.string().nullable().optional() }))) }),
  }),
});
const Value = z.object({ c: z.string().min(1).max(200), o: z.string().max(200).optional(), a: z.string().max(300) });
const Meta = Value.extend({ r: z.url() });

/** What the HTTP layer answers Slack at once: nothing (200, empty) or a modal's `response_action`. */
export type InteractionAnswer = undefined | { response_action: 'errors'; errors: Record<string, string> };

export async function handleInteraction(engine: Engine, payload: unknown): Promise<InteractionAnswer> {
  const actions = BlockActions.safeParse(payload);
  if (actions.success) {
    await onBlockAction(engine, actions.data);
    return undefined;
  }
  const submission = ViewSubmission.safeParse(payload);
  if (submission.success) return onViewSubmission(engine, submission.data);
  // Other interactions (a link button, a closed modal) need nothing from us.
  return undefined;
}

const locale = (engine: Engine) => engine.config.locale;

function parseJson<T>(schema: z.ZodType<T>, text: string | undefined): T | undefined {
  if (!text) return undefined;
  try {
    const r = schema.safeParse(JSON.parse(text));
    return r.success ? r.data : undefined;
  } catch {
    return undefined;
  }
}

/** The Amends person behind a Slack user, as an actor; undefined when nobody (active) is mapped. */
async function actorOfSlack(engine: Engine, slackUserId: string): Promise<Actor | undefined> {
  const u = await findUserBySlackId(engine.store.read, slackUserId);
  return u ? { kind: 'user', id: u.id, name: u.name, role: u.role, limit: u.limit } : undefined;
}

function unmapped(engine: Engine): string {
  return locale(engine) === 'ru'
    ? 'Ваш пользователь Slack не связан с сотрудником Amends: попросите администратора указать ваш Slack ID (PATCH /api/v1/users/:id { slackUserId } или `user set-slack`).'
    : 'Your Slack user is not linked to an Amends person: ask an admin to set your Slack ID (PATCH /api/v1/users/:id { slackUserId } or `user set-slack`).';
}

const nothingChanged = (engine: Engine, why: string) => `${locale(engine) === 'ru' ? 'Ничего не изменилось' : 'Nothing changed'}: ${why}`;

/** Queue a post to the interaction's response_url; the worker delivers it after Slack has its answer. */
async function respond(engine: Engine, caseId: string, url: string | undefined, body: Record<string, unknown>): Promise<void> {
  if (!url) return;
  await inTransaction(engine.store, (trx) => enqueue(trx, [{ id: `${caseId}:slack:${newId('srp')}`, caseId, topic: 'slack-response', payload: { url, body } }], nowIso(engine)));
}

const note = (engine: Engine, caseId: string, url: string | undefined, text: string) =>
  respond(engine, caseId, url, { response_type: 'ephemeral', replace_original: false, text });

/** The alert re-rendered with who decided what, when, in place of its buttons. */
async function replaceOriginal(engine: Engine, v: ButtonValue, url: string | undefined, outcome: Parameters<typeof outcomeLine>[0]): Promise<void> {
  const line = outcomeLine(outcome, locale(engine), engine.config.timeZone);
  const alert = await outboxMessage(engine.store.read, v.a);
  const caseUrl = `${engine.config.publicUrl}/cases/${v.c}`;
  const message =
    alert?.topic === 'slack'
      ? slackMessage(alert.payload as unknown as AlertPayload, { caseUrl, locale: locale(engine), zone: engine.config.timeZone, outboxId: alert.id, outcome: line })
      : { text: line, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: line } }] };
  await respond(engine, v.c, url, { replace_original: true, ...message });
}

/** Dispatch a decision; the refusal's message when the rules say no (nothing changed then). */
async function decide(engine: Engine, caseId: string, event: Record<string, unknown>, actor: Actor): Promise<string | null> {
  try {
    await dispatch(engine, caseId, event, actor, { via: 'slack' });
    return null;
  } catch (err) {
    if (err instanceof AppError) return err.message;
    throw err;
  }
}

/** Why this person may not decide on this request now, checked before a modal is opened for nothing. */
async function cannotDecide(engine: Engine, v: ButtonValue, actor: Actor): Promise<string | null> {
  const c = await loadCase(engine.store.read, v.c);
  if (!c) return 'the case no longer exists';
  const ctx = restoreSnapshot(c.snapshot, c.machineVersion).context;
  if (c.state !== 'compensate.awaitingApproval' || ctx.offer?.id !== v.o) return `approval request ${v.o ?? ''} was already decided`;
  return refusal(actor, c.ownerId, ctx, { type: 'APPROVE_OFFER' });
}

async function requestedAmount(engine: Engine, caseId: string): Promise<Money | undefined> {
  const c = await loadCase(engine.store.read, caseId);
  return c ? restoreSnapshot(c.snapshot, c.machineVersion).context.offer?.value : undefined;
}

async function openModal(engine: Engine, triggerId: string | undefined, view: Record<string, unknown>): Promise<string | null> {
  if (!engine.config.slackBotToken || !triggerId) return 'opening a form needs AMENDS_SLACK_BOT_TOKEN; decide in Amends instead';
  try {
    // Within the click's 3 seconds: the trigger expires after that.
    const res = await fetch(`${engine.config.slackApiUrl}/views.open`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', authorization: `Bearer ${engine.config.slackBotToken}` },
      body: JSON.stringify({ trigger_id: triggerId, view }),
      signal: AbortSignal.timeout(2500),
    });
    const answer = (await res.json().catch(() => ({}))) as { ok?: boolean; error?: string };
    return res.ok && answer.ok ? null : `Slack did not open the form (${answer.error ?? res.status})`;
  } catch (err) {
    return `Slack did not open the form (${err instanceof Error ? err.message : String(err)})`;
  }
}

async function onBlockAction(engine: Engine, p: z.infer<typeof BlockActions>): Promise<void> {
  const action = p.actions[0];
  const v = parseJson(Value, action?.value);
  if (!action || !v || !Object.values(ACTION).includes(action.action_id as never)) return;
  const url = p.response_url;
  const actor = await actorOfSlack(engine, p.user.id);
  if (!actor) return note(engine, v.c, url, unmapped(engine));
  const now = nowIso(engine);
  const l = LABELS[locale(engine)];

  if (action.action_id === ACTION.approve) {
    const value = await requestedAmount(engine, v.c);
    const why = await decide(engine, v.c, { type: 'APPROVE_OFFER', offerId: v.o, comment: l.approvedInSlack }, actor);
    if (why) return note(engine, v.c, url, nothingChanged(engine, why));
    return replaceOriginal(engine, v, url, { decision: 'approved', by: actor.name, at: now, value });
  }
  if (action.action_id === ACTION.change || action.action_id === ACTION.reject) {
    const why = await cannotDecide(engine, v, actor);
    if (why) return note(engine, v.c, url, nothingChanged(engine, why));
    if (!url) return;
    const kind = action.action_id === ACTION.change ? 'change' : 'reject';
    const failed = await openModal(engine, p.trigger_id, decisionModal(kind, { ...v, r: url } satisfies ModalMeta, await requestedAmount(engine, v.c), locale(engine)));
    if (failed) return note(engine, v.c, url, nothingChanged(engine, failed));
    return;
  }
  // "I'll call": the lead takes the case, and with it the personal call and its deadline.
  const c = await loadCase(engine.store.read, v.c);
  if (!c) return note(engine, v.c, url, nothingChanged(engine, 'the case no longer exists'));
  if (c.state !== 'triage' && c.state !== 'personalCall') return note(engine, v.c, url, nothingChanged(engine, `the personal call is over (the case is at ${c.state})`));
  if (c.ownerId === actor.id && c.state === 'personalCall') return note(engine, v.c, url, nothingChanged(engine, 'the call is already yours'));
  const why = await decide(engine, v.c, { type: c.ownerId ? 'REASSIGN' : 'ASSIGN', ownerId: actor.id }, actor);
  if (why) return note(engine, v.c, url, nothingChanged(engine, why));
  return replaceOriginal(engine, v, url, { decision: 'calling', by: actor.name, at: now });
}

/** `12 345,67` or `12345.67` in major units → minor units; undefined when it is not a positive amount with at most 2 decimals. */
export function parseAmount(text: string | null | undefined, currency: Money['currency']): Money | undefined {
  const t = (text ?? '').replace(/[\s\u00a0]/g, '').replace(',', '.');
  const m = /^(\d{1,10})(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) return undefined;
  const minor = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return minor > 0 ? { minor, currency } : undefined;
}

async function onViewSubmission(engine: Engine, p: z.infer<typeof ViewSubmission>): Promise<InteractionAnswer> {
  const meta = parseJson(Meta, p.view.private_metadata);
  if (!meta || (p.view.callback_id !== VIEW.change && p.view.callback_id !== VIEW.reject)) return undefined;
  const values = p.view.state.values;
  const field = (block: string) => values[block]?.[block]?.value ?? undefined;
  const errorOn = p.view.callback_id === VIEW.change ? FIELD.amount : FIELD.comment;
  const refuse = (why: string): InteractionAnswer => ({ response_action: 'errors', errors: { [errorOn]: why.slice(0, 150) } });
  const actor = await actorOfSlack(engine, p.user.id);
  if (!actor) return refuse(unmapped(engine));
  const comment = field(FIELD.comment)?.trim();
  if (!comment) return { response_action: 'errors', errors: { [FIELD.comment]: locale(engine) === 'ru' ? 'Напишите комментарий' : 'Write a comment' } };
  const now = nowIso(engine);

  if (p.view.callback_id === VIEW.reject) {
    const why = await decide(engine, meta.c, { type: 'REJECT_OFFER', offerId: meta.o, comment }, actor);
    if (why) return refuse(nothingChanged(engine, why));
    await replaceOriginal(engine, meta, meta.r, { decision: 'rejected', by: actor.name, at: now, comment });
    return undefined;
  }
  const requested = await requestedAmount(engine, meta.c);
  const value = requested && parseAmount(field(FIELD.amount), requested.currency);
  if (!value) return refuse(locale(engine) === 'ru' ? 'Укажите сумму больше нуля, не более двух знаков после запятой' : 'Give an amount above zero with at most two decimals');
  const why = await decide(engine, meta.c, { type: 'APPROVE_OFFER', offerId: meta.o, value, comment }, actor);
  if (why) return refuse(nothingChanged(engine, why));
  await replaceOriginal(engine, meta, meta.r, { decision: 'approved', by: actor.name, at: now, value, comment });
  return undefined;
}
