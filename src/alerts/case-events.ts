import type { CaseRecord } from '../store/cases.js';
import type { JournalEntry } from '../store/journal.js';
import type { OutboxMessage } from '../store/outbox.js';

/**
 * One outbox message per journal entry, for the team's own tools (topic `events`). The body follows
 * Standard Webhooks' `{ type, timestamp, data }`; the id is stable, so receivers deduplicate on
 * `webhook-id`.
 */
export function caseEventMessage(c: CaseRecord, e: JournalEntry): Pick<OutboxMessage, 'id' | 'caseId' | 'topic' | 'payload'> {
  return {
    id: `${c.id}:${e.version}:event`,
    caseId: c.id,
    topic: 'events',
    payload: {
      type: `case.${e.type.toLowerCase()}`,
      timestamp: e.at,
      data: {
        caseId: c.id,
        ref: c.ref,
        version: e.version,
        event: e.type,
        from: e.fromState,
        to: e.toState,
        status: c.status,
        scenario: c.scenario,
        tone: c.tone,
        ownerId: c.ownerId,
        customerId: c.customer.id,
        orderId: c.orderId,
        actor: { id: e.actorId, role: e.actorRole },
        payload: e.payload,
      },
    },
  };
}
