import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Running } from '../../src/server.js';
import { addPerson, type Person } from '../console/people.js';
import { client, customer, ok, rub, startTestServer } from '../helpers.js';
import { describeInBrowser, horizontalOverflow, launchBrowser, screenshot } from './browser.js';

async function signIn(page: Page, base: string, who: Person, shot?: string): Promise<void> {
  // A signed-out visitor of a console page is sent to sign in, and back to that page afterwards.
  await page.goto(`${base}/queue`);
  await page.waitForURL(`${base}/sign-in?next=%2Fqueue`);
  if (shot) {
    await screenshot(page, shot);
    expect(await horizontalOverflow(page), 'the sign-in page scrolls sideways').toBeLessThanOrEqual(0);
  }
  await page.fill('input[name="email"]', who.email);
  await page.fill('input[name="password"]', who.password);
  await Promise.all([page.waitForURL(`${base}/queue`), page.click('form[action="/sign-in"] button[type="submit"]')]);
}

/** Submit an action form of the case page and wait until the page says it is done. */
async function act(page: Page, event: string, fields: Record<string, string> = {}): Promise<void> {
  const form = page.locator(`form#action-${event}`);
  for (const [name, value] of Object.entries(fields)) {
    const input = form.locator(`[name="${name}"]`);
    if ((await input.evaluate((el) => el.tagName)) === 'SELECT') await input.selectOption(value);
    else await input.fill(value);
  }
  await form.locator('button.primary').click();
  // The notice of the previous action may still be on the page: wait for this one's address.
  // Checked from here, not by a predicate evaluated in the page: the console's CSP forbids eval there.
  await page.waitForURL((u) => u.search === `?done=${event}`);
  await page.locator('#notice.ok').waitFor();
}

const currentStep = (page: Page) => page.locator('.step.current').innerText();

describeInBrowser('the console in a browser: from complaint to an approved offer', () => {
  let running: Running;
  let browser: Browser;
  let handler: Person;
  let lead: Person;
  let caseId: string;
  let caseRef: string;
  const contexts: BrowserContext[] = [];
  /** Console errors of every page: a CSP violation (an inline script or style) shows up here. */
  const consoleErrors: string[] = [];
  let htmxRequests = 0;

  beforeAll(async () => {
    running = await startTestServer();
    browser = await launchBrowser();
    handler = await addPerson(running.engine, 'Anna', 'handler', rub(100_000));
    lead = await addPerson(running.engine, 'Olga', 'lead');
    const opened = ok(
      await client(running.url, handler.token).post('/api/v1/cases', {
        customer: customer({ name: 'Мария Иванова', locale: 'ru' }),
        orderId: 'ord-1001',
        channel: 'email',
        description: 'The cleaner came 40 minutes late and did not warn me.',
        scenario: 'late-arrival',
      }),
      201,
    );
    caseId = opened.body.id;
    caseRef = opened.body.ref;
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await running?.close();
  });

  const newPage = async (width = 1280, height = 900, locale = 'en-GB') => {
    const context = await browser.newContext({ locale, viewport: { width, height } });
    contexts.push(context);
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    page.on('request', (r) => {
      if (r.headers()['hx-request'] === 'true') htmxRequests++;
    });
    return page;
  };

  it('a handler apologizes, explains and offers above the limit; a lead approves less; the handler sees the case move on', async () => {
    const page = await newPage();
    await signIn(page, running.url, handler);
    expect(await page.locator('.top .me').innerText()).toBe('Anna');

    // The new case is in the queue; it opens from there.
    const row = page.locator(`li[data-case-id="${caseId}"]`);
    expect(await row.innerText()).toContain(caseRef);
    expect(await row.innerText()).toMatch(/due in|overdue by/);
    await screenshot(page, 'queue-desktop');
    await Promise.all([page.waitForURL(`${running.url}/cases/${caseId}`), row.locator('a').click()]);
    expect(await currentStep(page)).toContain('Apologize');
    expect(await page.locator('.step-preview .preview').innerText()).toContain('Мария');

    // The composer: a preview of the handler's own words with the lint's verdict, then the apology goes out.
    const apology = page.locator('form#action-APOLOGIZE');
    await apology.locator('textarea[name="text"]').fill('Мария, вы указали неверный адрес');
    await apology.locator('button[name="_preview"]').click();
    await page.locator('form#action-APOLOGIZE .lint').waitFor();
    // htmx swapped the composer in place: the page stays where it was.
    expect(page.url()).toBe(`${running.url}/cases/${caseId}`);
    expect(await page.locator('.case-head').count()).toBe(1);
    await screenshot(page, 'case-composer-lint');
    await page.locator('form#action-APOLOGIZE textarea[name="text"]').fill('');
    await act(page, 'APOLOGIZE');
    expect(await currentStep(page)).toContain('Explain');
    expect(await page.locator('.step.done').first().innerText()).toContain('Apologize');

    await act(page, 'EXPLAIN', { cause: 'The cleaner did not allow for traffic', prevention: 'We now leave with 30 minutes to spare' });
    expect(await currentStep(page)).toContain('Compensate');
    await screenshot(page, 'case-compensate');

    // 5000 ₽ is above her 1000 ₽ limit: the offer waits for a lead.
    await act(page, 'OFFER', { kind: 'credit', value: '5000' });
    expect(await page.locator('.badge.state').innerText()).toContain('awaiting approval');

    const leadPage = await newPage();
    await signIn(leadPage, running.url, lead);
    await leadPage.goto(`${running.url}/approvals`);
    const request = leadPage.locator('section.approval', { hasText: caseRef });
    expect(await request.innerText()).toContain('above the handler\'s personal limit');
    await screenshot(leadPage, 'approvals-desktop');
    await request.locator('input[name="value"]').fill('3000');
    await request.locator('textarea[name="comment"]').fill('3000 ₽ is fair for 40 minutes');
    await request.locator('button[value="approve"]').click();
    await leadPage.waitForURL((u) => u.search === '?done=approve');
    await leadPage.locator('#notice.ok').waitFor();
    expect(await leadPage.locator('section.approval', { hasText: caseRef }).count()).toBe(0);

    await running.worker?.tick();
    await page.reload();
    expect(await page.locator('.badge.state').innerText()).toContain('offered to the customer');
    expect(await page.locator('.offer-line').innerText()).toMatch(/3,000\.00|3 000,00/);
    expect(await page.locator('.timeline').last().innerText()).toContain('Approve the offer');
    expect(await page.locator('.message[data-status="sent"]').count()).toBeGreaterThan(0);
    await screenshot(page, 'case-after-approval');
    // htmx loaded under the strict policy and enhanced the forms, and nothing was refused by it.
    expect(await page.evaluate('typeof htmx')).toBe('object');
    expect(htmxRequests).toBeGreaterThan(0);
    expect(consoleErrors).toEqual([]);
  });

  it('the queue, the case and the approvals inbox fit a 390 px phone without sideways scrolling', async () => {
    // A second case waits for approval, so the inbox has a request (with its form) to lay out.
    const api = client(running.url, handler.token);
    const second = ok(
      await api.post('/api/v1/cases', { customer: customer({ id: 'c-2', name: 'Константин Константинопольский' }), orderId: 'ord-2002-long-order-reference', channel: 'email', description: 'Опоздание на час', scenario: 'late-arrival' }),
      201,
    ).body.id;
    ok(await api.event(second, { type: 'APOLOGIZE' }));
    ok(await api.event(second, { type: 'EXPLAIN', cause: 'Пробки', prevention: 'Выезжаем с запасом' }));
    ok(await api.event(second, { type: 'OFFER', kind: 'credit', value: rub(700_000) }));
    const phone = await newPage(390, 844);
    await signIn(phone, running.url, lead, 'sign-in-390');
    for (const [name, path] of [
      ['queue', '/queue'],
      ['case', `/cases/${caseId}`],
      ['approvals', '/approvals'],
    ] as const) {
      await phone.goto(`${running.url}${path}`);
      if (name === 'approvals') expect(await phone.locator('section.approval form.decision').count()).toBe(1);
      await screenshot(phone, `${name}-390`);
      expect(await horizontalOverflow(phone), `${path} scrolls sideways`).toBeLessThanOrEqual(0);
    }
    // Russian texts run longer: the handler's own pages in Russian fit too.
    const ru = await newPage(390, 844, 'ru-RU');
    await signIn(ru, running.url, handler);
    for (const [name, path] of [
      ['queue-ru', '/queue'],
      ['case-ru', `/cases/${second}`],
    ] as const) {
      await ru.goto(`${running.url}${path}`);
      expect(await ru.locator('html').getAttribute('lang')).toBe('ru');
      await screenshot(ru, `${name}-390`);
      expect(await horizontalOverflow(ru), `${path} in Russian scrolls sideways`).toBeLessThanOrEqual(0);
    }
    expect(consoleErrors).toEqual([]);
  });
});
