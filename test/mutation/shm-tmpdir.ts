/**
 * Setup file of the mutation suite only (vitest.mutation.config.ts): each test file keeps its SQLite
 * files in a folder of its own under memory-backed /dev/shm, removed when the file is done, so
 * hundreds of reruns neither wait on fsync nor fill memory with leftover databases.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll } from 'vitest';

if (existsSync('/dev/shm')) {
  const dir = mkdtempSync(path.join('/dev/shm', 'amends-mutation-'));
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  afterAll(() => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(dir, { recursive: true, force: true });
  });
}
