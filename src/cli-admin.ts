import { InvalidArgumentError, Option, type Command } from 'commander';
import { loadConfig } from './config.js';
import { Currency, formatMoney } from './domain/money.js';
import { ROLES, type Role } from './domain/roles.js';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { NewUserInput, Password } from './domain/person.js';
import { AppError } from './domain/errors.js';
import { assertTeamCurrency, CLI, createUser, setCalendar, defaultLimit, issueUserToken, resetPassword, revokeUserTokens, setBudget, setUserActive, setUserHours, setUserLimit, setUserRota, setUserSlackId } from './engine/admin.js';
import { seedDemo } from './seed.js';
import { teamCalendar } from './engine/team-calendar.js';
import { issuesToFieldErrors } from './engine/validation.js';
import { Calendar } from './sla/calendar.js';
import { openStore } from './store/db.js';
import { migrateToLatest } from './store/migrate.js';
import { findUserByEmail, listUsers } from './store/users.js';
import { SlackUserId } from './domain/slack-user.js';

const minor = (v: string) => {
  if (!/^\d+$/.test(v)) throw new InvalidArgumentError('expected integer minor units, e.g. 100000 for 1000.00');
  return Number(v);
};
const currency = (v: string) => {
  const r = Currency.safeParse(v.toUpperCase());
  if (!r.success) throw new InvalidArgumentError(`expected one of ${Currency.options.join(', ')}`);
  return r.data;
};

/** Options checked by the schema the API uses: a failure names every wrong field, and nothing is changed. */
function valid<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw new AppError('validation', `${what} is not valid:\n${issuesToFieldErrors(r.error.issues).map((e) => `  ${e.path}: ${e.message}`).join('\n')}`);
  return r.data;
}

async function withStore<T>(fn: (store: Awaited<ReturnType<typeof openStore>>) => Promise<T>): Promise<T> {
  const store = await openStore(loadConfig().databaseUrl);
  try {
    await migrateToLatest(store.db);
    return await fn(store);
  } finally {
    await store.close();
  }
}

/**
 * The operator's commands: people, tokens, the team budget and demo data. Each change goes through
 * src/engine/admin.ts and is audited with the actor `cli`.
 */
export function addAdminCommands(program: Command): Command {
  const user = program.command('user').description('people and their tokens (every change is audited, by "cli")');
  user
    .command('create')
    .description('create a user; prints the new API token as the last line')
    .requiredOption('--name <name>')
    .addOption(new Option('--role <role>').choices(ROLES).makeOptionMandatory())
    .option('--limit <minor>', 'compensation the person may offer without approval, in minor units', minor)
    .option('--currency <code>', 'currency of the limit: the team currency, AMENDS_CURRENCY (the default)', currency)
    .option('--email <email>', 'to sign in to the console; one person per email')
    .option('--password <password>', 'to sign in to the console')
    .action(async (o: { name: string; role: Role; limit?: number; currency?: Currency; email?: string; password?: string }) => {
      const config = loadConfig();
      const given = o.limit === undefined ? undefined : { minor: o.limit, currency: o.currency ?? config.currency };
      const p = valid(NewUserInput, { name: o.name, role: o.role, limit: given, email: o.email, password: o.password }, 'the user');
      const limit = defaultLimit(p.role, p.limit, config.currency);
      const { user: u, token } = await withStore((store) => createUser(store, CLI, { ...p, limit }, new Date().toISOString()));
      console.log(`created ${u.role} ${u.name} (${u.id})`);
      console.log(token);
    });
  user
    .command('list')
    .description('everyone, with role, limit, email and whether active')
    .action(async () => {
      const users = await withStore((store) => listUsers(store.db));
      const rows = users.map((u) => [u.id, u.name, u.role, u.limit ? formatMoney(u.limit, 'ru') : '—', u.email ?? '—', u.active ? 'active' : 'inactive']);
      const header = ['id', 'name', 'role', 'limit', 'email', 'active'];
      const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
      for (const r of [header, ...rows]) console.log(r.map((cell, i) => cell.padEnd(widths[i] as number)).join('  ').trimEnd());
    });
  user
    .command('set-limit')
    .description("change a person's compensation limit")
    .requiredOption('--id <userId>')
    .requiredOption('--limit <minor>', 'minor units', minor)
    .option('--currency <code>', 'default: AMENDS_CURRENCY', currency)
    .action(async (o: { id: string; limit: number; currency?: Currency }) => {
      const team = loadConfig().currency;
      const limit = { minor: o.limit, currency: o.currency ?? team };
      assertTeamCurrency(limit, team);
      const u = await withStore((store) => setUserLimit(store, CLI, o.id, limit, new Date().toISOString()));
      console.log(`${u.name}: limit ${u.limit ? formatMoney(u.limit, 'ru') : 'none'}`);
    });
  user
    .command('set-password')
    .description('give a person a console password, or a new one (signs them out of the console)')
    .option('--id <userId>')
    .option('--email <email>', 'instead of --id')
    .requiredOption('--password <password>', 'at least 8 characters')
    .action(async (o: { id?: string; email?: string; password: string }) => {
      if ((o.id === undefined) === (o.email === undefined)) throw new InvalidArgumentError('name the person with --id or --email (one of them)');
      const { password } = valid(z.object({ password: Password }), { password: o.password }, 'the password');
      const u = await withStore(async (store) => {
        const id = o.id ?? (await findUserByEmail(store.db, o.email as string))?.id;
        if (!id) throw new AppError('notFound', `no user has the email ${o.email}`);
        return resetPassword(store, CLI, id, password, new Date().toISOString());
      });
      console.log(`${u.name} (${u.id}): password set; ${u.email ? `signs in to the console as ${u.email}` : 'no email, so no console sign-in yet'}`);
    });
  user
    .command('token')
    .description('issue another token for a user; prints it as the last line')
    .requiredOption('--id <userId>')
    .action(async (o: { id: string }) => {
      console.log(await withStore((store) => issueUserToken(store, CLI, o.id, new Date().toISOString())));
    });
  user
    .command('revoke-token')
    .description("revoke every token of a user (they can no longer call the API until issued a new one)")
    .requiredOption('--id <userId>')
    .action(async (o: { id: string }) => {
      const n = await withStore((store) => revokeUserTokens(store, CLI, o.id, new Date().toISOString()));
      console.log(`revoked ${n} token${n === 1 ? '' : 's'} of ${o.id}`);
    });
  user
    .command('set-hours')
    .description('set where and when a person works, for assignment (no --hours: always on duty)')
    .requiredOption('--id <userId>')
    .option('--zone <iana>', 'IANA time zone, default: AMENDS_TIME_ZONE')
    .option('--hours <spec>', 'e.g. "mon-fri 09:00-18:00, sat 10:00-14:00"')
    .action(async (o: { id: string; zone?: string; hours?: string }) => {
      const hours = await withStore((store) => setUserHours(store, CLI, o.id, o.zone ?? loadConfig().timeZone, o.hours ?? null, new Date().toISOString()));
      console.log(hours ? `${o.id}: ${JSON.stringify(hours)}` : `${o.id}: always on duty`);
    });
  user
    .command('set-rota')
    .description('put a person on a rota of the team calendar: without --hours of their own they are on duty while it is open (--rota none takes them off)')
    .requiredOption('--id <userId>')
    .requiredOption('--rota <name>', 'a rota name from the team calendar, e.g. novosibirsk')
    .action(async (o: { id: string; rota: string }) => {
      const rota = o.rota === 'none' ? null : o.rota;
      const u = await withStore((store) => setUserRota(store, CLI, o.id, rota, new Date().toISOString()));
      console.log(`${u.name} (${u.id}): ${u.rota ? `rota ${u.rota}` : 'no rota'}`);
    });
  user
    .command('set-slack')
    .description("map a person to their Slack user id: their clicks in Slack become their decisions (--slack none unmaps)")
    .requiredOption('--id <userId>')
    .requiredOption('--slack <slackUserId>', 'e.g. U024BE7LH (Slack: profile → ⋮ → Copy member ID)', (v: string) => {
      if (v === 'none') return v;
      if (!SlackUserId.safeParse(v).success) throw new InvalidArgumentError('expected a Slack user id such as U024BE7LH');
      return v;
    })
    .action(async (o: { id: string; slack: string }) => {
      const slack = o.slack === 'none' ? null : o.slack;
      const u = await withStore((store) => setUserSlackId(store, CLI, o.id, slack, new Date().toISOString()));
      console.log(`${u.name} (${u.id}): Slack ${u.slackUserId ?? 'not mapped'}`);
    });
  user
    .command('deactivate')
    .description('deactivate a user: their tokens stop working, their history stays')
    .requiredOption('--id <userId>')
    .action(async (o: { id: string }) => {
      const u = await withStore((store) => setUserActive(store, CLI, o.id, false, new Date().toISOString()));
      console.log(`${u.name} (${u.id}) is inactive`);
    });

  program
    .command('budget')
    .description("set the team's monthly compensation budget")
    .requiredOption('--minor <minor>', 'minor units, e.g. 5000000 for 50 000,00', minor)
    .option('--currency <code>', 'default: AMENDS_CURRENCY', currency)
    .action(async (o: { minor: number; currency?: Currency }) => {
      const budget = { minor: o.minor, currency: o.currency ?? loadConfig().currency };
      await withStore((store) => setBudget(store, CLI, budget, new Date().toISOString()));
      console.log(`team budget: ${formatMoney(budget, 'ru')} a month`);
    });

  const calendar = program.command('calendar').description("the team's business calendar: hours, holidays, working days, rotas (a change re-plans open deadlines)");
  calendar
    .command('show')
    .description('print the calendar as JSON, the form `calendar set` takes')
    .action(async () => {
      const zone = loadConfig().timeZone;
      console.log(JSON.stringify(await withStore((store) => teamCalendar(store.read, zone)), null, 2));
    });
  calendar
    .command('set')
    .description('replace the calendar with a JSON document (edit what `calendar show` prints); audited, by "cli"')
    .requiredOption('--file <path>', 'the JSON document, or - to read it from standard input')
    .action(async (o: { file: string }) => {
      const text = o.file === '-' ? readFileSync(0, 'utf8') : readFileSync(o.file, 'utf8');
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (err) {
        throw new Error(`${o.file === '-' ? 'standard input' : o.file} is not JSON: ${(err as Error).message}`);
      }
      const calendar = valid(Calendar, json, 'the calendar');
      const config = loadConfig();
      const { replanned } = await withStore((store) => setCalendar(store, CLI, calendar, config.timeZone, new Date().toISOString()));
      console.log(`calendar set (${calendar.timeZone}); deadlines re-planned on ${replanned} open case${replanned === 1 ? '' : 's'}`);
    });

  program
    .command('seed')
    .description('fill the database with demo people and cases')
    .option('--demo', 'demo data: a lead, two handlers, cases in several states')
    .option('--cases <n>', 'also a history of N cases over the past half year, through the real write path', (v) => {
      if (!/^\d+$/.test(v) || Number(v) < 1) throw new InvalidArgumentError('expected a positive whole number of cases');
      return Number(v);
    })
    .option('--real <n>', 'how many of the N go through the real write path; the rest are copies of those (default 200)', (v) => {
      if (!/^\d+$/.test(v) || Number(v) < 1) throw new InvalidArgumentError('expected a positive whole number of cases');
      return Number(v);
    })
    .action(async (o: { demo?: boolean; cases?: number; real?: number }) => {
      if (!o.demo) throw new InvalidArgumentError('only --demo is available');
      await seedDemo(loadConfig(), { cases: o.cases, real: o.real });
    });
  return program;
}
