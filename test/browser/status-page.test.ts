import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Running } from '../../src/server.js';
import { addUser, client, customer, ok, rub, startTestServer, type TestUser } from '../helpers.js';
import { describeInBrowser, horizontalOverflow, launchBrowser, screenshot } from './browser.js';

describeInBrowser("the customer's status page in a browser", () => {
  let running: Running;
  let browser: Browser;
  let handler: TestUser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    running = await startTestServer();
    browser = await launchBrowser();
    handler = await addUser(running.engine, 'Анна Смирнова', 'handler', rub(100_000));
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await running?.close();
  });

  async function offeredCase(over: Parameters<typeof customer>[0]): Promise<string> {
    const opened = ok(await client(running.url, handler.token).post('/api/v1/cases', { customer: customer(over), channel: 'email', description: 'Опоздали на час', scenario: 'late-arrival' }), 201);
    for (const e of [
      { type: 'APOLOGIZE', channel: 'email', text: 'Простите нас.' },
      { type: 'EXPLAIN', cause: 'Маршрут спланировали плохо', prevention: 'Теперь с запасом', text: 'Вот почему.' },
      { type: 'OFFER', kind: 'credit', value: rub(30_000), note: 'internal note' },
    ]) {
      ok(await client(running.url, handler.token).event(opened.body.id, e));
    }
    return opened.body.statusUrl as string;
  }

  it('a customer accepts the offer on a phone, without script, and sees it accepted', async () => {
    const url = await offeredCase({ id: 'c-phone', name: 'Мария Иванова' });
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(url);
    expect(await page.locator('section.offer').innerText()).toContain('300 ₽ бонусами на ваш счёт');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'status-offer-390');
    await Promise.all([page.waitForLoadState('load'), page.click('button[value="accept"]')]);
    await page.locator('.answered').waitFor();
    expect(await page.locator('.answered').innerText()).toContain('Вы приняли наше предложение');
    expect(await page.locator('section.offer').count()).toBe(0);
    await screenshot(page, 'status-accepted-390');
  });

  it('a customer declines with a reason, in English', async () => {
    const url = await offeredCase({ id: 'c-en', name: 'John Smith', locale: 'en', timeZone: 'Europe/London' });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(url);
    await page.click('summary');
    await page.fill('textarea[name="reason"]', 'I would rather have a refund');
    await screenshot(page, 'status-decline-desktop');
    await Promise.all([page.waitForLoadState('load'), page.click('button[value="decline"]')]);
    await page.locator('.answered').waitFor();
    expect(await page.locator('.answered').innerText()).toContain('You declined the offer.');
  });
});
