/**
 * Server-rendered charts for the leads' pages: the bars are inline SVG, the words around them are
 * HTML. Text inside an SVG scales with it — huge on a desk, tiny on a phone — so labels and values
 * stay in the page's own type, and each bar is an SVG that stretches to the width it is given.
 * No script (the console's CSP allows none inline), no style attributes: presentation attributes only.
 */

export type Tone = 'open' | 'overdue' | 'spent' | 'committed' | 'remaining' | 'over';

const FILL: Record<Tone, string> = {
  open: '#3b6fb6',
  overdue: '#c0392b',
  spent: '#1f7a4d',
  committed: '#e0a030',
  remaining: '#d9dee4',
  over: '#c0392b',
};

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** Bars are drawn on a 0–1000 scale; the SVG stretches it to its box. */
const SCALE = 1000;
const pct = (value: number, max: number) => (value <= 0 || max <= 0 ? 0 : Math.max(4, Math.round((Math.min(value, max) / max) * SCALE)));

/** One bar: a track and a filled part, `value` of `max`. */
function bar(value: number, max: number, tone: Tone): string {
  return (
    `<svg class="bar" viewBox="0 0 ${SCALE} 10" preserveAspectRatio="none" width="100%" height="14" aria-hidden="true" focusable="false" xmlns="http://www.w3.org/2000/svg">` +
    `<rect x="0" y="0" width="${SCALE}" height="10" fill="#eef0f4"/><rect x="0" y="0" width="${pct(value, max)}" height="10" fill="${FILL[tone]}"/></svg>`
  );
}

export interface BarRow {
  label: string;
  bars: Array<{ value: number; tone: Tone; text: string }>;
}

/**
 * Grouped horizontal bars, one group per row, all on one scale: the label above, each bar with its
 * value beside it. The whole is one labelled figure; the table under it carries the same numbers.
 * @example groupedBars({ title: 'Open and overdue', rows: [{ label: 'Анна', bars: [{ value: 3, tone: 'open', text: '3 open' }] }] })
 */
export function groupedBars(o: { title: string; rows: BarRow[] }): string {
  const max = Math.max(1, ...o.rows.flatMap((r) => r.bars.map((b) => b.value)));
  const rows = o.rows.map(
    (row) =>
      `<div class="bar-group"><div class="bar-label">${escapeXml(row.label)}</div>` +
      row.bars.map((b) => `<div class="bar-line bar-${b.tone}${b.tone === 'overdue' && b.value > 0 ? ' late' : ''}">${bar(b.value, max, b.tone)}<span class="bar-value">${escapeXml(b.text)}</span></div>`).join('') +
      '</div>',
  );
  return `<figure class="chart" role="img" aria-label="${escapeXml(o.title)}">${rows.join('')}</figure>`;
}

export interface Segment {
  value: number;
  tone: Tone;
}

/**
 * One bar split into segments (issued, promised) against a total, the rest drawn as what is left.
 * Past the total, the excess is drawn in the `over` tone after a mark where the total ends.
 */
export function stackedBar(o: { title: string; total: number; segments: Segment[] }): string {
  const sum = o.segments.reduce((s, x) => s + Math.max(0, x.value), 0);
  const scale = Math.max(o.total, sum, 1);
  const parts: string[] = [`<rect x="0" y="0" width="${SCALE}" height="10" fill="${FILL.remaining}"/>`];
  let x = 0;
  for (const seg of o.segments) {
    if (seg.value <= 0) continue;
    const w = Math.max(3, Math.round((seg.value / scale) * SCALE));
    parts.push(`<rect x="${x}" y="0" width="${w}" height="10" fill="${FILL[seg.tone]}"/>`);
    x += w;
  }
  if (o.total > 0 && sum > o.total) {
    const at = Math.round((o.total / scale) * SCALE);
    parts.push(`<rect x="${at}" y="0" width="${SCALE - at}" height="10" fill="${FILL.over}"/>`);
    parts.push(`<rect x="${at - 3}" y="0" width="6" height="10" fill="#1d2330"/>`);
  }
  return (
    `<figure class="chart"><svg class="stack" viewBox="0 0 ${SCALE} 10" preserveAspectRatio="none" width="100%" height="28" role="img" aria-label="${escapeXml(o.title)}" xmlns="http://www.w3.org/2000/svg">` +
    `<title>${escapeXml(o.title)}</title>${parts.join('')}</svg></figure>`
  );
}
