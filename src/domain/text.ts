import { z } from 'zod';

/**
 * Characters that reorder text so it reads differently from what it holds ("Trojan source"): the
 * bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069). The marks (LRM,
 * RLM) stay allowed: right-to-left names need them.
 */
const REORDERING = '\u202a-\u202e\u2066-\u2069';

/**
 * Characters no name or id needs: control characters (C0, DEL, C1), which reshape or hide text in
 * logs, terminals and messages; the reordering ones; and invisible ones that make two names look
 * alike (zero-width space, word joiner, U+FEFF, the interlinear annotation marks, the noncharacters
 * U+FFFE and U+FFFF). ZWJ and ZWNJ stay allowed: emoji sequences and several scripts need them.
 */
const HIDDEN = new RegExp(`[\\u0000-\\u001f\\u007f-\\u009f${REORDERING}\\u200b\\u2060\\ufeff\\ufff9-\\ufffb\\ufffe\\uffff]`, 'u');

/** In free text (several lines): tabs and line breaks are text, other controls and reordering are not. */
const HIDDEN_IN_TEXT = new RegExp(`[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f${REORDERING}]`, 'u');

/** Free text as people type it: anything visible, line breaks and tabs, but no controls or reordering characters. */
export const plainText = (schema: z.ZodString) => schema.refine((s) => !HIDDEN_IN_TEXT.test(s), 'must not contain control or text-direction characters');

/** One line of visible text: at least one non-space character, nothing hidden. */
export const lineOfText = (max: number) =>
  z
    .string()
    .max(max)
    .regex(/\S/, 'must not be blank')
    .refine((s) => !HIDDEN.test(s), 'must not contain control or text-direction characters');
