/**
 * How many SMS segments a text costs. GSM 03.38: the basic table costs one septet per character,
 * the extension table (^ { } \ [ ~ ] | €, form feed) two (escape + character); one segment holds 160
 * septets, a part of a concatenated message 153. Anything outside both tables sends the whole text as
 * UCS-2: 70 UTF-16 units in one segment, 67 per part. An escape pair or a surrogate pair is never split
 * across parts, so the count packs greedily instead of dividing.
 */
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENSION = '\f^{}\\[~]|€';

const basic = new Set([...GSM_BASIC].filter((c) => c !== '\u001b'));
const extension = new Set(GSM_EXTENSION);

export interface SmsSegments {
  encoding: 'GSM-7' | 'UCS-2';
  /** Septets for GSM-7, UTF-16 code units for UCS-2. */
  units: number;
  segments: number;
}

/** Units each character costs, or null when the text needs UCS-2. */
function gsmCosts(text: string): number[] | null {
  const costs: number[] = [];
  for (const ch of text) {
    if (basic.has(ch)) costs.push(1);
    else if (extension.has(ch)) costs.push(2);
    else return null;
  }
  return costs;
}

function pack(costs: number[], single: number, part: number): number {
  const total = costs.reduce((a, b) => a + b, 0);
  if (total === 0) return 0;
  if (total <= single) return 1;
  let parts = 1;
  let used = 0;
  for (const c of costs) {
    if (used + c > part) {
      parts++;
      used = 0;
    }
    used += c;
  }
  return parts;
}

/** @example smsSegments('Привет') // { encoding: 'UCS-2', units: 6, segments: 1 } */
export function smsSegments(text: string): SmsSegments {
  const gsm = gsmCosts(text);
  if (gsm) return { encoding: 'GSM-7', units: gsm.reduce((a, b) => a + b, 0), segments: pack(gsm, 160, 153) };
  const ucs = [...text].map((ch) => ch.length);
  return { encoding: 'UCS-2', units: text.length, segments: pack(ucs, 70, 67) };
}
