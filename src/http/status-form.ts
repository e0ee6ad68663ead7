import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Engine } from '../engine/engine.js';
import type { Store } from '../store/db.js';
import { serverSecret } from '../store/secrets.js';

/**
 * The status page has no session to tie a form to: its capability is the status token in the URL.
 * Each answer form therefore carries the case version it was rendered at and an HMAC of
 * (status token, version) under a server secret. A form made up elsewhere does not verify; a form
 * rendered before the case moved verifies but names an old version, and is answered as stale.
 */
const keys = new WeakMap<Store, Promise<Buffer>>();

function formKey(engine: Engine): Promise<Buffer> {
  let key = keys.get(engine.store);
  if (!key) {
    key = serverSecret(engine.store.db, 'status-form', engine.clock().toISOString());
    // A failed read is retried on the next request instead of being cached.
    key.catch(() => keys.delete(engine.store));
    keys.set(engine.store, key);
  }
  return key;
}

const sign = (key: Buffer, statusToken: string, version: number) => createHmac('sha256', key).update(`status-answer\n${statusToken}\n${version}`).digest('base64url');

export async function formToken(engine: Engine, statusToken: string, version: number): Promise<string> {
  return sign(await formKey(engine), statusToken, version);
}

/** Whether `token` was issued by this server for this status page at `version` (constant-time compare). */
export async function verifyFormToken(engine: Engine, statusToken: string, version: number, token: string): Promise<boolean> {
  const expected = Buffer.from(sign(await formKey(engine), statusToken, version));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
