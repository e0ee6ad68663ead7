/** The states a case may be in while open, in the order a case walks them: the queue's state filter. */
export const OPEN_STATES = [
  'triage',
  'personalCall',
  'apologize',
  'explain',
  'compensate',
  'compensate.choosing',
  'compensate.awaitingApproval',
  'compensate.offered',
  'compensate.accepted',
  'followUp',
] as const;

/** The console text key naming a state (`compensate.offered` → `state.compensate.offered`). */
export const stateKey = (state: string) => `state.${state}`;
