import type { Request, Response } from 'express';
import type { Actor } from '../domain/roles.js';
import type { Engine } from '../engine/engine.js';
import type { CaseRecord } from '../store/cases.js';
import { caseView } from './view.js';

/**
 * Answer a write with the case. `Prefer: return=minimal` (RFC 7240) answers with the new version and
 * state only, for integrations that do not need the full view after every event.
 */
export async function sendCase(req: Request, res: Response, engine: Engine, c: CaseRecord, actor: Actor, status: number, replayed: boolean, visible = true) {
  res.status(status).set('ETag', `"${c.version}"`).set('Location', `/api/v1/cases/${c.id}`);
  if (replayed) res.set('Idempotent-Replayed', 'true');
  const minimal = { id: c.id, ref: c.ref, version: c.version, state: c.state, status: c.status };
  // A replay of a case the actor can no longer see tells them only what their own request produced.
  if (!visible) {
    res.json(minimal);
    return;
  }
  if (/\breturn=minimal\b/.test(req.get('prefer') ?? '')) {
    res.set('Preference-Applied', 'return=minimal').json(minimal);
    return;
  }
  res.json(await caseView(engine.store.read, engine, c, actor));
}
