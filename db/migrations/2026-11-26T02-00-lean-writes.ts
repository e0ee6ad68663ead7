import { sql, SqliteAdapter, type Kysely } from 'kysely';

/**
 * Fewer pages written per event (issue 12). An event used to write ~16 WAL pages against the bare
 * floor's 3; most went to B-trees whose insert point is random:
 *
 * - SQLite: the journal was clustered on (case_id, version), so every entry landed on a random leaf
 *   (and split it), plus a leaf of the `position` index and the `journal_head` row. Now the journal is
 *   a rowid table keyed by `position` (INTEGER PRIMARY KEY): entries append to the last page, SQLite
 *   hands out the next position itself (one writer, so position order is commit order, and a
 *   rolled-back savepoint gives its number back), and (case_id, version) stays unique in a small
 *   index. `journal_head` is kept for Postgres only.
 * - SQLite: the outbox was clustered on its text id (rows of ~750 bytes, four to a leaf, a random
 *   leaf per message and overflow pages above ~1 kB). Now it is a rowid table with the id in a unique
 *   index: rows append, and only the small id entry lands at random.
 * - Both: the partial index of undelivered messages moved on every message (every new one is
 *   pending). Pending messages already have `outbox_pending`; the new `outbox_parked` holds only
 *   failed, held and expired ones, which are rare and are what the metrics and the held-release read.
 *
 * Postgres tables are heaps already (rows append; indexes are separate), so only the outbox index
 * changes there.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  if (sqlite) {
    await sql`create table journal_by_position (
      position integer primary key,
      case_id text not null references cases(id),
      version integer not null,
      type text not null,
      actor_id text not null,
      actor_role text not null,
      payload text not null,
      from_state text,
      to_state text not null,
      at text not null
    )`.execute(db);
    await sql`insert into journal_by_position (position, case_id, version, type, actor_id, actor_role, payload, from_state, to_state, at)
      select position, case_id, version, type, actor_id, actor_role, payload, from_state, to_state, at from journal order by position`.execute(db);
    await sql`drop table journal`.execute(db);
    await sql`alter table journal_by_position rename to journal`.execute(db);
    await sql`create unique index journal_case_version on journal (case_id, version)`.execute(db);

    await sql`create table outbox_by_rowid (
      id text not null,
      case_id text not null,
      topic text not null,
      payload text not null,
      status text not null,
      attempts integer not null default 0,
      next_attempt_at text not null,
      last_error text,
      created_at text not null,
      delivered_at text,
      leased_until text,
      leased_by text
    )`.execute(db);
    await sql`insert into outbox_by_rowid (id, case_id, topic, payload, status, attempts, next_attempt_at, last_error, created_at, delivered_at, leased_until, leased_by)
      select id, case_id, topic, payload, status, attempts, next_attempt_at, last_error, created_at, delivered_at, leased_until, leased_by from outbox order by created_at, id`.execute(db);
    await sql`drop table outbox`.execute(db);
    await sql`alter table outbox_by_rowid rename to outbox`.execute(db);
    await sql`create unique index outbox_id on outbox (id)`.execute(db);
    await sql`create index outbox_pending on outbox (next_attempt_at) where status = 'pending'`.execute(db);
  } else {
    await db.schema.dropIndex('outbox_undelivered').execute();
  }
  await sql`create index outbox_parked on outbox (status, id) where status in ('failed', 'held', 'expired')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('outbox_parked').execute();
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) {
    await db.schema.createIndex('outbox_undelivered').on('outbox').column('status').where(sql.ref('status'), '<>', 'delivered').execute();
    return;
  }
  // Back to the clustered layouts of the earlier migrations, with the same rows.
  await sql`create table journal_clustered (
    case_id text not null references cases(id),
    version integer not null,
    type text not null,
    actor_id text not null,
    actor_role text not null,
    payload text not null,
    from_state text,
    to_state text not null,
    at text not null,
    position bigint,
    constraint journal_pk primary key (case_id, version)
  ) without rowid`.execute(db);
  await sql`insert into journal_clustered select case_id, version, type, actor_id, actor_role, payload, from_state, to_state, at, position from journal`.execute(db);
  await sql`drop table journal`.execute(db);
  await sql`alter table journal_clustered rename to journal`.execute(db);
  await sql`create unique index journal_position_uq on journal (position)`.execute(db);
  // SQLite stopped counting in journal_head: bring it level with the journal for the code that does.
  await sql`update journal_head set position = (select coalesce(max(position), 0) from journal) where id = 'journal'`.execute(db);

  await sql`create table outbox_clustered (
    id text primary key,
    case_id text not null,
    topic text not null,
    payload text not null,
    status text not null,
    attempts integer not null default 0,
    next_attempt_at text not null,
    last_error text,
    created_at text not null,
    delivered_at text,
    leased_until text,
    leased_by text
  ) without rowid`.execute(db);
  await sql`insert into outbox_clustered select id, case_id, topic, payload, status, attempts, next_attempt_at, last_error, created_at, delivered_at, leased_until, leased_by from outbox`.execute(db);
  await sql`drop table outbox`.execute(db);
  await sql`alter table outbox_clustered rename to outbox`.execute(db);
  await sql`create index outbox_pending on outbox (next_attempt_at) where status = 'pending'`.execute(db);
  await sql`create index outbox_undelivered on outbox (status) where status <> 'delivered'`.execute(db);
}
