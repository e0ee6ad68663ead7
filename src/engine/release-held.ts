import type { Logger } from '../log.js';
import { loadCase } from '../store/cases.js';
import { inTransaction } from '../store/db.js';
import { heldOfTopics, markExpired, outboxOfCase, releaseToPending, type OutboxMessage, type OutboxTopic } from '../store/outbox.js';
import { nowIso, type Engine } from './engine.js';
import { fateOfHeld, type CaseFacts } from './held-fate.js';
import { restoreSnapshot } from './snapshots.js';

const PAGE = 500;

/**
 * Once a webhook is configured, messages held for it are released, except those that no longer fit
 * their case (closed case, superseded, stale, an alert whose condition passed): those are expired.
 * @returns how many were released and how many expired
 */
export async function releaseHeld(engine: Engine, topics: OutboxTopic[], maxAgeMs: number, log?: Logger): Promise<{ released: number; expired: number }> {
  const totals = { released: 0, expired: 0 };
  const why = new Map<string, number>();
  let after = '';
  for (;;) {
    const held = await heldOfTopics(engine.store.db, topics, PAGE, after);
    if (held.length === 0) break;
    after = held.at(-1)!.id;
    const byCase = new Map<string, OutboxMessage[]>();
    for (const m of held) byCase.set(m.caseId, [...(byCase.get(m.caseId) ?? []), m]);
    await inTransaction(engine.store, async (trx) => {
      const now = nowIso(engine);
      const release: string[] = [];
      const expired: Array<{ id: string; why: string }> = [];
      for (const [caseId, messages] of byCase) {
        const c = await loadCase(trx, caseId);
        const facts: CaseFacts | undefined = c && { status: c.status, state: c.state, offer: restoreSnapshot(c.snapshot, c.machineVersion).context.offer };
        const siblings = await outboxOfCase(trx, caseId);
        for (const m of messages) {
          const fate = fateOfHeld(m, facts, siblings, now, maxAgeMs);
          if (fate.send) release.push(m.id);
          else expired.push({ id: m.id, why: fate.why });
        }
      }
      await releaseToPending(trx, release, now);
      await markExpired(trx, expired);
      totals.released += release.length;
      totals.expired += expired.length;
      for (const e of expired) why.set(e.why, (why.get(e.why) ?? 0) + 1);
    });
    if (held.length < PAGE) break;
  }
  if (totals.released > 0 || totals.expired > 0) {
    log?.info({ ...totals, expiredBecause: Object.fromEntries(why) }, 'held messages released to newly configured webhooks; those that no longer fit their case expired');
  }
  return totals;
}
