/**
 * Roles of processes: `serve`/`start` with AMENDS_WORKER=off (like `serve --no-worker`) serves HTTP
 * only, and a separate `worker` process fires the timers and delivers the outbox, the layout behind a
 * load balancer. Who fired a timer is on its row (`leased_by`: host, pid, random part).
 */
import { spawn } from 'node:child_process';
import { hostname } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openCase } from '../../src/engine/open-case.js';
import { createEngine } from '../../src/server.js';
import { migrateToLatest } from '../../src/store/migrate.js';
import { freePort, ServerProcess } from '../crash/server-process.js';
import { addUser, customer, testConfig } from '../helpers.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

describe('AMENDS_WORKER=off', () => {
  it('leaves due timers to the separate worker process', async () => {
    const config = testConfig();
    const engine = await createEngine(config);
    cleanups.push(() => engine.store.close());
    await migrateToLatest(engine.store.db);
    const handler = await addUser(engine, 'Анна', 'handler');
    const { record } = await openCase(engine, { customer: customer(), channel: 'phone', description: 'Опоздали на час', scenario: 'late-arrival' }, handler.actor);
    // Already due when the server starts: a server running a worker would fire it in its first sweep.
    await engine.store.db.updateTable('timers').set({ due_at: new Date(Date.now() - 60_000).toISOString() }).where('case_id', '=', record.id).execute();
    const due = await engine.store.db.selectFrom('timers').select('id').where('case_id', '=', record.id).where('status', '=', 'pending').execute();

    const env = { DATABASE_URL: config.databaseUrl, LOG_LEVEL: 'error', AMENDS_WORKER_INTERVAL_MS: '50' };
    const server = new ServerProcess(await freePort(), { ...env, AMENDS_WORKER: 'off' });
    await server.start();
    cleanups.push(() => server.stop());
    const worker = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'worker'], { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'ignore' });
    cleanups.push(async () => {
      if (worker.exitCode === null) {
        const exited = new Promise((r) => worker.once('exit', r));
        worker.kill('SIGTERM');
        await exited;
      }
    });

    // A readiness wait (the worker process starts in a few seconds), not a timing assertion.
    let fired: Array<{ leased_by: string | null }> = [];
    for (let i = 0; i < 1200 && fired.length < due.length; i++) {
      fired = await engine.store.db.selectFrom('timers').select('leased_by').where('case_id', '=', record.id).where('status', '=', 'fired').execute();
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(fired).toHaveLength(due.length);
    for (const t of fired) expect(t.leased_by?.startsWith(`${hostname()}:${worker.pid}:`)).toBe(true);
  }, 180_000);
});
