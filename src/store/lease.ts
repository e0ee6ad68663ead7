/**
 * A worker's hold on due timers or outbox rows: who holds them and until when (ISO, on the engine's
 * clock). Written in the transaction that claims the rows; another worker skips them until `until`.
 */
export interface Lease {
  by: string;
  until: string;
}
