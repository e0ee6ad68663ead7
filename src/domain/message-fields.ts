import { z } from 'zod';
import { plainText } from './text.js';

/** Text a person wrote: trimmed, never blank, no control or reordering characters. `\S` puts "not blank" into the published schema too (trimming is invisible to JSON Schema). */
export const text = (max = 10_000) => plainText(z.string().trim().min(1).max(max).regex(/\S/, 'must not be blank'));

/**
 * Fields of every event that sends the customer a message: omit `text` to send the rendered template.
 * Spread into a strict object (`{ ...MESSAGE_FIELDS }`) to give another event the same choice.
 */
export const MESSAGE_FIELDS = {
  text: text().optional().describe("the message as the handler edited it; omit to send the step's template"),
  lintOverride: z
    .object({ reason: text(2000) })
    .strict()
    .optional()
    .describe('leads only: send a message the blame lint flagged, with the reason (journaled)'),
};
