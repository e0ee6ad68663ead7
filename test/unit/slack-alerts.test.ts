import { describe, expect, it } from 'vitest';
import { retryAfterMs } from '../../src/alerts/deliver.js';
import { Pacer } from '../../src/alerts/pacer.js';
import type { AlertPayload } from '../../src/alerts/payload.js';
import { firstWords } from '../../src/alerts/payload.js';
import { escapeMrkdwn, slackMessage } from '../../src/alerts/slack.js';
import { signStandardWebhook } from '../../src/alerts/standard-webhooks.js';
import { backoffMs } from '../../src/engine/worker.js';
import { signIntake, verifyIntake } from '../../src/intake/signature.js';

const alert = (over: Partial<AlertPayload> = {}): AlertPayload => ({
  kind: 'deadlineMissed',
  reason: 'deadline missed: approval',
  step: 'approval',
  caseId: 'cas_1',
  ref: 'AM-000042',
  scenario: 'property-damage',
  scenarioTitle: { ru: 'Порча имущества', en: 'Property damage' },
  tone: 'constructive',
  customer: { name: 'Anna', tier: 'vip', locale: 'en' },
  owner: { id: 'usr_1', name: 'Olga' },
  firstWords: 'The cleaner broke my vase',
  due: [{ step: 'overall', dueAt: '2026-11-27T09:00:00.000Z' }],
  ...over,
});
const opts = { caseUrl: 'https://amends.example/cases/cas_1', zone: 'Europe/Moscow', outboxId: 'cas_1:3:0' };

describe('Slack alerts', () => {
  it('cannot be made to ping, link or format by customer text', () => {
    const hostile = '<!channel> <@U123ABC> <https://evil.example|click> *bold* _it_ ~s~ `code` http://evil.example &amp;';
    const out = escapeMrkdwn(hostile);
    for (const bad of ['<!channel>', '<@U123ABC>', '<https://evil.example', '*bold*', '_it_', '`code`', 'http://evil']) expect(out).not.toContain(bad);
    expect(out).toContain('&amp;amp;');
    const msg = JSON.stringify(slackMessage(alert({ firstWords: hostile, customer: { name: '<!here>', tier: 'vip', locale: 'en' } }), { ...opts, locale: 'en' }));
    expect(msg).not.toContain('<!here>');
    expect(msg).not.toContain('<!channel>');
    expect(msg).not.toContain('<https://evil.example');
  });

  it('names the case, scenario, customer, owner, first words and what is due in the team zone, in English', () => {
    const msg = slackMessage(alert(), { ...opts, locale: 'en' });
    expect(msg.text).toBe('Approval overdue: AM-000042 · Property damage · Anna');
    const blocks = JSON.stringify(msg.blocks);
    for (const part of ['Property damage', 'Anna', 'Olga', 'The cleaner broke my vase', '27 Nov 12:00', '<https://amends.example/cases/cas_1|AM-000042>', 'amends:cas_1:3:0']) {
      expect(blocks).toContain(part);
    }
  });

  it('speaks Russian when the team does', () => {
    const msg = slackMessage(alert({ kind: 'reopened', step: undefined, owner: null }), { ...opts, locale: 'ru' });
    expect(msg.text).toContain('Обращение открыто снова');
    const blocks = JSON.stringify(msg.blocks);
    expect(blocks).toContain('Порча имущества');
    expect(blocks).toContain('пока никто');
    expect(blocks).toContain('Открыть обращение');
  });

  it('quotes only the first words of a long complaint', () => {
    expect(firstWords('one two three four', 2)).toBe('one two …');
    expect(firstWords('  short  text ')).toBe('short text');
  });
});

describe('delivery pacing and retries', () => {
  it('sends at most one request per interval to a URL, and does not hold up another URL', async () => {
    const pacer = new Pacer(150);
    const started: Array<[string, number]> = [];
    const t0 = Date.now();
    const hit = (url: string) => pacer.run(url, async () => void started.push([url, Date.now() - t0]));
    await Promise.all([hit('a'), hit('a'), hit('a'), hit('b')]);
    const a = started.filter(([u]) => u === 'a').map(([, t]) => t);
    expect(a[1]! - a[0]!).toBeGreaterThanOrEqual(140);
    expect(a[2]! - a[1]!).toBeGreaterThanOrEqual(140);
    expect(started.find(([u]) => u === 'b')![1]).toBeLessThan(100);
  });

  it('backs off exponentially with jitter, capped at an hour', () => {
    expect(backoffMs(0, () => 0)).toBe(500);
    expect(backoffMs(0, () => 1)).toBe(1000);
    expect(backoffMs(5, () => 0.5)).toBe(24_000);
    expect(backoffMs(40, () => 1)).toBe(3_600_000);
  });

  it('reads Retry-After as seconds or as a date', () => {
    expect(retryAfterMs('30')).toBe(30_000);
    expect(retryAfterMs('Wed, 25 Nov 2026 09:01:00 GMT', Date.parse('2026-11-25T09:00:00Z'))).toBe(60_000);
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs(null)).toBeUndefined();
  });

  it('signs events per Standard Webhooks with the base64 key of a whsec_ secret', () => {
    // The example of the Standard Webhooks reference libraries.
    const h = signStandardWebhook('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}');
    expect(h['webhook-signature']).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });
});

describe('intake signatures', () => {
  const secret = 'intake-secret-0123456789abcdef';
  const now = new Date('2026-11-25T09:00:00Z');
  const ts = String(now.getTime() / 1000);
  const body = Buffer.from('{"orderId":"1"}');

  it('accepts the signature of the exact body and refuses any other', () => {
    expect(() => verifyIntake(secret, ts, signIntake(secret, ts, body), body, now)).not.toThrow();
    expect(() => verifyIntake(secret, ts, `v0=bad ${signIntake(secret, ts, body)}`, body, now)).not.toThrow();
    expect(() => verifyIntake(secret, ts, signIntake(secret, ts, body), Buffer.from('{"orderId":"2"}'), now)).toThrow(/does not match/);
    expect(() => verifyIntake(secret, ts, signIntake(secret, ts, body).slice(0, -1), body, now)).toThrow(/does not match/);
    expect(() => verifyIntake(secret, ts, undefined, body, now)).toThrow(/missing/);
    expect(() => verifyIntake(undefined, ts, signIntake(secret, ts, body), body, now)).toThrow(/not configured/);
    expect(() => verifyIntake(secret, 'yesterday', signIntake(secret, 'yesterday', body), body, now)).toThrow(/unix seconds/);
  });
});
