import type { ColumnType } from 'kysely';

/** Row shapes as the database holds them. They stay inside src/store: repositories return domain objects. */
export interface UsersTable {
  id: string;
  name: string;
  role: string;
  limit_minor: number | null;
  limit_currency: string | null;
  email: string | null;
  password_hash: string | null;
  active: number;
  created_at: string;
  /** Added by the intake migration: where and when the person works; null = always on duty. */
  time_zone?: string | null;
  working_hours?: string | null;
  /** Added by the slack-users migration: the person's Slack user id (unique), so a click is their decision. */
  slack_user_id?: string | null;
  /** Added by the console-sessions migration: the console language the person chose (ru | en). */
  console_locale?: string | null;
  /** Added by the user-rota migration: the team calendar's rota the person works (by name); null = none. */
  rota?: string | null;
}

export interface TokensTable {
  token_hash: string;
  user_id: string;
  created_at: string;
  revoked_at: string | null;
}

export interface CasesTable {
  id: string;
  seq: number;
  ref: string;
  version: number;
  machine_version: number;
  snapshot: string;
  state: string;
  status: string;
  outcome: string;
  scenario: string;
  tone: string;
  severity: string;
  channel: string;
  customer_id: string;
  customer: string;
  order_id: string | null;
  executor_id: string | null;
  description: string;
  owner_id: string | null;
  currency: string;
  budget_minor: number;
  spent_minor: number;
  committed_minor: number;
  escalated: number;
  breaching: number;
  status_token: string;
  opened_by: string;
  created_at: string;
  updated_at: string;
  resolved_at: string | null;
}

export interface JournalTable {
  case_id: string;
  version: number;
  type: string;
  actor_id: string;
  actor_role: string;
  payload: string;
  from_state: string | null;
  to_state: string;
  at: string;
  /**
   * Added by the journal-position migration: global, gap-free, in commit order. On SQLite the rowid
   * since the lean-writes migration: an insert may leave it null and SQLite numbers the row.
   */
  position: ColumnType<number, number | null, number>;
}

/** The last journal position handed out (one row, id `journal`). */
export interface JournalHeadTable {
  id: string;
  position: number;
}

/** How far a read model has followed the journal, and the time zone its days are counted in. */
export interface ReportCursorTable {
  name: string;
  position: number;
  zone: string;
}

/** One row per case, kept by the report projector. Times ISO UTC, durations in ms, money in the case currency. */
export interface ReportCasesTable {
  case_id: string;
  scenario: string;
  tone: string;
  channel: string;
  currency: string;
  /** Kept only for cases no playbook matched: the candidates for a new one. */
  description: string | null;
  owner_id: string | null;
  opened_at: string;
  first_response_at: string | null;
  first_response_ms: number | null;
  resolved_at: string | null;
  resolution_ms: number | null;
  deadlines_missed: number;
  reopened: number;
  won_back_at: string | null;
  lost_at: string | null;
  rating: string | null;
  rating_at: string | null;
  thanks: number;
  issued: number;
  reverted: number;
  recovered: number;
}

/** Compensation per day (team zone), currency, scenario and offer kind; kept by the report projector. */
export interface ReportCompensationDayTable {
  day: string;
  currency: string;
  scenario: string;
  kind: string;
  offers: number;
  approval_requests: number;
  issued_n: number;
  issued: number;
  reverted: number;
  recovered: number;
}

/** Per-day sums of the cases opened that day (team zone), by scenario, owner ('' = nobody) and currency; kept by the report projector. */
export interface ReportCohortDayTable {
  day: string;
  scenario: string;
  owner_id: string;
  currency: string;
  cases: number;
  responded: number;
  resolved: number;
  kept: number;
  reopened: number;
  won_back: number;
  good: number;
  neutral: number;
  bad: number;
  thanks: number;
  issued: number;
  reverted: number;
  recovered: number;
}

/** How many first-response or resolution times fall in each bucket, per month or day opened (span 'YYYY-MM' or 'YYYY-MM-DD', team zone), scenario and currency. */
export interface ReportDurationHistTable {
  span: string;
  scenario: string;
  currency: string;
  kind: string;
  bucket: number;
  n: number;
}

export interface TimersTable {
  id: string;
  case_id: string;
  key: string;
  step: string;
  event: string;
  due_at: string;
  status: string;
  fired_at: string | null;
  /** Null on timers planned before the calendar work (they keep their due time). */
  planned_from: string | null;
  duration: string | null;
  business: number;
  paused_at: string | null;
  /** Until when a worker holds the timer (ISO); null when nobody does. */
  leased_until: string | null;
  leased_by: string | null;
}

export interface OutboxTable {
  id: string;
  case_id: string;
  topic: string;
  payload: string;
  status: string;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
  /** Until when a worker holds the message (ISO); null when nobody does. */
  leased_until: string | null;
  leased_by: string | null;
}

/** Named counters incremented in a transaction (case references). */
export interface CountersTable {
  name: string;
  value: number | string;
}

export interface LedgerTable {
  case_id: string;
  version: number;
  n: number;
  offer_id: string | null;
  entry: string;
  offer_kind: string | null;
  minor: number | null;
  currency: string | null;
  actor_id: string;
  executor_id: string | null;
  note: string | null;
  at: string;
}

export interface IdempotencyTable {
  actor_id: string;
  key: string;
  request_hash: string;
  status_code: number;
  case_id: string;
  created_at: string;
}

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface AuditTable {
  id: string;
  actor_id: string;
  actor_role: string;
  action: string;
  subject: string;
  before: string | null;
  after: string | null;
  at: string;
}

export interface IntakeRequestsTable {
  key: string;
  response: string;
  created_at: string;
}

export interface ConsoleSessionsTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface Database {
  users: UsersTable;
  tokens: TokensTable;
  cases: CasesTable;
  journal: JournalTable;
  timers: TimersTable;
  outbox: OutboxTable;
  ledger: LedgerTable;
  idempotency_keys: IdempotencyTable;
  settings: SettingsTable;
  audit: AuditTable;
  intake_requests: IntakeRequestsTable;
  counters: CountersTable;
  console_sessions: ConsoleSessionsTable;
  journal_head: JournalHeadTable;
  report_cursor: ReportCursorTable;
  report_cases: ReportCasesTable;
  report_compensation_day: ReportCompensationDayTable;
  report_cohort_day: ReportCohortDayTable;
  report_duration_hist: ReportDurationHistTable;
}
