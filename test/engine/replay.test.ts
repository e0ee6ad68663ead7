import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import { complaintMachine, MACHINE_VERSION, type ComplaintEvent, type ComplaintInput } from '../../workflows/complaint.js';
import { persist, restoreSnapshot, statePath } from '../../src/engine/snapshots.js';
import type { JournalEntry } from '../../src/store/journal.js';

/**
 * Journals of real cases, recorded by test/fixtures/export-journals.ts. If a change to workflows/
 * makes this fail, cases in flight would be stranded: add an upgrade to SNAPSHOT_UPGRADES in
 * src/engine/snapshots.ts, bump MACHINE_VERSION, and keep these fixtures as they are.
 */
const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/journals');
const fixtures = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(path.join(DIR, f), 'utf8')) as { name: string; machineVersion: number; state: string; snapshot: unknown; journal: JournalEntry[] });

describe('replaying recorded journals through the current statechart', () => {
  it('has fixtures to replay', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(3);
  });

  for (const f of fixtures) {
    it(`${f.name}: the stored snapshot still restores to the same state`, () => {
      const restored = restoreSnapshot(f.snapshot, f.machineVersion);
      expect(restored.status).not.toBe('error');
      expect(statePath(restored)).toBe(f.state);
    });

    it(`${f.name}: replaying the journal gives the stored snapshot`, () => {
      const [opened, ...events] = f.journal;
      if (!opened) throw new Error('empty journal');
      let snapshot = initialTransition(complaintMachine, { tone: opened.payload.tone, ownerId: opened.payload.ownerId } as ComplaintInput)[0];
      for (const e of events) {
        const event = { type: e.type, ...e.payload, actorId: e.actorId } as unknown as ComplaintEvent;
        expect(snapshot.can(event), `${e.type} at version ${e.version} is no longer accepted in ${statePath(snapshot)}`).toBe(true);
        snapshot = transition(complaintMachine, snapshot, event)[0];
        expect(statePath(snapshot), `state after version ${e.version}`).toBe(e.toState);
      }
      if (f.machineVersion === MACHINE_VERSION) expect(persist(snapshot)).toEqual(f.snapshot);
    });
  }
});

describe('stored snapshots the statechart cannot hold', () => {
  const [f] = fixtures;
  it('are refused instead of being run on a wrong chart', () => {
    if (!f) throw new Error('no fixture');
    const renamed = { ...(f.snapshot as Record<string, unknown>), value: 'aStateThatNoLongerExists' };
    expect(() => restoreSnapshot(renamed, f.machineVersion)).toThrow(/does not fit the statechart/);
  });

  it('from a newer statechart are refused, and older ones need an upgrade to exist', () => {
    if (!f) throw new Error('no fixture');
    expect(() => restoreSnapshot(f.snapshot, MACHINE_VERSION + 1)).toThrow(/newer statechart/);
    expect(() => restoreSnapshot(f.snapshot, MACHINE_VERSION - 1)).toThrow(/no upgrade for snapshots of statechart version/);
  });
});
