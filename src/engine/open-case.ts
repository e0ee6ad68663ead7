import { randomBytes } from 'node:crypto';
import { newId } from '../domain/ids.js';
import { initialTransition } from 'xstate';
import { complaintMachine, MACHINE_VERSION } from '../../workflows/complaint.js';
import type { Scenario } from '../../workflows/scenarios/index.js';
import type { OpenCaseInput } from '../domain/case.js';
import { AppError } from '../domain/errors.js';
import { zero } from '../domain/money.js';
import type { Actor } from '../domain/roles.js';
import { classifyComplaint } from '../intake/classify.js';
import type { Tone } from '../intake/tone.js';
import { insertCase, nextCaseSeq, type CaseRecord } from '../store/cases.js';
import { inTransaction } from '../store/db.js';
import { saveIdempotency } from '../store/idempotency.js';
import { getUser } from '../store/users.js';
import { findReplay, type Idempotency } from './idempotency.js';
import { caseBudget } from './budget.js';
import { recordTransition } from './commit.js';
import { collectEffects } from './effects.js';
import { nowIso, type Engine } from './engine.js';
import { persist, statePath, statusOf, type ComplaintSnapshot } from './snapshots.js';

/**
 * The customer's status page link: unguessable (144 random bits), and not the case id. It opens with
 * the time in fixed-width base 36 so new tokens sort together: a random one lands on a random leaf
 * of the unique index, one more page for every opening's commit to write.
 */
function statusToken(): string {
  return `${Date.now().toString(36).padStart(9, '0')}${randomBytes(18).toString('base64url')}`;
}

type Initial = { snapshot: ComplaintSnapshot; actions: ReturnType<typeof initialTransition<typeof complaintMachine>>[1]; persisted: unknown };
const initials = new Map<string, Initial>();
const MAX_INITIALS = 1000;

function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const v of Object.values(value)) deepFreeze(v);
}

/**
 * The statechart's first step depends only on the tone and the owner, and XState took ~100 µs per
 * opening to compute it: computed once per pair. The shared context and action parameters are frozen,
 * so code that tried to change them would fail loudly instead of changing other cases; every case
 * gets its own copy of the persisted snapshot.
 */
function initialOf(tone: Tone, ownerId: string | null): Initial {
  const key = JSON.stringify([tone, ownerId]);
  let known = initials.get(key);
  if (!known) {
    const [snapshot, actions] = initialTransition(complaintMachine, { tone, ownerId });
    deepFreeze(snapshot.context);
    for (const a of actions) deepFreeze(a.params);
    const persisted = persist(snapshot);
    deepFreeze(persisted);
    known = { snapshot, actions, persisted };
    if (initials.size >= MAX_INITIALS) initials.clear();
    initials.set(key, known);
  }
  return { ...known, persisted: structuredClone(known.persisted) };
}

/** The caller's scenario and tone win; otherwise the classifier chooses both from the description. */
function chooseScenario(engine: Engine, input: OpenCaseInput): { scenario: Scenario; tone: Tone } {
  if (input.scenario) {
    const s = engine.catalog.get(input.scenario);
    if (!s) {
      throw new AppError('validation', `unknown scenario ${input.scenario}`, {
        errors: [{ path: 'scenario', message: `must be one of ${[...engine.catalog.keys()].join(', ')}` }],
      });
    }
    return { scenario: s, tone: input.tone ?? s.tone };
  }
  const found = classifyComplaint(engine.catalog, { text: input.description, locale: input.customer.locale });
  return { scenario: found.scenario, tone: input.tone ?? found.tone };
}

/**
 * Open a case: the statechart's initial state, version 1, an OPENED journal entry, the first deadlines.
 * A case opened by a person belongs to them unless `ownerId` says otherwise (null leaves it in triage).
 */
export async function openCase(
  engine: Engine,
  input: OpenCaseInput,
  actor: Actor,
  opts: { idempotency?: Idempotency | undefined } = {},
): Promise<{ record: CaseRecord; replayed: boolean; visible: boolean }> {
  const { scenario, tone } = chooseScenario(engine, input);
  // In an HTTP process in front of the writer: classified here, opened there with the choice made.
  if (engine.writer) return (await engine.writer.call('openCase', [{ ...input, scenario: scenario.id, tone }, actor, opts])) as Awaited<ReturnType<typeof openCase>>;
  const ownerId = input.ownerId !== undefined ? input.ownerId : actor.kind === 'user' ? actor.id : null;
  return inTransaction(engine.store, async (trx) => {
    const now = nowIso(engine);
    // The creator hears the first outcome again even if the case has since moved out of their sight.
    const prior = await findReplay(trx, actor, opts.idempotency);
    if (prior) return { record: prior.record, replayed: true, visible: prior.visible };
    // Like ASSIGN: a handler may take a case or leave it unassigned, but not hand it to someone else.
    if (actor.role === 'handler' && ownerId !== null && ownerId !== actor.id) {
      throw new AppError('forbidden', 'a handler can only open a case for themself or leave it unassigned; a lead names another owner');
    }
    if (ownerId !== null) {
      const owner = await getUser(trx, ownerId);
      if (!owner || !owner.active) throw new AppError('validation', 'no such active user', { errors: [{ path: 'ownerId', message: `user ${ownerId} does not exist or is inactive` }] });
    }
    const { snapshot, actions, persisted } = initialOf(tone, ownerId);
    const currency = input.currency ?? engine.config.currency;
    const seq = await nextCaseSeq(trx);
    const path = statePath(snapshot);
    const record: CaseRecord = {
      id: newId('cas'),
      seq,
      ref: `AM-${String(seq).padStart(6, '0')}`,
      version: 1,
      machineVersion: MACHINE_VERSION,
      snapshot: persisted,
      state: path,
      status: statusOf(path),
      outcome: snapshot.context.outcome,
      scenario: scenario.id,
      tone,
      severity: scenario.severity,
      channel: input.channel,
      customer: input.customer,
      orderId: input.orderId ?? null,
      executorId: input.executorId ?? null,
      description: input.description,
      ownerId,
      budget: caseBudget(scenario, input.customer.tier, currency),
      spent: zero(currency),
      committed: zero(currency),
      escalated: false,
      breaching: false,
      statusToken: statusToken(),
      openedBy: actor.id,
      createdAt: now,
      updatedAt: now,
      resolvedAt: null,
    };
    await insertCase(trx, record);
    const opened = { type: 'OPENED', scenario: scenario.id, tone, ownerId, channel: input.channel, orderId: input.orderId ?? null };
    await recordTransition(trx, engine, record, null, snapshot, collectEffects(actions), opened, actor, [], now);
    if (opts.idempotency) {
      await saveIdempotency(trx, actor.id, opts.idempotency.key, { requestHash: opts.idempotency.requestHash, statusCode: 201, caseId: record.id }, now);
    }
    return { record, replayed: false, visible: true };
  });
}
