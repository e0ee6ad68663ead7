import type { Kysely } from 'kysely';

/**
 * Console sign-in: server-side sessions (so signing out or deactivating a person ends them at once)
 * and each person's console language.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('console_sessions')
    // The SHA-256 of the session id in the cookie: a copy of the database signs nobody in.
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('console_sessions_user').on('console_sessions').column('user_id').execute();
  await db.schema.alterTable('users').addColumn('console_locale', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('console_locale').execute();
  await db.schema.dropTable('console_sessions').execute();
}
