import type { Store } from '../store/db.js';
import type { Scenario } from '../../workflows/scenarios/index.js';
import type { Config } from '../config.js';

/** What the write path needs from the outside world: the store, the playbooks and a clock. */
export interface Engine {
  store: Store;
  catalog: ReadonlyMap<string, Scenario>;
  /** Injected so tests can skip time; nothing in the engine calls Date.now() itself. */
  clock: () => Date;
  config: Pick<Config, 'timeZone' | 'currency' | 'publicUrl' | 'maxOfferMinor' | 'locale' | 'eventsWebhookUrl' | 'intakeSecret' | 'intakeLowScore' | 'winBackDays' | 'slackSigningSecret' | 'slackBotToken' | 'slackApiUrl' | 'sessionSecret' | 'authFailuresPerMinute'>;
}

export function nowIso(engine: Engine): string {
  return engine.clock().toISOString();
}

export function scenarioOf(engine: Engine, id: string): Scenario {
  const s = engine.catalog.get(id);
  if (!s) throw new Error(`scenario ${id} is not in the catalog`);
  return s;
}
