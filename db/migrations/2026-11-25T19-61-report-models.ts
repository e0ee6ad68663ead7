import type { Kysely } from 'kysely';

/**
 * Read models for the leads' reports, kept by the projector (src/reports/projector.ts) from the
 * journal after commit. `report_cursor` is the journal position applied so far (and the time zone the
 * days were counted in); `report_cases` one row per case; `report_compensation_day` compensation sums
 * per day in the team's zone, currency, scenario and offer kind.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('report_cursor')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('position', 'bigint', (c) => c.notNull())
    .addColumn('zone', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('report_cases')
    .addColumn('case_id', 'text', (c) => c.primaryKey())
    .addColumn('scenario', 'text', (c) => c.notNull())
    .addColumn('tone', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('owner_id', 'text')
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('first_response_at', 'text')
    .addColumn('first_response_ms', 'bigint')
    .addColumn('resolved_at', 'text')
    .addColumn('resolution_ms', 'bigint')
    .addColumn('deadlines_missed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reopened', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('won_back_at', 'text')
    .addColumn('lost_at', 'text')
    .addColumn('rating', 'text')
    .addColumn('rating_at', 'text')
    .addColumn('thanks', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('issued', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('reverted', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('recovered', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  // Covering: the scenario and handler reports read a period's cases from this index alone, in order,
  // without visiting the table (a month at 1M cases a year is ~80k entries).
  await db.schema
    .createIndex('report_cases_opened')
    .on('report_cases')
    .columns(['opened_at', 'scenario', 'currency', 'owner_id', 'first_response_ms', 'resolution_ms', 'deadlines_missed', 'reopened', 'won_back_at', 'rating', 'thanks', 'issued', 'reverted', 'recovered'])
    .execute();
  await db.schema.createIndex('report_cases_won_back').on('report_cases').column('won_back_at').execute();
  await db.schema
    .createTable('report_compensation_day')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('scenario', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('offers', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('approval_requests', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('issued_n', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('issued', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('reverted', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('recovered', 'bigint', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('report_compensation_day_pk', ['day', 'currency', 'scenario', 'kind'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['report_compensation_day', 'report_cases', 'report_cursor']) await db.schema.dropTable(t).execute();
}
