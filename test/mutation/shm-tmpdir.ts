/**
 * Setup file of the mutation suite only (vitest.mutation.config.ts): each test file keeps its SQLite
 * files in a folder of its own inside the run's folder under memory-backed /dev/shm (see
 * shm-root.ts), removed when the file is done, so hundreds of reruns neither wait on fsync nor fill
 * memory with leftover databases.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, inject } from 'vitest';

const root = inject('shmRoot');
if (root) {
  const dir = mkdtempSync(path.join(root, 'file-'));
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  afterAll(() => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(dir, { recursive: true, force: true });
  });
}
