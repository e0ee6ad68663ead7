import { z } from 'zod';
import { operation, type Paths } from './builder.js';

const InteractionForm = z
  .object({
    payload: z.string().describe("Slack's interaction payload as JSON text: `block_actions` (a button of an alert) or `view_submission` (the Change amount / Reject modal)"),
  })
  .strict();

const ModalErrors = z
  .object({
    response_action: z.literal('errors'),
    errors: z.record(z.string(), z.string()).describe('by block id (amount, comment): shown under the field of the modal'),
  })
  .strict();

export const slackPaths: Paths = {
  '/api/v1/slack/interactions': {
    post: operation({
      summary: "Slack's interactivity requests: a lead approves, changes the amount, rejects or takes a conflict case's call from the alert",
      description:
        'Signed by Slack instead of a bearer token. A click is the decision of the person whose `slackUserId` matches, under the same rules as the API, ' +
        'journaled `via: "slack"`. The answer is immediate; the alert is updated in place (who decided what, when) and refusals reach the clicker as an ' +
        'ephemeral note, both posted to the interaction\'s `response_url` through the outbox.',
      tags: ['slack'],
      public: true,
      headers: ['X-Slack-Request-Timestamp', 'X-Slack-Signature'],
      formBody: InteractionForm,
      ok: { 200: { description: 'Taken (empty body), or for a modal submission the fields to correct', schema: ModalErrors } },
      problems: [401],
    }),
  },
};
