import { sql, SqliteAdapter, type CreateTableBuilder, type Kysely } from 'kysely';

/**
 * Small rows keyed by their primary key are stored WITHOUT ROWID on SQLite: the table is then its
 * own primary-key index, one B-tree less to write per insert. Postgres has no such notion.
 */
const clustered = (db: Kysely<any>) => <T extends string, C extends string>(t: CreateTableBuilder<T, C>) =>
  db.getExecutor().adapter instanceof SqliteAdapter ? t.modifyEnd(sql`without rowid`) : t;

/**
 * The first schema of Amends. Frozen: later changes are new files. Text ids and ISO-8601 UTC text
 * timestamps keep it identical on SQLite and Postgres (ISO text sorts in time order).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const smallRows = clustered(db);
  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('limit_minor', 'bigint')
    .addColumn('limit_currency', 'text')
    .addColumn('email', 'text', (c) => c.unique())
    .addColumn('password_hash', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .$call(smallRows)
    .execute();

  await db.schema
    .createTable('cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'bigint', (c) => c.notNull().unique())
    .addColumn('ref', 'text', (c) => c.notNull().unique())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('machine_version', 'integer', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('scenario', 'text', (c) => c.notNull())
    .addColumn('tone', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('customer', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text')
    .addColumn('executor_id', 'text')
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.references('users.id'))
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('budget_minor', 'bigint', (c) => c.notNull())
    .addColumn('spent_minor', 'bigint', (c) => c.notNull().defaultTo(0))
    // Approved but not yet issued: counts against the team budget until paid out or withdrawn.
    .addColumn('committed_minor', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('escalated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('breaching', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status_token', 'text', (c) => c.notNull().unique())
    .addColumn('opened_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('resolved_at', 'text')
    .execute();
  await db.schema.createIndex('cases_status_created').on('cases').columns(['status', 'created_at', 'id']).execute();
  await db.schema.createIndex('cases_created').on('cases').columns(['created_at', 'id']).execute();
  await db.schema.createIndex('cases_owner').on('cases').columns(['owner_id', 'created_at']).execute();
  await db.schema.createIndex('cases_state').on('cases').column('state').execute();
  await db.schema.createIndex('cases_customer').on('cases').columns(['customer_id', 'status']).execute();
  await db.schema.createIndex('cases_scenario').on('cases').column('scenario').execute();
  await db.schema.createIndex('cases_committed').on('cases').column('currency').where(sql.ref('committed_minor'), '>', 0).execute();

  // One row per accepted event; (case_id, version) makes gaps and duplicates impossible.
  await db.schema
    .createTable('journal')
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('actor_role', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('from_state', 'text')
    .addColumn('to_state', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('journal_pk', ['case_id', 'version'])
    .$call(smallRows)
    .execute();

  await db.schema
    .createTable('timers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('fired_at', 'text')
    .$call(smallRows)
    .execute();
  // The sweep reads only pending rows in due order: its cost follows what is due, not what exists.
  await db.schema.createIndex('timers_pending_due').on('timers').column('due_at').where(sql.ref('status'), '=', 'pending').execute();
  // No index on case_id: timer ids start with the case id, so the primary key serves per-case reads.

  await db.schema
    .createTable('outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('delivered_at', 'text')
    .$call(smallRows)
    .execute();
  await db.schema.createIndex('outbox_pending').on('outbox').column('next_attempt_at').where(sql.ref('status'), '=', 'pending').execute();
  // No index on case_id: outbox ids start with the case id, so the primary key serves per-case reads.

  await db.schema
    .createTable('ledger')
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addColumn('offer_id', 'text')
    .addColumn('entry', 'text', (c) => c.notNull())
    .addColumn('offer_kind', 'text')
    .addColumn('minor', 'bigint')
    .addColumn('currency', 'text')
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('executor_id', 'text')
    .addColumn('note', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ledger_pk', ['case_id', 'version', 'n'])
    .$call(smallRows)
    .execute();
  // The last line of defence against paying twice: one 'issued' row per offer, whatever the engine does.
  await db.schema.createIndex('ledger_issued_once').on('ledger').column('offer_id').unique().where(sql.ref('entry'), '=', 'issued').execute();
  await db.schema.createIndex('ledger_offer').on('ledger').columns(['offer_id', 'entry']).execute();
  await db.schema.createIndex('ledger_entry_at').on('ledger').columns(['entry', 'at']).execute();

  await db.schema
    .createTable('idempotency_keys')
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('status_code', 'integer', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_pk', ['actor_id', 'key'])
    .$call(smallRows)
    .execute();

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['settings', 'idempotency_keys', 'ledger', 'outbox', 'timers', 'journal', 'cases', 'tokens', 'users']) {
    await db.schema.dropTable(t).execute();
  }
}
