/** The printed table and its JSON twin (.tmp/bench.json). */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface Row {
  /** Stable key for the JSON file. */
  key: string;
  measure: string;
  ours: string;
  floor: string;
  /** ours ÷ floor (or the row's own comparison); null when the row has none. */
  ratio: number | null;
  target: string;
  /** Whether the target holds; undefined when the row has no target. */
  met?: boolean | undefined;
  /** Absolute numbers behind the row, for the JSON file. */
  data: Record<string, unknown>;
}

export const int = (n: number): string => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '—');
export const ms = (n: number): string => (!Number.isFinite(n) ? '—' : n >= 100 ? `${Math.round(n)} ms` : `${n.toFixed(n >= 10 ? 1 : 2)} ms`);
export const mb = (bytes: number | undefined): string => (bytes === undefined ? '—' : `${(bytes / 1048576).toFixed(0)} MB`);
export const secs = (millis: number): string => `${(millis / 1000).toFixed(2)} s`;
export const ratioText = (r: number | null): string => (r === null || !Number.isFinite(r) ? '—' : r >= 100 ? r.toFixed(0) : r.toFixed(2));

export function formatTable(header: string, rows: Row[]): string {
  const cols = [
    { title: 'measure', get: (r: Row) => r.measure },
    { title: 'ours', get: (r: Row) => r.ours },
    { title: 'floor / reference', get: (r: Row) => r.floor },
    { title: 'ratio', get: (r: Row) => ratioText(r.ratio) },
    { title: 'target', get: (r: Row) => r.target },
    { title: 'ok', get: (r: Row) => (r.met === undefined ? '' : r.met ? 'yes' : 'NO') },
  ];
  const widths = cols.map((c) => Math.max(c.title.length, ...rows.map((r) => c.get(r).length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ').trimEnd();
  return [header, line(cols.map((c) => c.title)), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map((r) => line(cols.map((c) => c.get(r))))].join('\n');
}

export function writeJson(file: string, doc: unknown): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(doc, null, 2)}\n`);
}
