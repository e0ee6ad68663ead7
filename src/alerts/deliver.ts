import type { Config } from '../config.js';
import type { OutboxMessage } from '../store/outbox.js';
import { slackMessage, type AlertPayload } from './slack.js';

export type DeliveryResult = { status: 'delivered' } | { status: 'held'; why: string };
export type Deliver = (message: OutboxMessage) => Promise<DeliveryResult>;

/**
 * Deliver outbox messages over HTTP: alerts to Slack, customer messages to the messaging webhook.
 * Every request carries the message id as `Idempotency-Key`, so a redelivery after a crash can be
 * recognised by the receiver. Throws on failure; the worker schedules the retry.
 */
export function httpDeliverer(config: Pick<Config, 'slackWebhookUrl' | 'messagesWebhookUrl' | 'publicUrl'>, timeoutMs = 5000): Deliver {
  return async (message) => {
    const url = message.topic === 'slack' ? config.slackWebhookUrl : config.messagesWebhookUrl;
    if (!url) return { status: 'held', why: `no webhook configured for ${message.topic} messages` };
    const caseUrl = `${config.publicUrl}/cases/${message.caseId}`;
    const body = message.topic === 'slack' ? slackMessage(message.payload as unknown as AlertPayload, caseUrl) : { id: message.id, ...message.payload };
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': message.id },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!res.ok) throw new Error(`${message.topic} webhook answered ${res.status}`);
    await res.body?.cancel();
    return { status: 'delivered' };
  };
}
