/**
 * What one journal entry changes in a case's report row: pure, so the projector's rules can be read
 * (and tested) without a database. The projector feeds entries in journal position order.
 */
import { GENERIC_SCENARIO } from '../intake/classify.js';

export type Rating = 'good' | 'neutral' | 'bad';

export interface ReportCase {
  caseId: string;
  scenario: string;
  tone: string;
  channel: string;
  currency: string;
  description: string | null;
  ownerId: string | null;
  openedAt: string;
  firstResponseAt: string | null;
  firstResponseMs: number | null;
  resolvedAt: string | null;
  resolutionMs: number | null;
  deadlinesMissed: number;
  reopened: number;
  wonBackAt: string | null;
  lostAt: string | null;
  rating: Rating | null;
  ratingAt: string | null;
  thanks: number;
  issued: number;
  reverted: number;
  recovered: number;
}

/** What the projector reads beside a journal entry. */
export interface ProjectedEntry {
  caseId: string;
  type: string;
  payload: Record<string, unknown>;
  fromState: string | null;
  toState: string;
  at: string;
}

/** A ledger row of the same event (case and version). */
export interface ProjectedLedger {
  entry: string;
  minor: number | null;
}

/** What the cases table says about a case when its OPENED entry is projected. */
export interface CaseFacts {
  currency: string;
  description: string;
}

/** The first thing the customer hears from a person: the apology, or for a conflict case the personal call. */
export const FIRST_RESPONSE_EVENTS: ReadonlySet<string> = new Set(['APOLOGIZE', 'CALL_LOGGED']);

const OPEN_END = new Set(['resolved', 'wonBack', 'lost']);
const isRating = (v: unknown): v is Rating => v === 'good' || v === 'neutral' || v === 'bad';
const ms = (from: string, to: string) => Date.parse(to) - Date.parse(from);

/** A new row from the OPENED entry. */
export function openedCase(e: ProjectedEntry, facts: CaseFacts): ReportCase {
  const p = e.payload;
  const scenario = String(p.scenario);
  return {
    caseId: e.caseId,
    scenario,
    tone: String(p.tone),
    channel: String(p.channel),
    currency: facts.currency,
    description: scenario === GENERIC_SCENARIO ? facts.description : null,
    ownerId: typeof p.ownerId === 'string' ? p.ownerId : null,
    openedAt: e.at,
    firstResponseAt: null,
    firstResponseMs: null,
    resolvedAt: null,
    resolutionMs: null,
    deadlinesMissed: 0,
    reopened: 0,
    wonBackAt: null,
    lostAt: null,
    rating: null,
    ratingAt: null,
    thanks: 0,
    issued: 0,
    reverted: 0,
    recovered: 0,
  };
}

/**
 * A thank-you: the customer re-rates a resolved case as good and says something. There is no other
 * "thanks" signal in the product; a kind word after the fact is the one a team can count.
 */
export function isThanks(e: ProjectedEntry): boolean {
  return e.type === 'RERATED' && e.payload.rating === 'good' && typeof e.payload.comment === 'string' && e.payload.comment.trim() !== '';
}

/** Apply one later entry (and its ledger rows) to a case's row; returns a new row. */
export function applyEntry(c: ReportCase, e: ProjectedEntry, ledger: ProjectedLedger[]): ReportCase {
  const next = { ...c };
  const p = e.payload;
  if ((e.type === 'ASSIGN' || e.type === 'REASSIGN') && typeof p.ownerId === 'string') next.ownerId = p.ownerId;
  if (FIRST_RESPONSE_EVENTS.has(e.type) && next.firstResponseAt === null) {
    next.firstResponseAt = e.at;
    next.firstResponseMs = ms(c.openedAt, e.at);
  }
  if (e.type === 'DEADLINE_MISSED') next.deadlinesMissed++;
  if (e.type === 'REOPEN') {
    next.reopened++;
    // Resolution time counts to the last resolution, as the case's own resolved_at does.
    next.resolvedAt = null;
    next.resolutionMs = null;
  }
  // Entering resolved, or closing straight from follow-up: the case is resolved from then on.
  if (OPEN_END.has(e.toState) && !OPEN_END.has(e.fromState ?? '') && next.resolvedAt === null) {
    next.resolvedAt = e.at;
    next.resolutionMs = ms(c.openedAt, e.at);
  }
  if (e.toState === 'wonBack' && e.fromState !== 'wonBack') next.wonBackAt = e.at;
  if (e.toState === 'lost' && e.fromState !== 'lost') next.lostAt = e.at;
  if ((e.type === 'FOLLOW_UP' || e.type === 'RERATED') && isRating(p.rating)) {
    next.rating = p.rating;
    next.ratingAt = e.at;
  }
  if (isThanks(e)) next.thanks++;
  for (const l of ledger) {
    const minor = l.minor ?? 0;
    if (l.entry === 'issued') next.issued += minor;
    if (l.entry === 'reverted') next.reverted += minor;
    if (l.entry === 'recovered') next.recovered += minor;
  }
  return next;
}
