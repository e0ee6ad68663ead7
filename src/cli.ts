import { Command, InvalidArgumentError, Option } from 'commander';
import { loadConfig } from './config.js';
import { Currency, type Money } from './domain/money.js';
import { ROLES, type Role } from './domain/roles.js';
import { setTeamBudget } from './engine/budget.js';
import { setWorkingHours } from './engine/assign.js';
import { createLogger } from './log.js';
import { seedDemo } from './seed.js';
import { start } from './server.js';
import { openStore } from './store/db.js';
import { migrateToLatest } from './store/migrate.js';
import { getUser, insertUser, issueToken, updateLimit } from './store/users.js';

const minor = (v: string) => {
  if (!/^\d+$/.test(v)) throw new InvalidArgumentError('expected integer minor units, e.g. 100000 for 1000.00');
  return Number(v);
};
const currency = (v: string) => {
  const r = Currency.safeParse(v.toUpperCase());
  if (!r.success) throw new InvalidArgumentError(`expected one of ${Currency.options.join(', ')}`);
  return r.data;
};

async function withStore<T>(fn: (store: Awaited<ReturnType<typeof openStore>>) => Promise<T>): Promise<T> {
  const store = await openStore(loadConfig().databaseUrl);
  try {
    await migrateToLatest(store.db);
    return await fn(store);
  } finally {
    await store.close();
  }
}

function serveUntilSignal(opts: { http: boolean; worker: boolean }) {
  return async () => {
    const config = loadConfig();
    const running = await start({ config, http: opts.http, worker: opts.worker });
    const stop = async () => {
      await running.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    if (!opts.http) createLogger(config.logLevel).info('worker running');
  };
}

const program = new Command('amends').description('Amends: complaint-resolution workflow engine');

program.command('start').description('migrate, then serve HTTP with the worker (what `npm start` runs)').action(serveUntilSignal({ http: true, worker: true }));
program
  .command('serve')
  .description('migrate, then serve HTTP; the worker runs too unless --no-worker')
  .option('--no-worker', 'leave timers and the outbox to a separate `worker` process')
  .action((o: { worker: boolean }) => serveUntilSignal({ http: true, worker: o.worker })());
program.command('worker').description('fire due timers and deliver the outbox, without HTTP').action(serveUntilSignal({ http: false, worker: true }));

program
  .command('migrate')
  .description('apply pending database migrations')
  .action(async () => {
    // withStore migrates before it calls back, so migrate here directly to see what was applied.
    const store = await openStore(loadConfig().databaseUrl);
    const applied = await migrateToLatest(store.db).finally(() => store.close());
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'the database is up to date');
  });

const user = program.command('user').description('people and their tokens');
user
  .command('create')
  .description('create a user; prints the new API token as the last line')
  .requiredOption('--name <name>')
  .addOption(new Option('--role <role>').choices(ROLES).makeOptionMandatory())
  .option('--limit <minor>', 'compensation the person may offer without approval, in minor units', minor)
  .option('--currency <code>', 'currency of the limit (default: AMENDS_CURRENCY)', currency)
  .option('--email <email>', 'to sign in to the console')
  .option('--password <password>', 'to sign in to the console')
  .action(async (o: { name: string; role: Role; limit?: number; currency?: Currency; email?: string; password?: string }) => {
    const config = loadConfig();
    const now = new Date().toISOString();
    // Handlers without --limit offer nothing alone; leads without --limit are bounded by budgets only.
    const limit: Money | null = o.limit !== undefined ? { minor: o.limit, currency: o.currency ?? config.currency } : o.role === 'handler' ? { minor: 0, currency: o.currency ?? config.currency } : null;
    const token = await withStore(async (store) => {
      const u = await insertUser(store.db, { name: o.name, role: o.role, limit, email: o.email, password: o.password }, now);
      console.log(`created ${u.role} ${u.name} (${u.id})`);
      return issueToken(store.db, u.id, now);
    });
    console.log(token);
  });
user
  .command('set-limit')
  .description("change a person's compensation limit")
  .requiredOption('--id <userId>')
  .requiredOption('--limit <minor>', 'minor units', minor)
  .option('--currency <code>', 'default: AMENDS_CURRENCY', currency)
  .action(async (o: { id: string; limit: number; currency?: Currency }) => {
    const u = await withStore((store) => updateLimit(store.db, o.id, { minor: o.limit, currency: o.currency ?? loadConfig().currency }));
    if (!u) throw new Error(`no user ${o.id}`);
    console.log(`${u.name}: limit ${u.limit?.minor} ${u.limit?.currency}`);
  });
user
  .command('set-hours')
  .description("set where and when a person works, for assignment (no --hours: always on duty)")
  .requiredOption('--id <userId>')
  .option('--zone <iana>', 'IANA time zone, default: AMENDS_TIME_ZONE')
  .option('--hours <spec>', 'e.g. "mon-fri 09:00-18:00, sat 10:00-14:00"')
  .action(async (o: { id: string; zone?: string; hours?: string }) => {
    const hours = await withStore((store) => setWorkingHours(store.db, o.id, o.zone ?? loadConfig().timeZone, o.hours ?? null));
    console.log(hours ? `${o.id}: ${JSON.stringify(hours)}` : `${o.id}: always on duty`);
  });
user
  .command('token')
  .description('issue another token for a user; prints it as the last line')
  .requiredOption('--id <userId>')
  .action(async (o: { id: string }) => {
    const token = await withStore(async (store) => {
      if (!(await getUser(store.db, o.id))) throw new Error(`no user ${o.id}`);
      return issueToken(store.db, o.id, new Date().toISOString());
    });
    console.log(token);
  });

program
  .command('budget')
  .description("set the team's monthly compensation budget")
  .requiredOption('--minor <minor>', 'minor units', minor)
  .option('--currency <code>', 'default: AMENDS_CURRENCY', currency)
  .action(async (o: { minor: number; currency?: Currency }) => {
    const c = o.currency ?? loadConfig().currency;
    await withStore((store) => setTeamBudget(store.db, { minor: o.minor, currency: c }, new Date().toISOString()));
    console.log(`team budget: ${o.minor} ${c} a month`);
  });

program
  .command('seed')
  .description('fill the database with demo people and cases')
  .option('--demo', 'demo data: a lead, two handlers, cases in several states')
  .action(async (o: { demo?: boolean }) => {
    if (!o.demo) throw new InvalidArgumentError('only --demo is available');
    await seedDemo(loadConfig());
  });

program.parseAsync().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
