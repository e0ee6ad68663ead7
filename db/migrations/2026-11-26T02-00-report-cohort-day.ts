import { sql, type Kysely } from 'kysely';

/**
 * Reports over a long period read per-day sums, not every case: `report_cohort_day` holds, per day
 * the cases were opened on (team zone), scenario, owner ('' for nobody) and currency, what the
 * scenario and handler reports count. The projector keeps it by adding the difference each case's
 * row makes (src/reports/project-cohort.ts).
 *
 * Medians and p90s stay exact without sorting every case: `report_duration_hist` counts first-response
 * and resolution times per month and per day (opened, team zone), scenario, currency and duration
 * bucket, so the bucket holding the k-th duration of a period is found from counts; two indexes give a
 * scenario's cases in order of their durations, so the k-th within that bucket is one short walk.
 *
 * The read models are emptied and the cursor set back to 0: the projector builds them again from the
 * journal on its next beat (the journal is the truth; read models can always be rebuilt).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('report_cohort_day')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('scenario', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('cases', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('responded', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('resolved', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('kept', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reopened', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('won_back', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('good', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('neutral', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('bad', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('thanks', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('issued', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('reverted', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('recovered', 'bigint', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('report_cohort_day_pk', ['day', 'scenario', 'owner_id', 'currency'])
    .execute();
  await db.schema
    .createTable('report_duration_hist')
    .addColumn('span', 'text', (c) => c.notNull())
    .addColumn('scenario', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('bucket', 'integer', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('report_duration_hist_pk', ['span', 'scenario', 'currency', 'kind', 'bucket'])
    .execute();
  await db.schema.createIndex('report_cases_first_response').on('report_cases').columns(['scenario', 'currency', 'first_response_ms', 'opened_at']).execute();
  await db.schema.createIndex('report_cases_resolution').on('report_cases').columns(['scenario', 'currency', 'resolution_ms', 'opened_at']).execute();
  await db.schema.createIndex('report_cases_scenario').on('report_cases').columns(['scenario', 'opened_at']).execute();
  await db.deleteFrom('report_cases').execute();
  await db.deleteFrom('report_compensation_day').execute();
  await sql`update report_cursor set position = 0`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const ix of ['report_cases_first_response', 'report_cases_resolution', 'report_cases_scenario']) await db.schema.dropIndex(ix).execute();
  await db.schema.dropTable('report_cohort_day').execute();
  await db.schema.dropTable('report_duration_hist').execute();
}
