import { describe, expect, it } from 'vitest';
import { createActor, initialTransition, transition, type SnapshotFrom } from 'xstate';
import { complaintMachine, type ComplaintEvent } from '../../workflows/complaint.js';

type Snapshot = SnapshotFrom<typeof complaintMachine>;

const HANDLER = 'usr_handler';
const LEAD = 'usr_lead';
const rub = (minor: number) => ({ minor, currency: 'RUB' as const });

/** Apply events in order with the pure transition function; returns the last snapshot and every action. */
function walk(start: Snapshot, events: ComplaintEvent[]): { snapshot: Snapshot; actions: Array<{ type: string; params?: unknown }> } {
  let snapshot = start;
  const actions: Array<{ type: string; params?: unknown }> = [];
  for (const event of events) {
    const [next, acts] = transition(complaintMachine, snapshot, event);
    snapshot = next;
    actions.push(...acts.map((a) => ({ type: a.type, params: a.params })));
  }
  return { snapshot, actions };
}

const owned = () => initialTransition(complaintMachine, { tone: 'constructive', ownerId: HANDLER })[0];

const toCompensate: ComplaintEvent[] = [
  { type: 'APOLOGIZE', channel: 'phone', text: 'Простите нас', actorId: HANDLER },
  { type: 'EXPLAIN', cause: 'пробка', prevention: 'выезжаем раньше', text: 'Мы опоздали', actorId: HANDLER },
];

const offer = (needsApproval: boolean): ComplaintEvent => ({
  type: 'OFFER',
  kind: 'credit',
  value: rub(50_000),
  offerId: 'off_1',
  needsApproval,
  actorId: HANDLER,
});

describe('complaint statechart', () => {
  it('keeps an unassigned case waiting in triage until ASSIGN moves it to apologize', () => {
    const [waiting] = initialTransition(complaintMachine, { tone: 'constructive', ownerId: null });
    expect(waiting.value).toBe('triage');
    expect(waiting.context.ownerId).toBeNull();

    const [assigned] = transition(complaintMachine, waiting, { type: 'ASSIGN', ownerId: HANDLER, actorId: HANDLER });
    expect(assigned.value).toBe('apologize');
    expect(assigned.context.ownerId).toBe(HANDLER);
  });

  it('sends a conflict case with an owner to a personal call and raises a conflict alert', () => {
    const [snapshot, actions] = initialTransition(complaintMachine, { tone: 'conflict', ownerId: HANDLER });
    expect(snapshot.value).toBe('personalCall');
    expect(actions.map((a) => ({ type: a.type, params: a.params }))).toContainEqual({
      type: 'alert',
      params: expect.objectContaining({ kind: 'conflict' }),
    });

    const [called] = transition(complaintMachine, snapshot, { type: 'CALL_LOGGED', summary: 'поговорили', actorId: HANDLER });
    expect(called.value).toBe('apologize');
  });

  it('raises the conflict alert when an unassigned conflict case gets its owner', () => {
    const [waiting, opened] = initialTransition(complaintMachine, { tone: 'conflict', ownerId: null });
    expect(waiting.value).toBe('triage');
    expect(opened.filter((a) => a.type === 'alert')).toEqual([]);

    const [assigned, actions] = transition(complaintMachine, waiting, { type: 'ASSIGN', ownerId: HANDLER, actorId: LEAD });
    expect(assigned.value).toBe('personalCall');
    expect(actions.filter((a) => a.type === 'alert').map((a) => a.params)).toEqual([expect.objectContaining({ kind: 'conflict' })]);
  });

  it('walks the happy path to resolved and then to won back when the customer orders again', () => {
    const { snapshot: resolved, actions } = walk(owned(), [
      ...toCompensate,
      offer(false),
      { type: 'CUSTOMER_ACCEPTED', actorId: HANDLER },
      { type: 'ISSUE', actorId: HANDLER },
      { type: 'FOLLOW_UP', text: 'Всё хорошо?', rating: 'good', actorId: HANDLER },
    ]);
    expect(resolved.value).toBe('resolved');
    expect(resolved.status).toBe('active');
    expect(resolved.context.offer).toMatchObject({ id: 'off_1', status: 'issued', approved: rub(50_000) });
    expect(resolved.context.rating).toBe('good');
    const ledger = actions.filter((a) => a.type === 'ledger').map((a) => (a.params as { entry: string }).entry);
    expect(ledger).toEqual(['offered', 'approved', 'accepted', 'issued']);
    const messages = actions.filter((a) => a.type === 'message').map((a) => (a.params as { purpose: string }).purpose);
    expect(messages).toEqual(['apology', 'explanation', 'offer', 'followUp']);

    const [wonBack] = transition(complaintMachine, resolved, { type: 'ORDER_PLACED', orderId: 'ord-2', actorId: LEAD });
    expect(wonBack.value).toBe('wonBack');
    expect(wonBack.status).toBe('done');
    expect(wonBack.context.outcome).toBe('wonBack');
    expect(wonBack.context.wonBackOrderId).toBe('ord-2');
  });

  it('parks an offer that needs approval in compensate.awaitingApproval and asks the leads', () => {
    const { snapshot, actions } = walk(owned(), [...toCompensate, offer(true)]);
    expect(snapshot.value).toEqual({ compensate: 'awaitingApproval' });
    expect(snapshot.context.offer).toMatchObject({ status: 'awaitingApproval', approved: null });
    expect(actions.filter((a) => a.type === 'alert').map((a) => a.params)).toEqual([expect.objectContaining({ kind: 'approvalRequested' })]);

    const [approved] = transition(complaintMachine, snapshot, { type: 'APPROVE_OFFER', value: rub(40_000), comment: 'ok', actorId: LEAD });
    expect(approved.value).toEqual({ compensate: 'offered' });
    expect(approved.context.offer).toMatchObject({ status: 'offered', approved: rub(40_000) });
  });

  it('reopens a resolved case back to explain and counts the reopen', () => {
    const { snapshot: resolved } = walk(owned(), [
      ...toCompensate,
      { type: 'SKIP_COMPENSATION', reason: 'не дефект', actorId: HANDLER },
      { type: 'FOLLOW_UP', text: 'Всё хорошо?', actorId: HANDLER },
    ]);
    expect(resolved.value).toBe('resolved');

    const [reopened] = transition(complaintMachine, resolved, { type: 'REOPEN', reason: 'клиент вернулся', actorId: HANDLER });
    expect(reopened.value).toBe('explain');
    expect(reopened.context.reopened).toBe(1);
  });

  it('records a missed deadline as a breach with a deadlineMissed alert, without leaving the state', () => {
    const [missed, actions] = transition(complaintMachine, owned(), { type: 'DEADLINE_MISSED', step: 'apologize', actorId: 'system' });
    expect(missed.value).toBe('apologize');
    expect(missed.context).toMatchObject({ escalated: true, breaches: ['apologize'] });
    expect(actions.filter((a) => a.type === 'alert').map((a) => a.params)).toEqual([expect.objectContaining({ kind: 'deadlineMissed', step: 'apologize' })]);
  });

  it('returns the same snapshot and no actions for an event the state does not handle', () => {
    const start = owned();
    const [next, actions] = transition(complaintMachine, start, { type: 'ISSUE', actorId: HANDLER });
    expect(next).toBe(start);
    expect(actions).toEqual([]);
    expect(start.can({ type: 'ISSUE', actorId: HANDLER })).toBe(false);
  });

  it('round-trips a persisted snapshot through JSON and continues from it', () => {
    const { snapshot } = walk(owned(), [...toCompensate, offer(true)]);
    const stored = JSON.parse(JSON.stringify(complaintMachine.getPersistedSnapshot(snapshot)));

    const restored = createActor(complaintMachine, { snapshot: stored, input: { tone: 'constructive', ownerId: null } }).getSnapshot();
    expect(restored.value).toEqual({ compensate: 'awaitingApproval' });
    expect(restored.context).toEqual(snapshot.context);

    const [approved] = transition(complaintMachine, restored, { type: 'APPROVE_OFFER', value: rub(50_000), comment: 'ok', actorId: LEAD });
    expect(approved.value).toEqual({ compensate: 'offered' });
  });
});
