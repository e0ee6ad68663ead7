import type { Config } from '../config.js';
import type { OutboxMessage } from '../store/outbox.js';
import { Pacer } from './pacer.js';
import type { AlertPayload } from './payload.js';
import { slackMessage } from './slack.js';
import { signStandardWebhook } from './standard-webhooks.js';

export type DeliveryResult = { status: 'delivered' } | { status: 'held'; why: string };
export type Deliver = (message: OutboxMessage) => Promise<DeliveryResult>;

/** The far end asked to wait (429 or 503 with Retry-After): try again no sooner than `afterMs`. */
export class RetryLater extends Error {
  constructor(
    message: string,
    readonly afterMs: number,
  ) {
    super(message);
    this.name = 'RetryLater';
  }
}

/** Retry-After is either seconds or an HTTP date; anything else means "use the usual backoff". */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

type DelivererConfig = Pick<Config, 'slackWebhookUrl' | 'messagesWebhookUrl' | 'eventsWebhookUrl' | 'eventsWebhookSecret' | 'publicUrl' | 'locale' | 'timeZone'>;

/**
 * Deliver outbox messages over HTTP: alerts to Slack as Block Kit, customer messages to the messaging
 * webhook, case events to the team's own tools signed per Standard Webhooks. Every request carries
 * the outbox id (`Idempotency-Key`, and inside the Slack message), so a redelivery after a crash can
 * be recognised. Throws on failure; the worker schedules the retry.
 */
export function httpDeliverer(config: DelivererConfig, opts: { timeoutMs?: number; minIntervalMs?: number; clock?: () => Date } = {}): Deliver {
  const pacer = new Pacer(opts.minIntervalMs ?? 1000);
  const clock = opts.clock ?? (() => new Date());
  return async (message) => {
    if (message.topic === 'slack-response') return deliverSlackResponse(message, opts.timeoutMs ?? 5000);
    const url = message.topic === 'slack' ? config.slackWebhookUrl : message.topic === 'events' ? config.eventsWebhookUrl : config.messagesWebhookUrl;
    if (!url) return { status: 'held', why: `no webhook configured for ${message.topic} messages` };
    const headers: Record<string, string> = { 'content-type': 'application/json', 'idempotency-key': message.id };
    let body: string;
    if (message.topic === 'slack') {
      const caseUrl = `${config.publicUrl}/cases/${message.caseId}`;
      const approvalsUrl = `${config.publicUrl}/approvals`;
      body = JSON.stringify(slackMessage(message.payload as unknown as AlertPayload, { caseUrl, approvalsUrl, locale: config.locale, zone: config.timeZone, outboxId: message.id }));
    } else if (message.topic === 'events') {
      if (!config.eventsWebhookSecret) return { status: 'held', why: 'AMENDS_EVENTS_WEBHOOK_SECRET is not set: events are never sent unsigned' };
      body = JSON.stringify(message.payload);
      Object.assign(headers, signStandardWebhook(config.eventsWebhookSecret, message.id, Math.floor(clock().getTime() / 1000), body));
    } else {
      body = JSON.stringify({ id: message.id, ...message.payload });
    }
    // Slack allows about one message a second per webhook; the other receivers are the team's own.
    const send = async () => {
      const res = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(opts.timeoutMs ?? 5000) });
      await res.body?.cancel();
      if (res.status === 429 || (res.status === 503 && res.headers.has('retry-after'))) {
        throw new RetryLater(`${message.topic} webhook answered ${res.status}`, retryAfterMs(res.headers.get('retry-after')) ?? 30_000);
      }
      if (!res.ok) throw new Error(`${message.topic} webhook answered ${res.status}`);
      return { status: 'delivered' as const };
    };
    return message.topic === 'slack' ? pacer.run(url, send) : send();
  };
}

/**
 * An answer to a click, posted to the interaction's response_url (the URL came in Slack's signed
 * payload): the message updated in place, or an ephemeral note to the person who clicked.
 */
async function deliverSlackResponse(message: OutboxMessage, timeoutMs: number): Promise<DeliveryResult> {
  const { url, body } = message.payload as { url?: string; body?: unknown };
  if (typeof url !== 'string') return { status: 'held', why: 'a Slack response without its response_url' };
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(timeoutMs) });
  await res.body?.cancel();
  if (res.status === 429) throw new RetryLater('Slack response_url answered 429', retryAfterMs(res.headers.get('retry-after')) ?? 30_000);
  if (!res.ok) throw new Error(`Slack response_url answered ${res.status}`);
  return { status: 'delivered' };
}
