/** Slack alerts point into the console: the case page, and the approvals inbox when a lead owes a decision. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { httpDeliverer } from '../../src/alerts/deliver.js';
import type { AlertPayload } from '../../src/alerts/payload.js';
import { slackMessage } from '../../src/alerts/slack.js';

const approval = {
  offerId: 'off_1',
  kind: 'credit',
  amount: { minor: 500_000, currency: 'RUB' as const },
  percent: null,
  requestedBy: { id: 'usr_h', name: 'Hank' },
  caseBudget: { minor: 300_000, currency: 'RUB' as const },
  caseRemaining: { minor: 300_000, currency: 'RUB' as const },
  teamRemaining: null,
  month: '2026-11',
};
const alert = (over: Partial<AlertPayload> = {}): AlertPayload => ({
  kind: 'approvalRequested',
  reason: 'approval requested',
  caseId: 'cas_1',
  ref: 'AM-000042',
  scenario: 'property-damage',
  scenarioTitle: { ru: 'Порча имущества', en: 'Property damage' },
  tone: 'constructive',
  customer: { name: 'Anna', tier: 'vip', locale: 'en' },
  owner: { id: 'usr_h', name: 'Hank' },
  firstWords: 'The cleaner broke my vase',
  due: [],
  ...over,
});
const opts = { caseUrl: 'https://amends.example/cases/cas_1', approvalsUrl: 'https://amends.example/approvals', zone: 'Europe/Moscow', outboxId: 'cas_1:3:0', locale: 'ru' as const };
type Button = { action_id: string; url?: string; text: { text: string } };
const buttons = (m: { blocks: unknown[] }) => (m.blocks as Array<{ type: string; elements?: Button[] }>).filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []);

describe('links from Slack into the console', () => {
  it('link an approval request to the approvals inbox beside the case page', () => {
    const links = buttons(slackMessage(alert({ approval }), opts)).filter((b) => b.url);
    expect(links.map((b) => [b.text.text, b.url])).toEqual([
      ['Открыть обращение', 'https://amends.example/cases/cas_1'],
      ['Согласования', 'https://amends.example/approvals'],
    ]);
  });

  it('link only the case when no decision waits, or once it was made', () => {
    expect(buttons(slackMessage(alert({ kind: 'escalated' }), opts)).map((b) => b.action_id)).toEqual(['open-case']);
    expect(buttons(slackMessage(alert({ approval }), { ...opts, outcome: 'Approved by Olga' })).map((b) => b.action_id)).toEqual(['open-case']);
  });

  it('are built from AMENDS_PUBLIC_URL when the alert is delivered', async () => {
    const bodies: string[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        bodies.push(body);
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
      const deliver = httpDeliverer(
        { slackWebhookUrl: url, messagesWebhookUrl: undefined, eventsWebhookUrl: undefined, eventsWebhookSecret: undefined, publicUrl: 'https://amends.example.org', locale: 'en', timeZone: 'Europe/Moscow' },
        { minIntervalMs: 0 },
      );
      const result = await deliver({ id: 'cas_9:2:0', caseId: 'cas_9', topic: 'slack', payload: alert({ caseId: 'cas_9', approval }) as unknown as Record<string, unknown> } as never);
      expect(result.status).toBe('delivered');
      const urls = buttons(JSON.parse(bodies[0]!)).map((b) => b.url).filter(Boolean);
      expect(urls).toEqual(['https://amends.example.org/cases/cas_9', 'https://amends.example.org/approvals']);
    } finally {
      server.close();
    }
  });
});
