import { z } from 'zod';
import { operation, type Paths } from './builder.js';

const status = operation({
  summary: "The customer's status page for a case",
  tags: ['system'],
  public: true,
  params: { token: 'the unguessable token in the case’s statusUrl' },
  ok: { 200: { description: 'An HTML page in the customer’s language', content: { 'text/html': { schema: { type: 'string' } } } } },
});
// A browser asking for an unknown token may get a small HTML page instead of problem+json.
const notFound = (status.responses as Record<string, { content: Record<string, unknown> }>)['404'];
if (notFound) notFound.content['text/html'] = { schema: { type: 'string' } };

const Home = z.object({ name: z.literal('Amends'), about: z.string(), links: z.record(z.string(), z.string()).describe('path → what is there') }).strict();

export const systemPaths: Paths = {
  '/': {
    get: operation({
      summary: 'What this server is and where to go, in the reader’s language',
      tags: ['system'],
      public: true,
      ok: { 200: { description: 'HTML for browsers, JSON for JSON clients', schema: Home, content: { 'text/html': { schema: { type: 'string' } } } } },
    }),
  },
  '/healthz': { get: operation({ summary: 'Health: the database answers', tags: ['system'], public: true, ok: { 200: { schema: z.object({ status: z.literal('ok') }).strict() } } }) },
  '/metrics': {
    get: operation({ summary: 'Prometheus metrics', tags: ['system'], public: true, ok: { 200: { description: 'Prometheus text exposition format', content: { 'text/plain': { schema: { type: 'string' } } } } } }),
  },
  '/openapi.json': {
    get: operation({ summary: 'This document (OpenAPI 3.1)', tags: ['system'], public: true, ok: { 200: { schema: { type: 'object', required: ['openapi', 'info', 'paths'] } } } }),
  },
  '/status/{token}': { get: status },
};
