import type { Money } from './money.js';

export const ROLES = ['handler', 'lead', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who acts: a person signed in with a token, or the system itself (timers, intake). */
export type Actor =
  | { kind: 'user'; id: string; name: string; role: Role; limit: Money | null }
  | { kind: 'system'; id: 'system'; name: string; role: 'system' };

export const SYSTEM: Actor = { kind: 'system', id: 'system', name: 'Amends', role: 'system' };

export function isLead(actor: Actor): boolean {
  return actor.role === 'lead' || actor.role === 'admin';
}
