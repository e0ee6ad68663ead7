/** `seed --demo --cases N --real M`: M cases through the write path, the rest copies, all in the read models. */
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addAdminCommands } from '../../src/cli-admin.js';
import { openStore } from '../../src/store/db.js';
import { journalHead } from '../../src/store/journal.js';
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

describe('seed --demo --cases', () => {
  it('fills a history of N cases beside the demo ones, each in the report read models, the projector level with the journal', async () => {
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void lines.push(parts.join(' ')));
    await addAdminCommands(new Command('amends').exitOverride()).parseAsync(['seed', '--demo', '--cases', '60', '--real', '20'], { from: 'user' });
    vi.restoreAllMocks();
    expect(lines.join('\n')).toMatch(/history: 20 cases .* 40 copies/);
    const store = await openStore(url);
    try {
      const count = async (t: 'cases' | 'report_cases') => Number((await store.db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      // 3 demo cases, 20 through the write path, 40 copies
      expect(await count('cases')).toBe(63);
      expect(await count('report_cases')).toBe(63);
      const cursor = await store.db.selectFrom('report_cursor').select('position').executeTakeFirstOrThrow();
      expect(Number(cursor.position)).toBe(await journalHead(store.db));
    } finally {
      await store.close();
    }
  });

  it('refuses a number of cases that is not a positive whole number', async () => {
    await expect(addAdminCommands(new Command('amends').exitOverride().configureOutput({ writeErr: () => {} })).parseAsync(['seed', '--demo', '--cases', '-5'], { from: 'user' })).rejects.toThrow();
  });
});
