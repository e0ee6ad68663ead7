import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDbUrl } from '../helpers.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

let occupier: Server;
let port: number;

beforeAll(async () => {
  occupier = createServer();
  await new Promise<void>((resolve) => occupier.listen(0, '127.0.0.1', resolve));
  port = (occupier.address() as AddressInfo).port;
});
afterAll(async () => new Promise<void>((resolve) => occupier.close(() => resolve())));

/** `npm start` as a child process: what a person runs. */
function startCli(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'start'], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'error', DATABASE_URL: tempDbUrl(), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const guard = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the CLI did not exit on a busy port:\n${output}`));
    }, 30_000);
    child.on('exit', (code) => {
      clearTimeout(guard);
      resolve({ code, output });
    });
  });
}

describe('npm start on a busy port', () => {
  it('says which port is in use and how to choose another, and exits non-zero', async () => {
    const { code, output } = await startCli({ PORT: String(port), HOST: '127.0.0.1' });
    expect(code).not.toBe(0);
    expect(code).not.toBeNull();
    expect(output).toContain(`port ${port} is already in use`);
    expect(output).toMatch(/PORT=\d+ npm start/);
    expect(output).not.toContain('Cannot destructure');
  }, 40_000);
});
