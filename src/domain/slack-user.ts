import { z } from 'zod';

/** A Slack user id as Slack writes it: `U…` (or `W…` in Enterprise Grid). */
export const SlackUserId = z.string().regex(/^[UW][A-Z0-9]{2,30}$/, 'a Slack user id such as U024BE7LH');
