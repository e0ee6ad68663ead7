import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from '../config.js';
import type { WriteOp, WriterLink } from '../engine/engine.js';
import { createApp } from '../http/app.js';
import { createMetrics } from '../http/metrics.js';
import { createLogger } from '../log.js';
import { closeServer, createEngine, listen } from '../server.js';
import { isMessage, Pending, receivedError, type SentError, type ToFront, type ToWriter } from './messages.js';

/** A message to the writer. If the writer is gone (say, stopped while this process was loading), 'disconnect' stops this one. */
function tell(msg: ToWriter): void {
  if (process.connected) process.send?.(msg, undefined, {}, () => undefined);
}

/**
 * The channel to the writer, as the engine of an HTTP process uses it: every call is answered once,
 * and calls still open when the writer goes away fail (the client retries with its Idempotency-Key).
 */
class WriterChannel implements WriterLink {
  private readonly calls = new Pending<unknown>();
  private gone: Error | undefined;

  call(op: WriteOp, args: unknown[]): Promise<unknown> {
    if (this.gone) return Promise.reject(this.gone);
    return this.calls.ask((id) => tell({ amends: 'write', id, op, args }));
  }

  answered(id: number, value: unknown, error: SentError | undefined): void {
    if (error) this.calls.fail(id, receivedError(error));
    else this.calls.answer(id, value);
  }

  lost(): void {
    this.gone = new Error('the writer process is gone');
    this.calls.failAll(this.gone);
  }
}

/** Metrics pages asked of the writer, which sums every process's counts. */
class MetricsRequests {
  private readonly pages = new Pending<{ text: string; contentType: string }>();

  gather = (): Promise<{ text: string; contentType: string }> => this.pages.ask((id) => tell({ amends: 'metrics', id }));

  answered(m: Extract<ToFront, { amends: 'metrics' }>): void {
    if (m.error !== undefined || m.text === undefined) this.pages.fail(m.id, new Error(m.error ?? 'no metrics'));
    else this.pages.answer(m.id, { text: m.text, contentType: m.contentType ?? 'text/plain' });
  }
}

/**
 * An HTTP process in front of the writer (started by src/cluster/primary.ts): it parses, authenticates,
 * validates, classifies, reads and renders; it hands events and openings to the writer and answers
 * from its own read connection once they are committed. Waits for its config from the writer.
 */
export function runFront(): void {
  const writer = new WriterChannel();
  const metricsRequests = new MetricsRequests();
  let started: Promise<{ server: Server; close: () => Promise<void> }> | undefined;
  let metricsJson: (() => Promise<unknown[]>) | undefined;
  let engineConfig: ((url: string) => void) | undefined;
  let stopping = false;

  const stop = async () => {
    if (stopping) return;
    stopping = true;
    writer.lost();
    const s = await started?.catch(() => undefined);
    await s?.close().catch(() => undefined);
    process.exit(0);
  };

  process.on('message', (msg: unknown) => {
    if (!isMessage<ToFront>(msg)) return;
    if (msg.amends === 'written') writer.answered(msg.id, msg.value, msg.error);
    else if (msg.amends === 'metrics') metricsRequests.answered(msg);
    else if (msg.amends === 'metricsOfFront') void metricsJson?.().then((metrics) => tell({ amends: 'metricsOfFront', id: msg.id, metrics }));
    else if (msg.amends === 'publicUrl') engineConfig?.(msg.url);
    else if (msg.amends === 'start' && !started) {
      started = serve(msg.config);
      started.then(
        ({ server }) => tell({ amends: 'listening', port: (server.address() as AddressInfo).port }),
        (err: unknown) => {
          tell({ amends: 'failed', message: err instanceof Error ? err.message : String(err) });
          process.exitCode = 1;
          setImmediate(() => process.disconnect?.());
        },
      );
    }
  });
  process.on('disconnect', () => void stop());
  // Messages sent before this process listened for them would be lost: the writer waits for this one.
  tell({ amends: 'loaded' });
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());

  async function serve(config: Config) {
    const log = createLogger(config.logLevel);
    const engine = await createEngine(config);
    engine.writer = writer;
    engineConfig = (url) => (engine.config = { ...engine.config, publicUrl: url });
    const metrics = createMetrics(engine, { gather: metricsRequests.gather });
    metricsJson = () => metrics.registry.getMetricsAsJSON();
    const app = createApp(engine, log, { authFailuresPerMinute: config.authFailuresPerMinute, trustProxy: config.trustProxy, metrics });
    let server: Server;
    try {
      server = await listen(app, config.port, config.host);
    } catch (err) {
      await engine.store.close();
      throw err;
    }
    return {
      server,
      async close() {
        await closeServer(server);
        await engine.store.close();
      },
    };
  }
}
