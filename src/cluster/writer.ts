import type { Worker as Front } from 'node:cluster';
import { AggregatorRegistry, type Registry } from 'prom-client';
import { dispatch } from '../engine/dispatch.js';
import type { Engine, WriteOp } from '../engine/engine.js';
import { openCase } from '../engine/open-case.js';
import { sharedFailureWindows } from '../http/failure-window.js';
import type { Logger } from '../log.js';
import { isMessage, Pending, sendableError, type ToFront, type ToWriter } from './messages.js';

type Rest<F> = F extends (engine: Engine, ...rest: infer A) => unknown ? A : never;
export type WriteOps = Record<WriteOp, (engine: Engine, args: unknown[]) => Promise<unknown>>;

/** What HTTP processes hand over, applied here as in a single process; one set for all of them. */
export function writeOps(): WriteOps {
  const failures = sharedFailureWindows();
  return {
    dispatch: (engine, args) => dispatch(engine, ...(args as Rest<typeof dispatch>)),
    openCase: (engine, args) => openCase(engine, ...(args as Rest<typeof openCase>)),
    failures: async (_engine, args) => failures(...(args as Parameters<typeof failures>)),
  };
}

function send(front: Front, msg: ToFront): void {
  // A front that died meanwhile cannot hear the answer; its client retries with its Idempotency-Key.
  if (front.isConnected()) front.send(msg);
}

/**
 * The writer's side of the channel to one HTTP process: applies its writes (each in the group commit
 * of this process, so concurrent requests of all fronts share fsyncs) and answers its metrics page
 * with what every process counted.
 */
export function serveFront(front: Front, engine: Engine, ops: WriteOps, log: Logger, metrics: MetricsGatherer): void {
  front.on('message', (msg: unknown) => {
    if (!isMessage<ToWriter>(msg)) return;
    if (msg.amends === 'write') {
      const op = Object.hasOwn(ops, msg.op) ? ops[msg.op] : undefined;
      if (!op) return send(front, { amends: 'written', id: msg.id, error: { message: `unknown write ${String(msg.op)}` } });
      op(engine, msg.args).then(
        (value) => send(front, { amends: 'written', id: msg.id, value }),
        (err: unknown) => {
          const error = sendableError(err);
          if (!error.kind) log.error({ err, op: msg.op }, 'a write from an HTTP process failed');
          send(front, { amends: 'written', id: msg.id, error });
        },
      );
    } else if (msg.amends === 'metrics') {
      metrics.gather().then(
        ({ text, contentType }) => send(front, { amends: 'metrics', id: msg.id, text, contentType }),
        (err: unknown) => send(front, { amends: 'metrics', id: msg.id, error: err instanceof Error ? err.message : String(err) }),
      );
    } else if (msg.amends === 'metricsOfFront') {
      metrics.received(msg.id, msg.metrics);
    }
  });
}

/** Sums the writer's registry and every HTTP process's, as prom-client's cluster support does. */
export class MetricsGatherer {
  private readonly asked = new Pending<unknown[] | undefined>();

  constructor(
    private readonly own: Registry,
    private readonly fronts: () => Front[],
    private readonly timeoutMs = 2000,
  ) {}

  async gather(): Promise<{ text: string; contentType: string }> {
    // A front that does not answer in time is left out of this page.
    const asked = this.fronts().map((f) => this.asked.ask((id) => send(f, { amends: 'metricsOfFront', id }), { ms: this.timeoutMs, value: undefined }));
    const parts = await Promise.all([this.own.getMetricsAsJSON(), ...asked]);
    const sum = AggregatorRegistry.aggregate(parts.filter((p): p is NonNullable<typeof p> => p !== undefined) as never);
    return { text: await sum.metrics(), contentType: sum.contentType };
  }

  received(id: number, metrics: unknown[]): void {
    this.asked.answer(id, metrics);
  }
}
