import { randomBytes } from 'node:crypto';

/**
 * Opaque ids that sort roughly by creation time: `cas_0mi2x7k1c9f3a…`. New rows then land at the
 * end of their B-trees instead of at random pages, which keeps commits small. The random tail
 * (64 bits) keeps them unguessable enough for ids; secrets (tokens, status links) use randomBytes alone.
 */
export function newId(prefix: string): string {
  return `${prefix}_${Date.now().toString(36).padStart(9, '0')}${randomBytes(8).toString('hex')}`;
}
