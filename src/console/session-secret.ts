import { randomBytes } from 'node:crypto';
import type { Engine } from '../engine/engine.js';
import { nowIso } from '../engine/engine.js';
import { putSettingOnce } from '../store/settings.js';

const SETTING = 'console_session_secret';
const secrets = new WeakMap<Engine, Promise<string>>();

/**
 * The key that signs session cookies: AMENDS_SESSION_SECRET, or one generated on first use and kept in
 * the settings table, so a fresh `npm start` needs no configuration and every process of one database
 * agrees on it (the first writer wins).
 */
export function sessionSecret(engine: Engine): Promise<string> {
  const configured = engine.config.sessionSecret;
  if (configured) return Promise.resolve(configured);
  let secret = secrets.get(engine);
  if (!secret) {
    secret = putSettingOnce(engine.store.db, SETTING, randomBytes(32).toString('base64url'), nowIso(engine));
    secret.catch(() => secrets.delete(engine));
    secrets.set(engine, secret);
  }
  return secret;
}
