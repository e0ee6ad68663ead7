import { OPEN_STATE_NODES } from '../engine/snapshots.js';

/** The states a case may be in while open, in the order a case walks them: the queue's state filter (from the statechart). */
export const OPEN_STATES = OPEN_STATE_NODES as [string, ...string[]];

/** The console text key naming a state (`compensate.offered` → `state.compensate.offered`). */
export const stateKey = (state: string) => `state.${state}`;
