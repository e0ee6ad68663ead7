import { alertNobodyOnDuty } from '../alerts/nobody-on-duty.js';
import { AppError } from '../domain/errors.js';
import { SYSTEM } from '../domain/roles.js';
import type { Logger } from '../log.js';
import { listCases } from '../store/cases.js';
import { chooseOwner } from './assign.js';
import { dispatch } from './dispatch.js';
import type { Engine } from './engine.js';

/**
 * Cases intake left in triage because nobody was on duty get an owner as soon as someone is, oldest
 * first. Cases a person deliberately left unassigned (opened by hand with `ownerId: null`) stay for
 * anyone to take.
 */
export async function assignWaiting(engine: Engine, log?: Logger): Promise<number> {
  const waiting = await listCases(engine.store.db, { state: 'triage', ownerId: null, openedBy: SYSTEM.id, oldestFirst: true, limit: 100 });
  let assigned = 0;
  for (const c of waiting) {
    const owner = await chooseOwner(engine.store.db, c.tone === 'conflict' ? 'conflict' : 'constructive', engine.clock(), engine.config.timeZone);
    if (owner.ownerId === null) {
      // Still nobody: make sure the leads were told (a crash may have come between opening and alerting).
      for (const rest of waiting) await alertNobodyOnDuty(engine, rest);
      break;
    }
    try {
      if (await dispatch(engine, c.id, { type: 'ASSIGN', ownerId: owner.ownerId }, SYSTEM)) assigned++;
    } catch (err) {
      // Someone took it meanwhile: nothing to do.
      if (!(err instanceof AppError)) throw err;
      log?.info({ case: c.id, err: err.message }, 'waiting case not assigned');
    }
  }
  return assigned;
}
