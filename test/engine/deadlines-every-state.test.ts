import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../../workflows/scenarios/index.js';
import { dispatch } from '../../src/engine/dispatch.js';
import { openCase } from '../../src/engine/open-case.js';
import type { Running } from '../../src/server.js';
import { timersOfCase } from '../../src/store/timers.js';
import { addUser, customer, FakeClock, HOUR, recordingDeliverer, startTestServer, type TestUser } from '../helpers.js';

let running: Running;
let handler: TestUser;
let lead: TestUser;
const clock = new FakeClock();

beforeAll(async () => {
  running = await startTestServer({ clock });
  // A handler with no limit of their own: every offer waits for a lead, so the walk passes awaitingApproval.
  handler = await addUser(running.engine, 'Анна Смирнова', 'handler', { minor: 0, currency: 'RUB' });
  lead = await addUser(running.engine, 'Ольга Лидова', 'lead');
});
afterAll(async () => running.close());

/** The pending deadlines of a case, as `step` names; a stopped one as `step:paused`. */
async function pendingSteps(caseId: string): Promise<string[]> {
  return (await timersOfCase(running.engine.store.db, caseId, ['pending', 'paused'])).map((t) => (t.status === 'paused' ? `${t.step}:paused` : t.step));
}

/** Each state a case can wait in, and the deadline that must be pending there besides the overall one. */
function expectedDeadline(state: string): string[] {
  const step = state.split('.')[0]!;
  if (state === 'compensate.awaitingApproval') return ['compensate', 'approval'];
  // The offer is with the customer: the step waits for them, its clock stopped until they answer.
  if (state === 'compensate.offered') return ['compensate:paused'];
  if (step === 'resolved') return ['winBack'];
  return [step];
}

async function walk(scenarioId: string, tone: 'constructive' | 'conflict'): Promise<string[]> {
  const engine = running.engine;
  const opened = await openCase(
    engine,
    { customer: customer({ id: `c-${scenarioId}-${tone}` }), channel: 'phone', description: 'Жалоба', scenario: scenarioId, tone, ownerId: null },
    lead.actor,
  );
  const id = opened.record.id;
  const visited: string[] = [];
  const check = async (state: string) => {
    const steps = await pendingSteps(id);
    for (const want of expectedDeadline(state)) expect(steps, `${scenarioId} (${tone}) in ${state}`).toContain(want);
    if (state !== 'resolved') expect(steps, `${scenarioId} (${tone}) in ${state}`).toContain('overall');
    visited.push(state);
  };
  const send = async (event: Record<string, unknown>, actor = handler.actor) => {
    const r = await dispatch(engine, id, event, actor);
    await check(r!.record.state);
    return r!.record.state;
  };
  await check(opened.record.state);
  await send({ type: 'ASSIGN', ownerId: handler.id });
  if (tone === 'conflict') await send({ type: 'CALL_LOGGED', summary: 'Поговорили' });
  await send({ type: 'APOLOGIZE', channel: 'phone', text: 'Простите нас.' });
  await send({ type: 'EXPLAIN', cause: 'Причина', prevention: 'Меры', text: 'Объяснение' });
  await send({ type: 'OFFER', kind: 'credit', value: { minor: 10_000, currency: 'RUB' } });
  await send({ type: 'APPROVE_OFFER', value: { minor: 10_000, currency: 'RUB' }, comment: 'Справедливо' }, lead.actor);
  await send({ type: 'CUSTOMER_ACCEPTED' });
  await send({ type: 'ISSUE' });
  await send({ type: 'FOLLOW_UP', text: 'Всё ли хорошо?' });
  return visited;
}

describe('a deadline in every state a case can wait in', () => {
  for (const scenario of catalog.values()) {
    it(`keeps a step deadline pending in every waiting state of ${scenario.id}`, async () => {
      expect(await walk(scenario.id, 'constructive')).toEqual([
        'triage', 'apologize', 'explain', 'compensate.choosing', 'compensate.awaitingApproval', 'compensate.offered', 'compensate.accepted', 'followUp', 'resolved',
      ]);
      expect(await walk(scenario.id, 'conflict')).toContain('personalCall');
    });
  }

  it('alerts the leads when nobody takes a case out of triage in time', async () => {
    const clock = new FakeClock();
    const deliver = recordingDeliverer();
    const server = await startTestServer({ clock, deliver });
    try {
      const lead = await addUser(server.engine, 'Ольга Лидова', 'lead');
      const { record } = await openCase(
        server.engine,
        { customer: customer(), channel: 'rating', description: 'Клинер опоздал', scenario: 'late-arrival', ownerId: null },
        lead.actor,
      );
      clock.advance(HOUR);
      await server.worker!.tick();
      const alerts = deliver.sent.filter((m) => m.topic === 'slack' && m.payload.caseId === record.id).map((m) => m.payload);
      expect(alerts).toEqual([expect.objectContaining({ kind: 'deadlineMissed', step: 'triage' })]);
    } finally {
      await server.close();
    }
  });

  it('alerts the leads when the personal call of a conflict case is not logged in time', async () => {
    const clock = new FakeClock();
    const deliver = recordingDeliverer();
    const server = await startTestServer({ clock, deliver });
    try {
      const h = await addUser(server.engine, 'Анна Смирнова', 'handler');
      const { record } = await openCase(
        server.engine,
        { customer: customer(), channel: 'phone', description: 'Клинер опоздал', scenario: 'late-arrival', tone: 'conflict' },
        h.actor,
      );
      expect(record.state).toBe('personalCall');
      clock.advance(3 * HOUR);
      await server.worker!.tick();
      const alerts = deliver.sent.filter((m) => m.topic === 'slack' && m.payload.caseId === record.id).map((m) => m.payload.kind === 'deadlineMissed' && m.payload.step);
      expect(alerts).toContain('personalCall');
    } finally {
      await server.close();
    }
  });
});
