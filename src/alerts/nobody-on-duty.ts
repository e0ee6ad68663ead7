import type { Engine } from '../engine/engine.js';
import { nowIso } from '../engine/engine.js';
import type { CaseRecord } from '../store/cases.js';
import { inTransaction } from '../store/db.js';
import { enqueue, outboxOfCase } from '../store/outbox.js';
import { alertPayload } from './payload.js';

/**
 * Tell the leads a case waits in triage with nobody on duty, once per case: the id is fixed, and a
 * case that already has the alert is left alone, so the worker can call this again after a crash
 * between opening the case and enqueueing its alert.
 */
export async function alertNobodyOnDuty(engine: Engine, c: CaseRecord): Promise<void> {
  const id = `${c.id}:1:duty`;
  await inTransaction(engine.store, async (trx) => {
    if ((await outboxOfCase(trx, c.id)).some((m) => m.id === id)) return;
    const payload = await alertPayload(trx, c, { kind: 'nobodyOnDuty', reason: 'nobody is on duty: the case waits in triage for an owner' });
    await enqueue(trx, [{ id, caseId: c.id, topic: 'slack', payload: { ...payload } }], nowIso(engine));
  });
}
