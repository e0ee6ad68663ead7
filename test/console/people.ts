import type { Money } from '../../src/domain/money.js';
import type { Role } from '../../src/domain/roles.js';
import type { Engine } from '../../src/engine/engine.js';
import { insertUser, issueToken } from '../../src/store/users.js';

export interface Person {
  id: string;
  name: string;
  email: string;
  password: string;
  token: string;
}

/** A person who signs in to the console (e-mail and password) and also holds an API token. */
export async function addPerson(engine: Engine, name: string, role: Role, limit: Money | null = null): Promise<Person> {
  const now = engine.clock().toISOString();
  const email = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '.')}.${Math.random().toString(36).slice(2, 8)}@example.com`;
  const password = `pw-${name}-secret`;
  const user = await insertUser(engine.store.db, { name, role, limit, email, password }, now);
  const token = await issueToken(engine.store.db, user.id, now);
  return { id: user.id, name, email, password, token };
}
