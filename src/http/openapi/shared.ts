import { z } from 'zod';
import { Money } from '../../domain/money.js';
import { component } from './builder.js';

/** Shapes several resources answer with. */
export const IsoDateTime = z.string().describe('ISO 8601 date-time in UTC, e.g. 2026-11-25T09:00:00.000Z');
export const Localized = z.object({ ru: z.string(), en: z.string() }).strict();
export const PersonRef = z.object({ id: z.string(), name: z.string() }).strict();
export const MoneyOut = Money;

/** RFC 9457 problem details; the members below are always present, extensions vary by problem. */
export const ProblemRef = component('Problem', {
  type: 'object',
  description: 'RFC 9457 problem details (`application/problem+json`).',
  required: ['type', 'title', 'status', 'detail', 'instance'],
  properties: {
    type: { type: 'string', description: 'A URI reference naming the kind of problem, e.g. /problems/validation' },
    title: { type: 'string' },
    status: { type: 'integer', minimum: 400, maximum: 599 },
    detail: { type: 'string', description: 'What went wrong, for a person' },
    instance: { type: 'string', description: 'The request path' },
    errors: {
      type: 'array',
      description: 'Every wrong field (400)',
      items: { type: 'object', required: ['path', 'message'], properties: { path: { type: 'string' }, message: { type: 'string' } } },
    },
    state: { type: 'string', description: 'The case state (409)' },
    allowedEvents: { type: 'array', items: { type: 'string' }, description: 'What the case accepts now (409)' },
    currentVersion: { type: 'integer', description: 'The current case version (412)' },
    retryAfter: { type: 'integer', description: 'Seconds to wait (429)' },
  },
  additionalProperties: true,
});

export const MoneyRef = component('Money', Money, 'input');
