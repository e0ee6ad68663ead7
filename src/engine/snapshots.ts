import { createActor, type AnyActorScope, type SnapshotFrom } from 'xstate';
import { MACHINE_VERSION, complaintMachine } from '../../workflows/complaint.js';

export type ComplaintSnapshot = SnapshotFrom<typeof complaintMachine>;
type ComplaintEventOf = Parameters<typeof complaintMachine.transition>[1];
type ExecutableAction = Parameters<AnyActorScope['actionExecutor']>[0];

/**
 * One inert actor scope for every pure step, instead of XState's per call: `transition()` and
 * `createActor()` build an actor each time, and building one computes the machine's initial state
 * (entry actions, assigns) only to throw it away, which cost more than the step itself. The
 * statechart spawns nothing, and every use below is synchronous, so one scope serves all; only its
 * action sink is swapped per step.
 */
let shared: AnyActorScope | undefined;
function scope(): AnyActorScope {
  if (shared) return shared;
  const self = createActor(complaintMachine, { input: { tone: 'constructive', ownerId: null } });
  shared = {
    self,
    defer: () => {},
    id: '',
    logger: () => {},
    sessionId: '',
    stopChild: () => {},
    system: self.system,
    emit: () => {},
    actionExecutor: () => {},
  } as AnyActorScope;
  return shared;
}

/** XState's pure `transition(machine, snapshot, event)` on the shared scope: the next snapshot and the actions to run. */
export function step(snapshot: ComplaintSnapshot, event: ComplaintEventOf): [ComplaintSnapshot, ExecutableAction[]] {
  const s = scope();
  const actions: ExecutableAction[] = [];
  s.actionExecutor = (action) => {
    actions.push(action);
  };
  try {
    return [complaintMachine.transition(snapshot, event, s), actions];
  } finally {
    s.actionExecutor = () => {};
  }
}

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
  // What `createActor(machine, { snapshot }).getSnapshot()` does, without building an actor each time.
  let restored: ComplaintSnapshot;
  try {
    restored = complaintMachine.restoreSnapshot(snap as never, scope()) as ComplaintSnapshot;
  } catch (err) {
    throw new Error(`stored snapshot does not fit the statechart: ${String(err)}`);
  }
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

type Node = { path: string[]; type: string; states: Record<string, Node> };

/** Every state of the statechart below its root, parents before their children, in definition order. */
const NODES: Array<{ path: string; leaf: boolean }> = (function walk(node: Node): Array<{ path: string; leaf: boolean }> {
  return Object.values(node.states)
    .filter((child) => child.type !== 'history')
    .flatMap((child) => [{ path: child.path.join('.'), leaf: Object.keys(child.states).length === 0 }, ...walk(child)]);
})(complaintMachine.root as unknown as Node);

/** Every state a case can be in (the statechart's leaves, as `statePath` writes them), in definition order. */
export const STATE_PATHS: readonly string[] = NODES.filter((n) => n.leaf).map((n) => n.path);

export function statusOf(path: string): 'open' | 'resolved' | 'closed' {
  if (path === 'resolved') return 'resolved';
  if (path === 'wonBack' || path === 'lost') return 'closed';
  return 'open';
}

/** The states an open case may be in, parents included (`compensate` covers its children), in the order a case walks them. */
export const OPEN_STATE_NODES: readonly string[] = NODES.filter((n) => statusOf(n.path) === 'open').map((n) => n.path);
