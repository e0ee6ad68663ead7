import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { setBudget } from '../../src/engine/admin.js';
import type { Running } from '../../src/server.js';
import { addPerson, type Person } from '../console/people.js';
import { client, customer, ok, rub, startTestServer } from '../helpers.js';
import { describeInBrowser, horizontalOverflow, launchBrowser, screenshot } from './browser.js';

async function signIn(page: Page, base: string, who: { email: string; password: string }): Promise<void> {
  // A signed-out visitor of a console page is sent to sign in, and back to that page afterwards.
  await page.goto(`${base}/queue`);
  await page.waitForURL(`${base}/sign-in?next=%2Fqueue`);
  await page.fill('input[name="email"]', who.email);
  await page.fill('input[name="password"]', who.password);
  await Promise.all([page.waitForURL(`${base}/queue`), page.click('form[action="/sign-in"] button[type="submit"]')]);
}

describeInBrowser('the leads’ and admins’ pages in a browser', () => {
  let running: Running;
  let browser: Browser;
  let admin: Person;
  let lead: Person;
  let anna: Person;
  let boris: Person;
  const contexts: BrowserContext[] = [];

  const newPage = async (width = 1280, height = 900, locale = 'en-GB') => {
    const context = await browser.newContext({ locale, viewport: { width, height } });
    contexts.push(context);
    return context.newPage();
  };

  beforeAll(async () => {
    running = await startTestServer();
    browser = await launchBrowser();
    admin = await addPerson(running.engine, 'Ada Admin', 'admin');
    lead = await addPerson(running.engine, 'Olga Lead', 'lead');
    anna = await addPerson(running.engine, 'Anna Smirnova', 'handler', rub(100_000));
    boris = await addPerson(running.engine, 'Boris Orlov', 'handler', rub(100_000));
    await setBudget(running.engine.store, { id: 'cli', role: 'system' }, rub(5_000_000), running.engine.clock().toISOString());
    const open = async (by: Person, over: Record<string, unknown>) =>
      ok(await client(running.url, by.token).post('/api/v1/cases', { channel: 'phone', scenario: 'rude-staff', description: 'Исполнитель нагрубил', ...over }), 201).body.id as string;
    await open(anna, { tone: 'conflict', customer: customer({ id: 'c-1', name: 'Пётр Гневный' }) });
    await open(boris, { tone: 'conflict', customer: customer({ id: 'c-2', name: 'Ирина Константинопольская-Длинная' }) });
    await open(anna, { customer: customer({ id: 'c-3' }), scenario: 'late-arrival', description: 'Опоздали', tone: 'constructive' });
    const paid = await open(boris, { customer: customer({ id: 'c-4' }), scenario: 'late-arrival', description: 'Опоздали', tone: 'constructive' });
    for (const e of [
      { type: 'APOLOGIZE', channel: 'phone', text: 'Простите нас.' },
      { type: 'EXPLAIN', cause: 'Маршрут спланировали плохо', prevention: 'Теперь с запасом', text: 'Вот почему.' },
      { type: 'OFFER', kind: 'credit', value: rub(60_000) },
      { type: 'CUSTOMER_ACCEPTED' },
      { type: 'ISSUE' },
    ]) {
      ok(await client(running.url, boris.token).event(paid, e));
    }
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await running?.close();
  });

  it('a lead sees the conflict board and the team page with its charts, on a desk and at 390 px', async () => {
    for (const [width, height, suffix, locale] of [
      [1280, 900, 'desktop', 'en-GB'],
      [390, 844, '390', 'en-GB'],
      [390, 844, '390-ru', 'ru-RU'],
    ] as const) {
      const page = await newPage(width, height, locale);
      await signIn(page, running.url, lead);
      await page.click('nav a[href="/conflicts"]');
      await page.waitForURL(`${running.url}/conflicts`);
      const rows = page.locator('li.board-row');
      expect(await rows.count()).toBe(2);
      // Newest first: Boris's case was opened last.
      expect(await rows.first().innerText()).toContain('Boris Orlov');
      expect(await rows.first().innerText()).toMatch(/(call due|позвонить до) .+\d{2}:\d{2}/);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await screenshot(page, `lead-conflicts-${suffix}`);

      await page.click('nav a[href="/team"]');
      await page.waitForURL(`${running.url}/team`);
      expect(await page.locator('figure.chart').count()).toBe(2);
      const bars = page.locator('figure.chart').nth(1).locator('svg.bar');
      expect(await bars.count()).toBe(4);
      // The bars take the room they have: most of the card at either width.
      const card = (await page.locator('section.card').first().boundingBox())?.width ?? 0;
      expect((await bars.first().boundingBox())?.width).toBeGreaterThan(card / 2);
      expect((await page.locator('svg.stack').boundingBox())?.width).toBeGreaterThan(card * 0.85);
      expect(await page.locator('table.data').innerText()).toContain('Anna Smirnova');
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await screenshot(page, `lead-team-${suffix}`);
    }
  });

  it('a lead reassigns a conflict case from the board', async () => {
    const page = await newPage();
    await signIn(page, running.url, lead);
    await page.goto(`${running.url}/conflicts`);
    const row = page.locator('li.board-row', { hasText: 'Пётр Гневный' });
    await row.locator('select[name="ownerId"]').selectOption({ label: 'Boris Orlov' });
    await row.locator('button[type="submit"]').click();
    await page.locator('.notice.ok').waitFor();
    expect(await page.locator('.notice.ok').innerText()).toContain('now belongs to Boris Orlov');
    expect(await page.locator('li.board-row', { hasText: 'Пётр Гневный' }).locator('.caller').innerText()).toBe('Boris Orlov');
  });

  it('an admin creates a handler, who then signs in; the admin pages fit 390 px', async () => {
    const page = await newPage(390, 844);
    await signIn(page, running.url, admin);
    await page.goto(`${running.url}/admin/people`);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'admin-people-390');
    const form = page.locator('form[action="/admin/people"]');
    await form.locator('input[name="name"]').fill('Vera Novikova');
    await form.locator('input[name="email"]').fill('vera@example.com');
    await form.locator('input[name="password"]').fill('vera-secret-42');
    await form.locator('select[name="role"]').selectOption('handler');
    await form.locator('input[name="limit"]').fill('2500');
    await form.locator('button[type="submit"]').click();
    await page.locator('[data-secret]').waitFor();
    expect(await page.locator('.notice.ok').innerText()).toContain('Vera Novikova was added');
    expect(await page.locator('[data-secret]').innerText()).toMatch(/^amd_/);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'admin-people-created-390');

    await page.goto(`${running.url}/admin/budget`);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'admin-budget-390');

    const desk = await newPage();
    await signIn(desk, running.url, admin);
    await desk.goto(`${running.url}/admin/people`);
    expect(await horizontalOverflow(desk)).toBeLessThanOrEqual(0);
    await screenshot(desk, 'admin-people-desktop');

    const vera = await newPage(390, 844);
    await signIn(vera, running.url, { email: 'vera@example.com', password: 'vera-secret-42' });
    expect(await vera.locator('.top .me').innerText()).toBe('Vera Novikova');
    // A handler's header has no lead or admin links.
    expect(await vera.locator('nav a[href="/team"]').count()).toBe(0);
  });

  it('every lead and admin route refuses a signed-out visitor and a handler', async () => {
    const pages = ['/conflicts', '/team', '/admin/people', '/admin/budget', '/admin/calendar'];
    const actions = ['/cases/x/reassign', '/admin/people', '/admin/people/x/limit', '/admin/people/x/password', '/admin/people/x/active', '/admin/people/x/token', '/admin/budget', '/admin/calendar', '/admin/calendar/rotas', '/admin/calendar/people'];
    const visitor = await newPage();
    for (const p of pages) {
      await visitor.goto(`${running.url}${p}`);
      expect(visitor.url(), p).toContain('/sign-in?next=');
    }
    for (const a of actions) expect((await visitor.request.post(`${running.url}${a}`, { form: { _csrf: 'x' }, maxRedirects: 0 })).status(), a).toBe(401);
    const handler = await newPage();
    await signIn(handler, running.url, anna);
    for (const p of pages) expect((await handler.goto(`${running.url}${p}`))?.status(), p).toBe(403);
    const csrf = await handler.locator('input[name="_csrf"]').first().inputValue();
    for (const a of actions) expect((await handler.request.post(`${running.url}${a}`, { form: { _csrf: csrf }, maxRedirects: 0 })).status(), a).toBe(403);
    // Leads do not administer people or the budget.
    const leadPage = await newPage();
    await signIn(leadPage, running.url, lead);
    for (const p of ['/admin/people', '/admin/budget']) expect((await leadPage.goto(`${running.url}${p}`))?.status(), p).toBe(403);
  });

  it('an admin adds a rota and puts a person on it on the calendar page, which fits 390 px; a lead sees it read-only', async () => {
    const desk = await newPage();
    await signIn(desk, running.url, admin);
    await desk.click('nav a[href="/admin/calendar"]');
    await desk.waitForURL(`${running.url}/admin/calendar`);
    expect(await desk.locator('form[action="/admin/calendar"] input[name="zone"]').inputValue()).toBe(running.engine.config.timeZone);
    await desk.locator('details.add-rota summary').click();
    const add = desk.locator('form[action="/admin/calendar/rotas"]');
    await add.locator('input[name="name"]').fill('novosibirsk');
    await add.locator('input[name="zone"]').fill('Asia/Novosibirsk');
    for (const d of ['mon', 'tue', 'wed', 'thu', 'fri']) {
      await add.locator(`input[name="${d}_from"]`).fill('09:00');
      await add.locator(`input[name="${d}_to"]`).fill('18:00');
    }
    await add.locator('button[type="submit"]').click();
    await desk.locator('.notice.ok').waitFor();
    expect(await desk.locator('.notice.ok').innerText()).toMatch(/Rota novosibirsk is added\. Open deadlines re-planned: \d+\./);
    expect(await desk.locator('section.rota[data-rota="novosibirsk"] input[name="zone"]').inputValue()).toBe('Asia/Novosibirsk');

    const person = desk.locator('.rota-people li', { hasText: 'Anna Smirnova' });
    await person.locator('select[name="rota"]').selectOption('novosibirsk');
    await person.locator('button[type="submit"]').click();
    await desk.locator('.notice.ok', { hasText: 'Anna Smirnova is now on rota novosibirsk' }).waitFor();
    expect(await desk.locator('section.rota[data-rota="novosibirsk"]').innerText()).toContain('Anna Smirnova');
    expect(await horizontalOverflow(desk)).toBeLessThanOrEqual(0);
    await screenshot(desk, 'admin-calendar-desktop');

    // A bad hour is refused with the field named, the form shown again as typed.
    const team = desk.locator('form[action="/admin/calendar"]');
    await team.locator('input[name="mon_to"]').fill('25:00');
    await team.locator('button[type="submit"]').click();
    await desk.locator('.notice.error').waitFor();
    expect(await desk.locator('.notice.error').innerText()).toContain('Mon (to)');
    expect(await desk.locator('form[action="/admin/calendar"] input[name="mon_to"]').getAttribute('aria-invalid')).toBe('true');
    await screenshot(desk, 'admin-calendar-error-desktop');

    for (const [suffix, locale] of [['390', 'en-GB'], ['390-ru', 'ru-RU']] as const) {
      const phone = await newPage(390, 844, locale);
      await signIn(phone, running.url, admin);
      await phone.goto(`${running.url}/admin/calendar`);
      expect(await phone.locator('section.rota').count()).toBe(1);
      expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(0);
      // The hour fields keep a usable width on a phone.
      expect((await phone.locator('form[action="/admin/calendar"] input[name="mon_from"]').boundingBox())?.width).toBeGreaterThan(60);
      await screenshot(phone, `admin-calendar-${suffix}`);
    }

    const leadPage = await newPage(390, 844);
    await signIn(leadPage, running.url, lead);
    await leadPage.goto(`${running.url}/admin/calendar`);
    expect(await leadPage.locator('form[action="/admin/calendar"] input[name="zone"]').isDisabled()).toBe(true);
    expect(await leadPage.locator('form[action="/admin/calendar/rotas"]').count()).toBe(0);
    expect(await horizontalOverflow(leadPage)).toBeLessThanOrEqual(0);
    await screenshot(leadPage, 'lead-calendar-390');
  });
});
