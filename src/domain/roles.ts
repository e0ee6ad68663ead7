import type { Money } from './money.js';

export const ROLES = ['handler', 'lead', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who acts: a person signed in with a token, the system itself (timers, intake), or the customer of
 * one case answering an offer on their status page. The customer is bound to that case: the status
 * token is their only credential, and it opens nothing else.
 */
export type Actor =
  | { kind: 'user'; id: string; name: string; role: Role; limit: Money | null }
  | { kind: 'system'; id: 'system'; name: string; role: 'system' }
  | { kind: 'customer'; id: string; name: string; role: 'customer'; caseId: string };

export const SYSTEM: Actor = { kind: 'system', id: 'system', name: 'Amends', role: 'system' };

/** The customer of `caseId`, acting through the case's status page. */
export function customerActor(caseId: string, customer: { id: string; name: string }): Actor {
  return { kind: 'customer', id: customer.id, name: customer.name, role: 'customer', caseId };
}

export function isLead(actor: Actor): boolean {
  return actor.role === 'lead' || actor.role === 'admin';
}
