import { describe, expect, it } from 'vitest';
import { render } from '../../src/responses/render.js';
import { renderTemplate } from '../../src/responses/templates.js';
import { sampleData } from '../../src/responses/template-data.js';

describe('the offer message to the customer', () => {
  it('is written in Russian for a Russian-speaking customer, with the amount in roubles', () => {
    const data = sampleData('ru', { customer: { name: 'Мария' }, offer: { kind: 'credit', percent: null, amount: { minor: 300_000, currency: 'RUB' } } });
    const { body } = renderTemplate({ locale: 'ru', scenarioId: 'late-arrival', name: 'offer', variant: 'chat', data });
    expect(body).toContain('Мария, мы виноваты перед вами');
    expect(body).toContain('3 000 ₽ бонусами на ваш счёт');
  });

  it('is written in English with the discount percent', () => {
    const data = sampleData('en', { customer: { name: 'John' }, offer: { kind: 'discount', percent: 15, amount: null } });
    const { body } = renderTemplate({ locale: 'en', scenarioId: 'late-arrival', name: 'offer', variant: 'chat', data });
    expect(body).toContain('John, we let you down');
    expect(body).toContain('15% off your next order');
  });

  it('keeps a plain-text name as written, with no HTML entities', () => {
    const data = sampleData('en', { customer: { name: "Seán O'Brien" }, offer: { kind: 'gift', percent: null, amount: null } });
    expect(renderTemplate({ locale: 'en', scenarioId: 'late-arrival', name: 'offer', variant: 'chat', data }).body).toContain("Seán O'Brien, we let you down");
  });
});

describe('HTML pages for customers', () => {
  it('escape what customers wrote: a name is data, never markup', () => {
    const html = render('en', 'status-page.html', { ref: 'AM-1', customerName: '<script>x</script>', intro: '', steps: [], statusText: '', dueAt: null, timeZone: 'UTC', updatedAt: '' });
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(html).not.toContain('<script>x');
  });
});
