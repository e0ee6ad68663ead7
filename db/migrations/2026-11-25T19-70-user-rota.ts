import type { Kysely } from 'kysely';

/** The on-duty rota (of the team calendar) a person works, by name; null = none. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('rota', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('rota').execute();
}
