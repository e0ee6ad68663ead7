import { describe, expect, it } from 'vitest';
import { groupedBars, stackedBar } from '../../src/console/lead/charts.js';

describe('inline SVG charts of the team page', () => {
  it('draw one labelled group of bars per handler on one scale, names escaped', () => {
    const svg = groupedBars({
      title: 'Open & overdue',
      rows: [
        { label: 'Анна <script>', bars: [{ value: 4, tone: 'open', text: '4' }, { value: 1, tone: 'overdue', text: '1' }] },
        { label: 'Борис', bars: [{ value: 2, tone: 'open', text: '2' }, { value: 0, tone: 'overdue', text: '0' }] },
      ],
    });
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-label="Open &amp; overdue"/);
    expect(svg).toContain('Анна &lt;script&gt;');
    expect(svg).not.toContain('<script');
    const widths = [...svg.matchAll(/<rect x="0" y="\d+" width="(\d+)"/g)].map((m) => Number(m[1]));
    // The longest bar spans the chart less the room for its value; the others follow the same scale.
    expect(widths).toEqual([316, 79, 158, 0]);
    expect(svg).not.toMatch(/style=/);
  });

  it('stack spent and committed against the budget and mark an overrun', () => {
    const within = stackedBar({ title: 'Budget', total: 1000, segments: [{ value: 250, tone: 'spent' }, { value: 250, tone: 'committed' }] });
    expect([...within.matchAll(/width="(\d+)"/g)].map((m) => Number(m[1]))).toEqual([360, 90, 90]);
    expect(within).not.toContain('<line');
    const over = stackedBar({ title: 'Budget', total: 1000, segments: [{ value: 1500, tone: 'spent' }] });
    expect(over).toContain('<line x1="240"');
  });
});
