import { getNextTransitions } from 'xstate';
import { z } from 'zod';
import type { ComplaintEvent } from '../../workflows/complaint.js';
import { EVENT_PAYLOADS, isEventType, SYSTEM_EVENTS, type EventType } from '../domain/events.js';
import type { Actor } from '../domain/roles.js';
import { refusal } from './authorize.js';
import type { ComplaintSnapshot } from './snapshots.js';

const schemaCache = new Map<EventType, unknown>();

/** The JSON Schema of an event's payload, as clients should send it. */
export function eventSchema(type: EventType): unknown {
  let schema = schemaCache.get(type);
  if (!schema) {
    schema = z.toJSONSchema(EVENT_PAYLOADS[type], { io: 'input', unrepresentable: 'any' });
    schemaCache.set(type, schema);
  }
  return schema;
}

/**
 * The events this actor may send now, with their payload schemas. Guards that read the case
 * (e.g. "was compensation issued") are evaluated; guards on the payload are not.
 */
export function allowedEvents(snapshot: ComplaintSnapshot, actor: Actor, ownerId: string | null): Array<{ type: EventType; schema: unknown }> {
  if (snapshot.status !== 'active') return [];
  const types = new Set<EventType>();
  for (const t of getNextTransitions(snapshot)) {
    const type = t.eventType;
    if (!isEventType(type) || SYSTEM_EVENTS.has(type)) continue;
    if (refusal(actor, ownerId, snapshot.context, { type, ownerId: actor.id }) !== null) continue;
    const probe = { type, actorId: actor.id, needsApproval: false } as unknown as ComplaintEvent;
    if (snapshot.can(probe)) types.add(type);
  }
  return [...types].map((type) => ({ type, schema: eventSchema(type) }));
}
