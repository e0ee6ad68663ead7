import type { Actor } from '../domain/roles.js';
import { isLead } from '../domain/roles.js';
import { AppError } from '../domain/errors.js';
import { SYSTEM_EVENTS, type EventType } from '../domain/events.js';
import type { ComplaintContext } from '../../workflows/complaint.js';

/** Events only a lead (or admin) may send. */
const LEAD_ONLY: ReadonlySet<EventType> = new Set(['REASSIGN', 'APPROVE_OFFER', 'REJECT_OFFER', 'CLOSE_LOST', 'REVERT', 'ORDER_PLACED', 'RECORD_RECOVERY']);

/** The only events a customer sends: the answer to an offer that waits for them. */
export const CUSTOMER_EVENTS: ReadonlySet<EventType> = new Set(['CUSTOMER_ACCEPTED', 'CUSTOMER_DECLINED']);

/**
 * Handlers see their own cases and the unassigned ones; a customer sees only the case of their
 * status token (a caller that does not name the case shows them nothing); everyone else sees all.
 */
export function canSee(actor: Actor, ownerId: string | null, caseId?: string): boolean {
  if (actor.kind === 'customer') return caseId !== undefined && caseId === actor.caseId;
  if (actor.role !== 'handler') return true;
  return ownerId === null || ownerId === actor.id;
}

/**
 * Why `actor` may not send `event` to this case, or null when it may. The statechart decides
 * whether the event fits the state; this decides whether the person may send it at all.
 */
export function refusal(actor: Actor, ownerId: string | null, context: ComplaintContext, event: { type: EventType; ownerId?: string }): string | null {
  if (actor.kind === 'system') return null;
  if (actor.kind === 'customer') return CUSTOMER_EVENTS.has(event.type) ? null : `${event.type} is not the customer's to send`;
  if (SYSTEM_EVENTS.has(event.type)) return `${event.type} is sent by the system only`;
  if (LEAD_ONLY.has(event.type) && !isLead(actor)) return `${event.type} needs a lead`;
  if ((event.type === 'APPROVE_OFFER' || event.type === 'REJECT_OFFER') && context.offer?.requestedBy === actor.id) {
    return 'nobody decides on their own approval request';
  }
  if (actor.role === 'handler') {
    if (ownerId !== null && ownerId !== actor.id) return 'the case belongs to someone else';
    if (event.type === 'ASSIGN' && event.ownerId !== undefined && event.ownerId !== actor.id) return 'a handler can only take a case for themself';
  }
  return null;
}

export function authorize(actor: Actor, ownerId: string | null, context: ComplaintContext, event: { type: EventType; ownerId?: string }): void {
  const why = refusal(actor, ownerId, context, event);
  if (why) throw new AppError('forbidden', why);
}
