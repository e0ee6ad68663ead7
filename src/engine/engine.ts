import type { Store } from '../store/db.js';
import type { Scenario } from '../../workflows/scenarios/index.js';
import type { Config } from '../config.js';

/** What the write path needs from the outside world: the store, the playbooks and a clock. */
export interface Engine {
  store: Store;
  catalog: ReadonlyMap<string, Scenario>;
  /** Injected so tests can skip time; nothing in the engine calls Date.now() itself. */
  clock: () => Date;
  /**
   * Set in an HTTP process in front of the writer (AMENDS_HTTP_PROCESSES): events and openings are
   * validated here and applied by the one writer process (src/cluster). Unset: applied in this process.
   */
  writer?: WriterLink | undefined;
  config: Pick<Config, 'timeZone' | 'currency' | 'publicUrl' | 'maxOfferMinor' | 'locale' | 'eventsWebhookUrl' | 'intakeSecret' | 'intakeLowScore' | 'winBackDays' | 'slackSigningSecret' | 'slackBotToken' | 'slackApiUrl' | 'sessionSecret' | 'authFailuresPerMinute'>;
}

/**
 * What an HTTP process hands to the writer: the two write paths (`dispatch`, `openCase`) with their
 * arguments, and the count of failed authentications, which every process must share.
 */
export type WriteOp = 'dispatch' | 'openCase' | 'failures';
export interface WriterLink {
  call(op: WriteOp, args: unknown[]): Promise<unknown>;
}

export function nowIso(engine: Engine): string {
  return engine.clock().toISOString();
}

export function scenarioOf(engine: Engine, id: string): Scenario {
  const s = engine.catalog.get(id);
  if (!s) throw new Error(`scenario ${id} is not in the catalog`);
  return s;
}
