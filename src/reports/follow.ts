import type { Engine } from '../engine/engine.js';
import type { Logger } from '../log.js';
import { catchUp } from './projector.js';

/**
 * Keep the read models close behind the journal between reports: catch up at start, then every
 * `intervalMs` (the worker's beat). Reports catch up themselves before answering, so this only keeps that step short.
 */
export function startReportFollower(engine: Engine, intervalMs: number, log?: Logger): { stop(): Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const loop = () => {
    if (stopped) return;
    running = catchUp(engine)
      .catch((err: unknown) => log?.error({ err }, 'report projection failed; will retry'))
      .then(() => {
        if (!stopped) timer = setTimeout(loop, intervalMs);
      });
  };
  // At once: after an upgrade the journal may hold history the read models have not seen yet.
  loop();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
