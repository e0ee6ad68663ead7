import { sql, type Kysely } from 'kysely';

/**
 * `cases_state` indexed every case by its state, so nearly every event moved the case's entry from one
 * leaf to another: one more page written per event (issue 12), for queries that only ever look up two
 * states by name — the cases waiting in triage (auto-assignment) and those awaiting a lead's approval
 * (the approvals inbox). Each now has a partial index in the order those queues read, and an event
 * writes to one only when the case enters or leaves that state. A list filtered by any other state
 * walks `cases_created` newest first and stops at the page's last match.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('cases_state').execute();
  await db.schema.createIndex('cases_triage').on('cases').columns(['created_at', 'id']).where(sql.ref('state'), '=', 'triage').execute();
  await db.schema
    .createIndex('cases_awaiting_approval')
    .on('cases')
    .columns(['created_at', 'id'])
    .where(sql.ref('state'), '=', 'compensate.awaitingApproval')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('cases_awaiting_approval').execute();
  await db.schema.dropIndex('cases_triage').execute();
  await db.schema.createIndex('cases_state').on('cases').column('state').execute();
}
