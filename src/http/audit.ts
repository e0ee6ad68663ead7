import { Router } from 'express';
import { z } from 'zod';
import { listAudit } from '../store/audit.js';
import type { Engine } from '../engine/engine.js';
import { requireAdmin } from './auth.js';
import { parse } from './validate.js';

export const AuditQuery = z
  .object({
    after: z
      .string()
      .regex(/^aud_[0-9a-z]{9,}$/, 'must be the nextCursor of a previous page')
      .max(200)
      .optional()
      .describe('the nextCursor of the previous page'),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    subject: z.string().min(1).max(200).optional().describe('a user id, or budget:<currency>'),
  })
  .strict();

/** `GET /api/v1/audit`: who changed people, limits, tokens and budgets, oldest first (admins). */
export function auditRouter(engine: Engine): Router {
  const r = Router();
  r.get('/', async (req, res) => {
    requireAdmin(res);
    const q = parse(AuditQuery, req.query, 'query');
    const rows = await listAudit(engine.store.read, { after: q.after, subject: q.subject, limit: q.limit + 1 });
    const page = rows.slice(0, q.limit);
    res.json({
      items: page.map((e) => ({ id: e.id, at: e.at, by: { id: e.actorId, role: e.actorRole }, action: e.action, subject: e.subject, before: e.before, after: e.after })),
      nextCursor: rows.length > q.limit ? (page.at(-1)?.id ?? null) : null,
    });
  });
  return r;
}
