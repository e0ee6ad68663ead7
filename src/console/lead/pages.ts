import { Router } from 'express';
import type { Engine } from '../../engine/engine.js';
import { conflictPages } from './conflicts.js';

/** The leads' and admins' pages: conflict board and reassignment, team page, people and budget. */
export function leadPages(engine: Engine): Router {
  const r = Router();
  r.use(conflictPages(engine));
  return r;
}
