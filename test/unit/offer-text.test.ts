import { describe, expect, it } from 'vitest';
import { render } from '../../src/responses/render.js';

describe('the offer message to the customer', () => {
  it('is written in Russian for a Russian-speaking customer, with the amount in roubles', () => {
    const text = render('ru', 'offer.txt', { name: 'Мария', kind: 'credit', percent: null, amount: '3 000,00 ₽' });
    expect(text).toContain('Мария, мы виноваты перед вами');
    expect(text).toContain('3 000,00 ₽ бонусами на ваш счёт');
  });

  it('is written in English with the discount percent', () => {
    const text = render('en', 'offer.txt', { name: 'John', kind: 'discount', percent: 15, amount: '$20.00' });
    expect(text).toContain('John, we let you down');
    expect(text).toContain('15% off your next order');
  });

  it('keeps a plain-text name as written, with no HTML entities', () => {
    expect(render('en', 'offer.txt', { name: "Seán O'Brien", kind: 'gift', percent: null, amount: '' })).toContain("Seán O'Brien, we let you down");
  });
});

describe('HTML pages for customers', () => {
  it('escape what customers wrote: a name is data, never markup', () => {
    const html = render('en', 'status-page.html', { ref: 'AM-1', customerName: '<script>x</script>', intro: '', steps: [], statusText: '', dueAt: null, timeZone: 'UTC', updatedAt: '' });
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(html).not.toContain('<script>x');
  });
});
