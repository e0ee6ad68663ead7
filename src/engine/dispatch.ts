import type { ComplaintEvent } from '../../workflows/complaint.js';
import { AppError, notFound } from '../domain/errors.js';
import { EVENT_PAYLOADS, isEventType, type PublicEvent } from '../domain/events.js';
import type { Actor } from '../domain/roles.js';
import { loadCase, lockCase, saveCase, type CaseRecord } from '../store/cases.js';
import { inTransaction, type Db } from '../store/db.js';
import { saveIdempotency } from '../store/idempotency.js';
import { markFired } from '../store/timers.js';
import { allowedEvents } from './allowed.js';
import { authorize, canSee } from './authorize.js';
import { project, recordTransition } from './commit.js';
import { collectEffects } from './effects.js';
import { enrich } from './enrich.js';
import { replayed, type Idempotency } from './idempotency.js';
import { nowIso, type Engine } from './engine.js';
import { recentAt, remember, type RecentCase } from './recent-cases.js';
import { restoreSnapshot, step } from './snapshots.js';
import { workerStats } from './worker-stats.js';
import { issuesToFieldErrors } from './validation.js';

export interface DispatchOptions {
  /** The version the client last saw (HTTP If-Match); a newer case answers 412. */
  ifMatch?: number | undefined;
  /** Replays the first outcome for a repeated request instead of applying it again. */
  idempotency?: Idempotency | undefined;
  /** Set by the worker: the event fires this timer, at most once. */
  timerId?: string | undefined;
  /** The channel the decision came through when it is not the API (e.g. `slack`): journaled with the event. */
  via?: 'slack' | undefined;
}

export interface DispatchResult {
  record: CaseRecord;
  replayed: boolean;
}

/** Validate `{ type, ...payload }` against the public event schemas. */
export function parseEvent(input: unknown): PublicEvent {
  const type = (input as { type?: unknown } | null)?.type;
  if (!isEventType(type)) {
    throw new AppError('validation', `unknown event type ${JSON.stringify(type)}`, {
      errors: [{ path: 'type', message: `must be one of ${Object.keys(EVENT_PAYLOADS).join(', ')}` }],
    });
  }
  const { type: _t, ...payload } = input as Record<string, unknown>;
  const parsed = EVENT_PAYLOADS[type].safeParse(payload);
  if (!parsed.success) throw new AppError('validation', `invalid ${type} payload`, { errors: issuesToFieldErrors(parsed.error.issues) });
  return { type, ...parsed.data } as PublicEvent;
}

/**
 * The only way a case changes. One transaction: load, authorize, transition with XState's pure
 * functions, compare-and-swap the snapshot, journal, effects, timers. A rejected event changes nothing.
 * @example await dispatch(engine, caseId, { type: 'APOLOGIZE', channel: 'phone', text: '…' }, actor)
 */
export async function dispatch(engine: Engine, caseId: string, input: unknown, actor: Actor, opts: DispatchOptions = {}): Promise<DispatchResult | null> {
  const event = parseEvent(input);
  // In an HTTP process in front of the writer: checked here, applied there.
  if (engine.writer) return (await engine.writer.call('dispatch', [caseId, event, actor, opts])) as DispatchResult | null;
  for (let attempt = 1; ; attempt++) {
    let written: RecentCase | undefined;
    try {
      const result = await inTransaction(engine.store, (trx) => apply(trx, engine, caseId, event, actor, opts, (w) => (written = w)));
      // Committed: the next event on this case may start from here.
      if (written) remember(engine.store, written);
      return result;
    } catch (err) {
      // Another process wrote the case between our read and our write (Postgres, several processes).
      // The event is applied again to the case as it now is: it is checked afresh (If-Match answers
      // 412, a state that no longer allows it 409), and only a case that keeps changing gives up.
      if (!(err instanceof LostSwap) || attempt >= CAS_ATTEMPTS) throw err;
      workerStats(engine).casRetries++;
    }
  }
}

/** How often one event is applied before a case that keeps changing under it answers 409. */
const CAS_ATTEMPTS = 5;

/** The compare-and-swap of the case row lost: someone else wrote the version this event was computed on. */
class LostSwap extends AppError {
  constructor() {
    super('conflict', 'the case changed while this event was applied; read it again and retry');
  }
}

async function apply(
  trx: Db,
  engine: Engine,
  caseId: string,
  event: PublicEvent,
  actor: Actor,
  opts: DispatchOptions,
  wrote: (w: RecentCase) => void,
): Promise<DispatchResult | null> {
  const now = nowIso(engine);
  // First take the case: a concurrent event on it (a retry with the same key, a racing If-Match)
  // then sees this one's outcome instead of the state both started from.
  const version = await lockCase(trx, caseId);
  const prior = await replayed(trx, actor, opts.idempotency, caseId);
  if (prior) return { record: prior, replayed: true };
  // The case as this process committed it, when nobody has written it since; else read from the row.
  const recent = recentAt(engine.store, caseId, version);
  const current = recent ? recent.record : await loadCase(trx, caseId);
  if (!current || !canSee(actor, current.ownerId, current.id)) throw notFound('case');
  // A timer fires in the same transaction as its event, so it fires once even with many workers.
  // Marked after the case row is locked: every writer locks the case first, then its timers, so a
  // timer firing and an event re-planning the same timers cannot deadlock on Postgres.
  if (opts.timerId && !(await markFired(trx, opts.timerId, now))) return null;
  if (opts.ifMatch !== undefined && opts.ifMatch !== current.version) {
    throw new AppError('stale', `the case is at version ${current.version}, not ${opts.ifMatch}`, { currentVersion: current.version });
  }
  const snapshot = recent ? recent.snapshot : restoreSnapshot(current.snapshot, current.machineVersion);
  // A closed case (won back or lost) is history: XState would still apply root-level events to a
  // finished snapshot, so refuse them here.
  if (snapshot.status !== 'active') {
    throw new AppError('eventNotAllowed', `the case is closed (${current.state}); nothing more can happen to it`, { state: current.state, allowedEvents: [] });
  }
  authorize(actor, current.ownerId, snapshot.context, event);
  // Whether the event fits the state is checked before enriching it, so a misplaced event answers 409
  // whatever its payload; the enriched event is checked again for guards that read the payload.
  const notAllowed = () =>
    new AppError('eventNotAllowed', `${event.type} is not allowed in state ${current.state}`, {
      state: current.state,
      allowedEvents: allowedEvents(snapshot, actor, current.ownerId).map((a) => a.type),
    });
  if (!snapshot.can({ ...event, actorId: actor.id, needsApproval: false } as unknown as ComplaintEvent)) throw notAllowed();
  const { event: machineEvent, reasons } = await enrich(trx, engine, current, snapshot, event, actor);
  if (!snapshot.can(machineEvent)) throw notAllowed();
  const [nextSnapshot, actions] = step(snapshot, machineEvent);
  const effects = collectEffects(actions);
  const next = project(current, nextSnapshot, effects, now);
  if (!(await saveCase(trx, current, next))) throw new LostSwap();
  await recordTransition(trx, engine, next, current.state, nextSnapshot, effects, machineEvent as never, actor, reasons, now, opts.via);
  if (opts.idempotency) {
    await saveIdempotency(trx, actor.id, opts.idempotency.key, { requestHash: opts.idempotency.requestHash, statusCode: 200, caseId }, now);
  }
  wrote({ record: next, snapshot: nextSnapshot });
  return { record: next, replayed: false };
}
