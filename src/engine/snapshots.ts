import { createActor, type SnapshotFrom } from 'xstate';
import { MACHINE_VERSION, complaintMachine } from '../../workflows/complaint.js';

export type ComplaintSnapshot = SnapshotFrom<typeof complaintMachine>;

/**
 * Upgrades for snapshots written by older statecharts, keyed by the version they upgrade FROM.
 * When MACHINE_VERSION goes up, add an entry that rewrites the stored snapshot (rename a state,
 * fill a new context field); cases in flight then continue on the new chart. The replay test in
 * test/engine/replay.test.ts fails when a change strands stored snapshots without one.
 */
export const SNAPSHOT_UPGRADES: Record<number, (snapshot: Record<string, unknown>) => Record<string, unknown>> = {};

/** Hydrate a stored snapshot without starting an actor; refuses snapshots the chart cannot hold. */
export function restoreSnapshot(stored: unknown, machineVersion: number): ComplaintSnapshot {
  let snap = stored as Record<string, unknown>;
  for (let v = machineVersion; v < MACHINE_VERSION; v++) {
    const upgrade = SNAPSHOT_UPGRADES[v];
    if (!upgrade) throw new Error(`no upgrade for snapshots of statechart version ${v}`);
    snap = upgrade(snap);
  }
  if (machineVersion > MACHINE_VERSION) throw new Error(`snapshot from a newer statechart (${machineVersion} > ${MACHINE_VERSION})`);
  // input is required by the type but ignored when a snapshot is given.
  const actor = createActor(complaintMachine, { snapshot: snap as never, input: { tone: 'constructive', ownerId: null } });
  const restored = actor.getSnapshot();
  if (restored.status === 'error') throw new Error(`stored snapshot does not fit the statechart: ${String(restored.error)}`);
  return restored;
}

export function persist(snapshot: ComplaintSnapshot): unknown {
  return complaintMachine.getPersistedSnapshot(snapshot);
}

/** The statechart value as a dotted path: `compensate.awaitingApproval`. */
export function statePath(snapshot: ComplaintSnapshot): string {
  const parts: string[] = [];
  let value: unknown = snapshot.value;
  while (value && typeof value === 'object') {
    const [key, inner] = Object.entries(value)[0] ?? [];
    if (!key) break;
    parts.push(key);
    value = inner;
  }
  if (typeof value === 'string') parts.push(value);
  return parts.join('.');
}

export function statusOf(path: string): 'open' | 'resolved' | 'closed' {
  if (path === 'resolved') return 'resolved';
  if (path === 'wonBack' || path === 'lost') return 'closed';
  return 'open';
}
