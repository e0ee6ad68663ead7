/**
 * Server-rendered inline SVG charts for the leads' pages: no script (the console's CSP allows none
 * inline), no styles (only presentation attributes), readable at phone width. The SVG scales to its
 * box through its viewBox; the numbers are also in the table beside each chart.
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

const WIDTH = 360;
const LABEL_H = 16;
const BAR_H = 12;
const GAP = 3;
const ROW_GAP = 12;
const VALUE_W = 44;

export interface BarRow {
  label: string;
  bars: Array<{ value: number; tone: Tone; text: string }>;
}

/**
 * Horizontal grouped bars, one group per row: the label on its own line above the bars, so a long
 * name never squeezes them at 390 px. Bars share one scale; each ends with its value.
 * @example groupedBars({ title: 'Open and overdue', rows: [{ label: 'Анна', bars: [{ value: 3, tone: 'open', text: '3' }] }] })
 */
export function groupedBars(o: { title: string; rows: BarRow[] }): string {
  const max = Math.max(1, ...o.rows.flatMap((r) => r.bars.map((b) => b.value)));
  const span = WIDTH - VALUE_W;
  let y = 0;
  const parts: string[] = [];
  for (const row of o.rows) {
    parts.push(`<text x="0" y="${y + 12}" font-size="13" fill="#222">${escapeXml(row.label)}</text>`);
    y += LABEL_H + 2;
    for (const bar of row.bars) {
      const w = bar.value <= 0 ? 0 : Math.max(2, Math.round((bar.value / max) * span));
      parts.push(`<rect x="0" y="${y}" width="${w}" height="${BAR_H}" rx="2" fill="${FILL[bar.tone]}"/>`);
      parts.push(`<text x="${w + 4}" y="${y + BAR_H - 2}" font-size="11" fill="#333">${escapeXml(bar.text)}</text>`);
      y += BAR_H + GAP;
    }
    y += ROW_GAP;
  }
  return svg(o.title, Math.max(y, 20), parts);
}

export interface Segment {
  value: number;
  tone: Tone;
}

/**
 * One bar split into segments (spent, committed, what remains) against a total. Past the total,
 * the bar is drawn full and the excess in the `over` tone, so an overrun is plain to see.
 */
export function stackedBar(o: { title: string; total: number; segments: Segment[] }): string {
  const sum = o.segments.reduce((s, x) => s + Math.max(0, x.value), 0);
  const scale = Math.max(o.total, sum, 1);
  const parts: string[] = [`<rect x="0" y="0" width="${WIDTH}" height="28" rx="4" fill="${FILL.remaining}"/>`];
  let x = 0;
  for (const seg of o.segments) {
    if (seg.value <= 0) continue;
    const w = Math.round((seg.value / scale) * WIDTH);
    parts.push(`<rect x="${x}" y="0" width="${w}" height="28" fill="${FILL[seg.tone]}"/>`);
    x += w;
  }
  if (o.total > 0 && sum > o.total) {
    const at = Math.round((o.total / scale) * WIDTH);
    parts.push(`<rect x="${at}" y="0" width="${WIDTH - at}" height="28" fill="${FILL.over}" opacity="0.85"/>`);
    parts.push(`<line x1="${at}" y1="-2" x2="${at}" y2="30" stroke="#222" stroke-width="2"/>`);
  }
  return svg(o.title, 28, parts);
}

function svg(title: string, height: number, parts: string[]): string {
  return [
    `<svg class="chart" viewBox="0 -2 ${WIDTH} ${height + 4}" width="100%" role="img" aria-label="${escapeXml(title)}" xmlns="http://www.w3.org/2000/svg">`,
    `<title>${escapeXml(title)}</title>`,
    ...parts,
    '</svg>',
  ].join('');
}

/** The fill of a tone, for legends drawn beside a chart. */
export const toneFill = (tone: Tone) => FILL[tone];
