import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

/** Debian's Chromium; CI installs it with apt-get (see .ci/run). */
export const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'];
const SCREENSHOTS = path.join(import.meta.dirname, '../../.tmp/screenshots');

export const hasBrowser = existsSync(CHROMIUM);
/** Set by CI: a missing browser is then a failure, not a note. */
export const browserRequired = process.env.REQUIRE_BROWSER === '1';

/**
 * A browser suite. Without Chromium (and without REQUIRE_BROWSER=1) it says in one line that the
 * browser tests did not run and why, and passes; with Chromium, or when it is required, it runs.
 */
export function describeInBrowser(name: string, suite: () => void): void {
  if (!hasBrowser && !browserRequired) {
    describe(name, () => {
      it('did not run: no browser', () => {
        console.log(`browser tests did not run: ${CHROMIUM} is missing (install chromium, or set REQUIRE_BROWSER=1 to make this a failure)`);
        expect(existsSync(CHROMIUM)).toBe(false);
      });
    });
    return;
  }
  describe(name, suite);
}

export async function launchBrowser(): Promise<Browser> {
  if (!hasBrowser) throw new Error(`REQUIRE_BROWSER=1 but ${CHROMIUM} is missing: install chromium`);
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
}

/** Save a screenshot under .tmp/screenshots (gitignored) to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** How far the page scrolls sideways, in CSS pixels (a phone-width layout must not: ≤ 0). */
export async function horizontalOverflow(page: Page): Promise<number> {
  // A string, so this file needs no DOM typings: evaluated in the page.
  return page.evaluate<number>('(document.scrollingElement?.scrollWidth ?? 0) - window.innerWidth');
}
