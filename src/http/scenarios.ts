import { Router } from 'express';
import { notFound } from '../domain/errors.js';
import type { Engine } from '../engine/engine.js';
import { noQuery } from './validate.js';

export function scenariosRouter(engine: Engine): Router {
  const r = Router();
  r.get('/', (req, res) => {
    noQuery(req);
    res.json({
      items: [...engine.catalog.values()].map((s) => ({
        id: s.id,
        title: s.title,
        severity: s.severity,
        tone: s.tone,
        budget: s.budget,
        offers: s.offers,
        deadlines: s.deadlines,
      })),
    });
  });
  r.get('/:id', (req, res) => {
    const s = engine.catalog.get(req.params.id);
    if (!s) throw notFound('scenario');
    res.json(s);
  });
  return r;
}
