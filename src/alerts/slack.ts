/**
 * Slack Block Kit for lead alerts. Customer text is data: Slack mrkdwn needs its own escaping of
 * & < > (a complaint containing `<!channel>` must not ping everyone).
 */
export function escapeMrkdwn(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

const HEADINGS: Record<string, string> = {
  conflict: ':rotating_light: Conflict case: call the customer personally',
  escalated: ':arrow_double_up: Case escalated',
  deadlineMissed: ':alarm_clock: Deadline missed',
  approvalRequested: ':moneybag: Compensation waits for approval',
};

export interface AlertPayload {
  kind: string;
  reason: string;
  step?: string;
  ref: string;
  scenario: string;
  customer: { name: string; tier: string };
  reasons?: string[];
}

export function slackMessage(alert: AlertPayload, caseUrl: string): { text: string; blocks: unknown[] } {
  const heading = HEADINGS[alert.kind] ?? `Alert: ${alert.kind}`;
  const lines = [
    `*${escapeMrkdwn(heading)}* — <${caseUrl}|${escapeMrkdwn(alert.ref)}>`,
    `Customer: ${escapeMrkdwn(alert.customer.name)} (${escapeMrkdwn(alert.customer.tier)}) · Scenario: ${escapeMrkdwn(alert.scenario)}`,
    escapeMrkdwn(alert.reason),
  ];
  if (alert.reasons?.length) lines.push(`Why: ${escapeMrkdwn(alert.reasons.join('; '))}`);
  return {
    text: `${heading}: ${alert.ref}`,
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: lines.join('\n') } }],
  };
}
