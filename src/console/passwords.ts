import { scrypt as scryptCb, timingSafeEqual, type BinaryLike } from 'node:crypto';
import { promisify } from 'node:util';
import { hashPassword } from '../store/users.js';

const scrypt = promisify(scryptCb) as (password: BinaryLike, salt: BinaryLike, keylen: number) => Promise<Buffer>;

/** Checked when the e-mail is unknown, so a wrong address takes as long as a wrong password. */
const DECOY = hashPassword('a password nobody has');

/**
 * Whether `password` matches a hash written by `hashPassword` (`scrypt:<salt hex>:<key hex>`), compared
 * in constant time. A missing hash (a person without a password) never matches, after the same work.
 */
export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  const [scheme, saltHex, keyHex] = (stored ?? DECOY).split(':');
  if (scheme !== 'scrypt' || !saltHex || !keyHex) return false;
  const expected = Buffer.from(keyHex, 'hex');
  const actual = await scrypt(password, Buffer.from(saltHex, 'hex'), expected.length);
  return stored !== null && actual.length === expected.length && timingSafeEqual(actual, expected);
}
