import { describe, expect, it } from 'vitest';
import { groupedBars, stackedBar } from '../../src/console/lead/charts.js';

const widths = (svg: string) => [...svg.matchAll(/<rect x="\d+" y="0" width="(\d+)"/g)].map((m) => Number(m[1]));

describe('charts of the team page', () => {
  it('draw one labelled group of SVG bars per handler on one scale, words escaped and outside the SVG', () => {
    const html = groupedBars({
      title: 'Open & overdue',
      rows: [
        { label: 'Анна <script>', bars: [{ value: 4, tone: 'open', text: '4 open' }, { value: 1, tone: 'overdue', text: '1 overdue' }] },
        { label: 'Борис', bars: [{ value: 2, tone: 'open', text: '2 open' }, { value: 0, tone: 'overdue', text: '0 overdue' }] },
      ],
    });
    expect(html).toMatch(/^<figure class="chart" role="img" aria-label="Open &amp; overdue">/);
    expect(html).toContain('<div class="bar-label">Анна &lt;script&gt;</div>');
    expect(html).not.toContain('<script');
    expect(html).not.toMatch(/style=/);
    // Each bar is a track (1000) and its fill; the longest fills the track, the others follow its scale.
    expect(widths(html)).toEqual([1000, 1000, 1000, 250, 1000, 500, 1000, 0]);
    expect(html.match(/<svg class="bar"/g)).toHaveLength(4);
    expect(html.match(/<text/g)).toBeNull();
  });

  it('stack issued and promised against the budget and mark an overrun', () => {
    const within = stackedBar({ title: 'Budget', total: 1000, segments: [{ value: 250, tone: 'spent' }, { value: 250, tone: 'committed' }] });
    expect(widths(within)).toEqual([1000, 250, 250]);
    expect(within).toContain('aria-label="Budget"');
    const over = stackedBar({ title: 'Budget', total: 1000, segments: [{ value: 1500, tone: 'spent' }] });
    // The budget ends two thirds along; beyond it the overrun is red, with a dark mark at the line.
    expect(over).toContain('<rect x="667" y="0" width="333" height="10" fill="#c0392b"/>');
    expect(over).toContain('<rect x="664" y="0" width="6"');
  });
});
