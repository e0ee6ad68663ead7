/**
 * Whether a message held for want of a webhook still fits its case when a webhook is configured.
 * Released blindly, a long-closed case's customer would get apology, explanation, offer and follow-up
 * in one burst, and the leads alerts about conditions that passed long ago.
 *
 * Pure: the caller loads the message, the case's facts and its other outbox messages.
 */

export interface HeldMessage {
  /** `${caseId}:${version}:${n}`: the version and position order a case's messages. */
  id: string;
  topic: string;
  payload: Record<string, unknown>;
  createdAt: string;
}

export interface CaseFacts {
  status: 'open' | 'resolved' | 'closed';
  /** The statechart path, e.g. `compensate.awaitingApproval`. */
  state: string;
  offer: { id: string; status: string } | null;
}

export type Fate = { send: true } | { send: false; why: string };

const SEND: Fate = { send: true };
const expire = (why: string): Fate => ({ send: false, why });

/** (version, n) from an outbox id; ids of one case compare by these, not as text. */
function orderOf(id: string): [number, number] {
  const parts = id.split(':');
  return [Number(parts.at(-2)), Number(parts.at(-1))];
}

function isLater(a: string, b: string): boolean {
  const [va, na] = orderOf(a);
  const [vb, nb] = orderOf(b);
  return va > vb || (va === vb && na > nb);
}

const offerIdOf = (payload: Record<string, unknown>): string | undefined => {
  const offer = payload.offer as { id?: unknown } | null | undefined;
  return typeof offer?.id === 'string' ? offer.id : undefined;
};

/**
 * @param siblings every outbox message of the same case, whatever its status (the message itself may be among them)
 * @param maxAgeMs customer messages held longer than this are stale
 * @example fateOfHeld(apology, { status: 'closed', state: 'lost', offer: null }, [], now, DAY) // { send: false, why: 'the case is closed' }
 */
export function fateOfHeld(m: HeldMessage, c: CaseFacts | undefined, siblings: readonly HeldMessage[], now: string, maxAgeMs: number): Fate {
  if (!c) return expire('the case no longer exists');
  return m.topic === 'customer' ? customerFate(m, c, siblings, now, maxAgeMs) : alertFate(m, c);
}

function customerFate(m: HeldMessage, c: CaseFacts, siblings: readonly HeldMessage[], now: string, maxAgeMs: number): Fate {
  const purpose = m.payload.purpose;
  if (c.status === 'closed') return expire('the case is closed');
  // The follow-up is what resolves a case: it still fits a resolved one; nothing earlier does.
  if (c.status === 'resolved' && purpose !== 'followUp') return expire('the case is resolved');
  if (siblings.some((s) => s.topic === 'customer' && s.payload.purpose === purpose && isLater(s.id, m.id))) {
    return expire(`superseded by a later ${String(purpose)} message`);
  }
  // "We will call you" means nothing once the call was made.
  if (purpose === 'callNote' && c.state.split('.')[0] !== 'personalCall') return expire('the personal call was logged');
  if (purpose === 'offer' || purpose === 'approval') {
    const offerId = offerIdOf(m.payload);
    // Accepted or paid, the customer already knows of it; declined, withdrawn or replaced, it is void.
    if (!(c.offer && c.offer.id === offerId && c.offer.status === 'offered')) return expire('the offer is no longer open');
  }
  if (Date.parse(now) - Date.parse(m.createdAt) > maxAgeMs) return expire('held too long to send now');
  return SEND;
}

function alertFate(m: HeldMessage, c: CaseFacts): Fate {
  const step = c.state.split('.')[0];
  switch (m.payload.kind) {
    case 'approvalRequested':
      return c.state === 'compensate.awaitingApproval' && c.offer?.id === offerIdOf(m.payload) ? SEND : expire('the offer no longer awaits approval');
    case 'conflict':
      return step === 'personalCall' ? SEND : expire('the personal call was logged');
    case 'deadlineMissed': {
      const missed = m.payload.step;
      if (c.status !== 'open') return expire('the case is no longer open');
      if (missed === 'overall') return SEND;
      if (missed === 'approval') return c.state === 'compensate.awaitingApproval' ? SEND : expire('the offer no longer awaits approval');
      return missed === step ? SEND : expire(`the case has left ${String(missed)}`);
    }
    case 'escalated':
      return c.status === 'open' ? SEND : expire('the case is no longer open');
    default:
      // Kinds this rule does not know yet are sent: losing an alert is worse than a late one.
      return SEND;
  }
}
