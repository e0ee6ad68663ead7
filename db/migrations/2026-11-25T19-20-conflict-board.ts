import { sql, type Kysely } from 'kysely';

/**
 * The leads' conflict board reads open conflict cases newest first. Conflicts are a small share of
 * all cases: a partial index keeps the board's cost with them, not with the whole open queue.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('cases_conflict_created').on('cases').columns(['status', 'created_at', 'id']).where(sql.ref('tone'), '=', 'conflict').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('cases_conflict_created').execute();
}
