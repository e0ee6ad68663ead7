import { Command } from 'commander';
import { addAdminCommands } from './cli-admin.js';
import { loadConfig } from './config.js';
import { createLogger } from './log.js';
import { startCluster } from './cluster/primary.js';
import { start } from './server.js';
import { openStore } from './store/db.js';
import { migrateToLatest } from './store/migrate.js';

function serveUntilSignal(opts: { http: boolean; worker: boolean }) {
  return async () => {
    const config = loadConfig();
    // AMENDS_WORKER=off leaves timers and the outbox to separate `worker` processes, like --no-worker.
    const worker = opts.http ? opts.worker && config.runWorker : true;
    const starting = opts.http && config.httpProcesses > 0 ? startCluster({ config, worker, fronts: config.httpProcesses }) : start({ config, http: opts.http, worker });
    // Listening from the start: a signal while starting (HTTP processes still loading) waits for the
    // start, then closes everything in order, instead of leaving children to find their parent gone.
    const stop = async () => {
      const running = await starting.catch(() => undefined);
      await running?.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    await starting;
    if (!opts.http) createLogger(config.logLevel).info('worker running');
  };
}

const program = new Command('amends').description('Amends: complaint-resolution workflow engine');

program
  .command('start')
  .description('migrate, then serve HTTP with the worker (what `npm start` runs; AMENDS_WORKER=off leaves the worker out)')
  .action(serveUntilSignal({ http: true, worker: true }));
program
  .command('serve')
  .description('migrate, then serve HTTP; the worker runs too unless --no-worker (or AMENDS_WORKER=off)')
  .option('--no-worker', 'leave timers and the outbox to a separate `worker` process')
  .action((o: { worker: boolean }) => serveUntilSignal({ http: true, worker: o.worker })());
program.command('worker').description('fire due timers and deliver the outbox, without HTTP').action(serveUntilSignal({ http: false, worker: true }));

program
  .command('migrate')
  .description('apply pending database migrations')
  .action(async () => {
    // Migrate here directly (not through a helper that migrates first) to report what was applied.
    const store = await openStore(loadConfig().databaseUrl);
    const applied = await migrateToLatest(store.db).finally(() => store.close());
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'the database is up to date');
  });

addAdminCommands(program);

program.parseAsync().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
