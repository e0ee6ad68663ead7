import { Router } from 'express';
import type { Engine } from '../../engine/engine.js';
import { conflictPages } from './conflicts.js';
import { teamPages } from './team.js';
import { peoplePages } from './people.js';
import { budgetPages } from './budget.js';
import { calendarPages } from './calendar.js';

/** The leads' and admins' pages: conflict board and reassignment, team page, people, budget and calendar. */
export function leadPages(engine: Engine): Router {
  const r = Router();
  r.use(conflictPages(engine));
  r.use(teamPages(engine));
  r.use(peoplePages(engine));
  r.use(budgetPages(engine));
  r.use(calendarPages(engine));
  return r;
}
