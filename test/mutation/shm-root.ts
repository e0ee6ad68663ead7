/**
 * Global setup of the mutation suite only: one folder under memory-backed /dev/shm for every SQLite
 * file of the run, removed at the end — including the empty per-file folders of files whose tests a
 * mutant did not select (their afterAll never runs).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    shmRoot: string | null;
  }
}

export default function setup(project: TestProject): () => void {
  const root = existsSync('/dev/shm') ? mkdtempSync(path.join('/dev/shm', 'amends-mutation-')) : null;
  project.provide('shmRoot', root);
  return () => {
    if (root) rmSync(root, { recursive: true, force: true });
  };
}
