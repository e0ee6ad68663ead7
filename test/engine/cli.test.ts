/** The operator's CLI commands over a real SQLite file; one run goes through a real process. */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addAdminCommands } from '../../src/cli-admin.js';
import { CLI, setCalendar } from '../../src/engine/admin.js';
import { defaultCalendar } from '../../src/sla/calendar.js';
import { verifyPassword } from '../../src/console/passwords.js';
import { listAudit } from '../../src/store/audit.js';
import { signInCandidate } from '../../src/store/console-sessions.js';
import { openStore } from '../../src/store/db.js';
import { tempDbUrl } from '../helpers.js';

let url: string;
const savedEnv = { ...process.env };

beforeEach(() => {
  url = tempDbUrl();
  Object.assign(process.env, { DATABASE_URL: url, LOG_LEVEL: 'silent', AMENDS_CURRENCY: 'RUB' });
});

afterEach(() => {
  process.env = { ...savedEnv };
  vi.restoreAllMocks();
});

/** Run one command in this process; what it prints, with Intl's no-break spaces made plain. */
async function cli(...args: string[]): Promise<string> {
  const lines: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => {
    lines.push(parts.join(' '));
  });
  try {
    await addAdminCommands(new Command('amends').exitOverride()).parseAsync(args, { from: 'user' });
  } finally {
    vi.restoreAllMocks();
  }
  return lines.join('\n').replace(/[\u00a0\u202f]/g, ' ');
}

async function auditTrail(): Promise<string[]> {
  const store = await openStore(url);
  try {
    return (await listAudit(store.db, { limit: 50 })).map((e) => `${e.actorId}:${e.action}`);
  } finally {
    await store.close();
  }
}

describe('the CLI', () => {
  it('seeds the demo twice without failing, reusing the demo people and printing tokens each time', async () => {
    const first = await cli('seed', '--demo');
    expect(first).toMatch(/^lead: amd_/m);
    const second = await cli('seed', '--demo');
    expect(second).toMatch(/^anna: amd_/m);
    expect(second).toMatch(/^tom: amd_/m);
    expect(second).toContain('demo people already exist');

    const lines = (await cli('user', 'list')).trim().split('\n');
    expect(lines[0]).toMatch(/^id\s+name\s+role\s+limit\s+email\s+active$/);
    expect(lines).toHaveLength(4);
    expect(lines.join('\n')).toMatch(/Анна Смирнова\s+handler\s+1 000,00 ₽\s+anna@example.com\s+active/);
    expect(lines.join('\n')).toMatch(/Ольга Лидова\s+lead\s+—\s+lead@example.com\s+active/);
  }, 60_000);

  it('refuses a duplicate email with a clear message and creates nobody', async () => {
    expect(await cli('user', 'create', '--name', 'Ада', '--role', 'admin', '--email', 'ada@example.com')).toMatch(/created admin Ада/);
    await expect(cli('user', 'create', '--name', 'Ада 2', '--role', 'lead', '--email', 'ada@example.com')).rejects.toThrow('a user with email ada@example.com already exists');
    expect((await cli('user', 'list')).trim().split('\n')).toHaveLength(2);
  });

  it('refuses a limit beyond the money bounds and changes nothing', async () => {
    const created = await cli('user', 'create', '--name', 'Хэнк', '--role', 'handler', '--limit', '100000');
    const id = /\((usr_[^)]+)\)/.exec(created)?.[1] as string;
    await expect(cli('user', 'set-limit', '--id', id, '--limit', '99999999999999999999')).rejects.toThrow(/limit/);
    expect(await cli('user', 'list')).toMatch(/Хэнк\s+handler\s+1 000,00 ₽/);
    expect((await auditTrail()).filter((a) => a.endsWith('user.limit'))).toEqual([]);
  });

  it('echoes the budget in major units, deactivates and revokes, and journals every change as cli', async () => {
    const created = await cli('user', 'create', '--name', 'Ада', '--role', 'admin', '--email', 'ada@example.com');
    const id = /\((usr_[^)]+)\)/.exec(created)?.[1] as string;
    expect(await cli('budget', '--minor', '5000000')).toBe('team budget: 50 000,00 ₽ a month');
    expect(await cli('user', 'set-limit', '--id', id, '--limit', '250000')).toBe('Ада: limit 2 500,00 ₽');
    expect(await cli('user', 'revoke-token', '--id', id)).toBe(`revoked 1 token of ${id}`);
    expect(await cli('user', 'deactivate', '--id', id)).toContain('is inactive');
    expect(await cli('user', 'list')).toMatch(/ada@example.com\s+inactive/);
    expect(await auditTrail()).toEqual(['cli:user.create', 'cli:token.issue', 'cli:budget.set', 'cli:user.limit', 'cli:token.revoke', 'cli:user.deactivate']);
  });

  it('maps a person to their Slack user, refuses a Slack id already taken, unmaps with none, and audits each change', async () => {
    const ada = /\((usr_[^)]+)\)/.exec(await cli('user', 'create', '--name', 'Ада', '--role', 'lead'))?.[1] as string;
    const bob = /\((usr_[^)]+)\)/.exec(await cli('user', 'create', '--name', 'Боб', '--role', 'lead'))?.[1] as string;
    expect(await cli('user', 'set-slack', '--id', ada, '--slack', 'U024BE7LH')).toBe(`Ада (${ada}): Slack U024BE7LH`);
    await expect(cli('user', 'set-slack', '--id', bob, '--slack', 'U024BE7LH')).rejects.toThrow(`Slack user U024BE7LH is already mapped to ${ada}`);
    await expect(cli('user', 'set-slack', '--id', bob, '--slack', 'not-an-id')).rejects.toThrow(/Slack user id/);
    expect(await cli('user', 'set-slack', '--id', ada, '--slack', 'none')).toBe(`Ада (${ada}): Slack not mapped`);
    expect((await auditTrail()).filter((a) => a === 'cli:user.slack')).toHaveLength(2);
  });

  it('puts a person on a rota of the team calendar, refuses an unknown one, takes them off with none', async () => {
    const ada = /\((usr_[^)]+)\)/.exec(await cli('user', 'create', '--name', 'Ада', '--role', 'handler'))?.[1] as string;
    await expect(cli('user', 'set-rota', '--id', ada, '--rota', 'novosibirsk')).rejects.toThrow('the team calendar has no rota novosibirsk');
    const store = await openStore(url);
    try {
      const nine = { from: '09:00', to: '18:00' };
      const rota = { name: 'novosibirsk', timeZone: 'Asia/Novosibirsk', hours: { mon: nine, tue: nine, wed: nine, thu: nine, fri: nine, sat: null, sun: null } };
      await setCalendar(store, CLI, { ...defaultCalendar('Europe/Moscow'), rotas: [rota] }, 'Europe/Moscow', new Date().toISOString());
    } finally {
      await store.close();
    }
    expect(await cli('user', 'set-rota', '--id', ada, '--rota', 'novosibirsk')).toBe(`Ада (${ada}): rota novosibirsk`);
    expect(await cli('user', 'set-rota', '--id', ada, '--rota', 'none')).toBe(`Ада (${ada}): no rota`);
    expect((await auditTrail()).filter((a) => a === 'cli:user.rota')).toHaveLength(2);
  });

  it('shows the calendar as JSON, sets it from a file (audited, open deadlines re-planned), and refuses a bad one naming the fields', async () => {
    const shown = JSON.parse(await cli('calendar', 'show'));
    expect(shown.hours.sat).toBeNull();
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'amends-cal-')), 'calendar.json');
    writeFileSync(file, JSON.stringify({ ...shown, hours: { ...shown.hours, sat: { from: '10:00', to: '16:00' } }, holidays: [...shown.holidays, '2026-12-31'] }));
    expect(await cli('calendar', 'set', '--file', file)).toBe('calendar set (Europe/Moscow); deadlines re-planned on 0 open cases');
    const after = JSON.parse(await cli('calendar', 'show'));
    expect([after.hours.sat, after.holidays.at(-1)]).toEqual([{ from: '10:00', to: '16:00' }, '2026-12-31']);
    writeFileSync(file, JSON.stringify({ ...shown, timeZone: 'Mars/Base' }));
    await expect(cli('calendar', 'set', '--file', file)).rejects.toThrow(/the calendar is not valid:\n {2}timeZone: must be an IANA time zone/);
    writeFileSync(file, '{"hours":');
    await expect(cli('calendar', 'set', '--file', file)).rejects.toThrow(/is not JSON/);
    expect(JSON.parse(await cli('calendar', 'show'))).toEqual(after);
    expect((await auditTrail()).filter((a) => a === 'cli:calendar.set')).toHaveLength(1);
  });

  it('checks a new user with the API schema, naming the field, and creates nobody', async () => {
    await expect(cli('user', 'create', '--name', '', '--role', 'handler')).rejects.toThrow(/the user is not valid:\n {2}name: /);
    await expect(cli('user', 'create', '--name', '   ', '--role', 'handler')).rejects.toThrow(/name: /);
    await expect(cli('user', 'create', '--name', 'Ада', '--role', 'handler', '--email', 'not-an-email')).rejects.toThrow(/email: Invalid email/);
    await expect(cli('user', 'create', '--name', 'Ада', '--role', 'handler', '--email', 'ada@example.com', '--password', 'short')).rejects.toThrow(/password: Too small/);
    await expect(cli('user', 'create', '--name', 'Ада', '--role', 'handler', '--limit', '99999999999999999999')).rejects.toThrow(/limit\.minor: /);
    expect((await cli('user', 'list')).trim().split('\n')).toHaveLength(1);
    expect(await auditTrail()).toEqual([]);
  });

  it('stores an email lower-case and refuses another casing of a taken one', async () => {
    await cli('user', 'create', '--name', 'Анна', '--role', 'handler', '--email', ' Anna@Example.COM ');
    expect(await cli('user', 'list')).toMatch(/Анна\s+handler\s+0,00 ₽\s+anna@example.com\s+active/);
    await expect(cli('user', 'create', '--name', 'Z', '--role', 'handler', '--email', 'ANNA@example.com')).rejects.toThrow('a user with email anna@example.com already exists');
    expect((await cli('user', 'list')).trim().split('\n')).toHaveLength(2);
  });

  it('refuses a limit outside the team currency, on create and on set-limit', async () => {
    await expect(cli('user', 'create', '--name', 'Хэнк', '--role', 'handler', '--limit', '1000000', '--currency', 'USD')).rejects.toThrow('a limit is in the team currency, RUB');
    const id = /\((usr_[^)]+)\)/.exec(await cli('user', 'create', '--name', 'Хэнк', '--role', 'handler', '--limit', '100000', '--currency', 'rub'))?.[1] as string;
    await expect(cli('user', 'set-limit', '--id', id, '--limit', '1000000', '--currency', 'USD')).rejects.toThrow('a limit is in the team currency, RUB');
    expect(await cli('user', 'list')).toMatch(/Хэнк\s+handler\s+1 000,00 ₽/);
    expect(await auditTrail()).toEqual(['cli:user.create', 'cli:token.issue']);
  });

  it('sets a console password by email (any casing) or id, with the API rule, audited as cli', async () => {
    const id = /\((usr_[^)]+)\)/.exec(await cli('user', 'create', '--name', 'Анна', '--role', 'handler', '--email', 'anna@example.com'))?.[1] as string;
    const canSignIn = async (password: string) => {
      const store = await openStore(url);
      try {
        return verifyPassword((await signInCandidate(store.db, 'anna@example.com'))?.passwordHash ?? null, password);
      } finally {
        await store.close();
      }
    };
    expect(await canSignIn('a long passphrase')).toBe(false);
    await expect(cli('user', 'set-password', '--email', 'anna@example.com', '--password', 'short')).rejects.toThrow(/the password is not valid:\n {2}password: Too small/);
    await expect(cli('user', 'set-password', '--email', 'nobody@example.com', '--password', 'a long passphrase')).rejects.toThrow('no user has the email nobody@example.com');
    await expect(cli('user', 'set-password', '--password', 'a long passphrase')).rejects.toThrow(/--id or --email/);
    expect(await cli('user', 'set-password', '--email', 'ANNA@Example.com', '--password', 'a long passphrase')).toBe(`Анна (${id}): password set; signs in to the console as anna@example.com`);
    expect(await canSignIn('a long passphrase')).toBe(true);
    expect(await cli('user', 'set-password', '--id', id, '--password', 'another passphrase')).toContain('password set');
    expect(await canSignIn('another passphrase')).toBe(true);
    expect(await auditTrail()).toEqual(['cli:user.create', 'cli:token.issue', 'cli:user.password', 'cli:user.password']);
  });

  it('exits non-zero on a bad option as a real process, naming the field', async () => {
    const run = promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'user', 'create', '--name', '', '--role', 'handler'], { env: { ...process.env, DATABASE_URL: url }, timeout: 60_000 });
    await expect(run).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/the user is not valid:\n {2}name: /) });
  }, 60_000);

  it('runs as a real process with the budget echoed in major units', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'budget', '--minor', '5000000'], {
      env: { ...process.env, DATABASE_URL: url },
      timeout: 60_000,
    });
    expect(stdout.replace(/[\u00a0\u202f]/g, ' ').trim()).toBe('team budget: 50 000,00 ₽ a month');
  }, 60_000);
});
