import { z } from 'zod';
import { OrderInput, RatingInput } from '../../domain/rating.js';
import { component, operation, type Paths } from './builder.js';

/** The case an intake call opened or touched, briefly. */
const IntakeCase = z.object({ id: z.string(), ref: z.string(), state: z.string() }).loose();
const RatingAnswer = z.object({ case: IntakeCase.nullable(), opened: z.boolean(), matched: z.boolean().optional() }).strict();

const signed = { public: true, headers: ['X-Amends-Timestamp', 'X-Amends-Signature'] as Array<'X-Amends-Timestamp' | 'X-Amends-Signature'> };

export const intakePaths: Paths = {
  '/api/v1/intake/ratings': {
    post: operation({
      summary: "An order's rating; a low one opens a case (one per order), a later one is journaled on it",
      description: 'Signed with HMAC-SHA256 instead of a bearer token; the same order and rating twice answers the same.',
      tags: ['intake'],
      ...signed,
      body: component('Rating', RatingInput, 'input'),
      ok: { 201: { description: 'A case was opened', schema: RatingAnswer }, 200: { description: 'Nothing new opened', schema: RatingAnswer } },
      problems: [401],
    }),
  },
  '/api/v1/intake/orders': {
    post: operation({
      summary: 'The customer ordered again: their resolved cases within the win-back window are won back',
      tags: ['intake'],
      ...signed,
      body: component('Order', OrderInput, 'input'),
      ok: { 200: { schema: z.object({ wonBack: z.array(z.string()) }).loose() } },
      problems: [401],
    }),
  },
};
