import type { Kysely } from 'kysely';

/** A person's Slack user id, set by an admin: a click in Slack is that person's decision. One person per Slack user. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('slack_user_id', 'text').execute();
  await db.schema.createIndex('users_slack_user_id').on('users').column('slack_user_id').unique().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('users_slack_user_id').execute();
  await db.schema.alterTable('users').dropColumn('slack_user_id').execute();
}
