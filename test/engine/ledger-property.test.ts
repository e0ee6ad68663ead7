/**
 * Property: whatever sequence of offers, decisions, answers, issues, retries and reverts people send,
 * the compensation ledger keeps its promises — issued ≤ approved and at most once per offer, nothing
 * reaches the customer over a limit or the case budget without a lead's approval, nobody approves their
 * own request, and the case's `spent` is exactly what the ledger says.
 *
 * Runs against the engine directly (dispatch, openCase) over one real SQLite file; a new case per run.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, type ErrorKind } from '../../src/domain/errors.js';
import type { Money } from '../../src/domain/money.js';
import type { OfferKind } from '../../src/domain/offers.js';
import type { Role } from '../../src/domain/roles.js';
import { dispatch } from '../../src/engine/dispatch.js';
import type { Engine } from '../../src/engine/engine.js';
import { openCase } from '../../src/engine/open-case.js';
import { createEngine } from '../../src/server.js';
import { loadCase, type CaseRecord } from '../../src/store/cases.js';
import { ledgerOfCase, type LedgerEntry } from '../../src/store/ledger.js';
import { migrateToLatest } from '../../src/store/migrate.js';
import { addUser, customer, FakeClock, rub, testConfig, type TestUser } from '../helpers.js';

/** Who may act in a run: the owning handler, another handler, two leads (one with a limit) and an admin. */
const ACTORS = ['handler', 'otherHandler', 'lead', 'limitedLead', 'admin'] as const;
type ActorKey = (typeof ACTORS)[number];

/** 50 by default; LEDGER_PROPERTY_RUNS=2000 for a longer hunt. */
const RUNS = Number(process.env.LEDGER_PROPERTY_RUNS ?? 50);

/**
 * A fixed seed, printed, so a failure replays exactly: `FC_SEED=<seed> npx vitest run <this file>`.
 * fast-check's own failure report adds the path of the shrunk counterexample.
 */
const SEED = Number(process.env.FC_SEED ?? 20261125);

const HANDLER_LIMIT = 60_000;
const LIMITED_LEAD_LIMIT = 300_000;

/** Values that sit on either side of the limits and the case budgets (100k/150k/200k, 1M/1.5M/2M). */
const EDGES = [
  1, 59_999, 60_000, 60_001, 99_999, 100_000, 100_001, 149_999, 150_000, 150_001, 200_000, 200_001, 299_999, 300_000, 300_001, 999_999,
  1_000_000, 1_000_001, 1_500_000, 2_000_001,
];

type Cmd =
  | { t: 'OFFER'; by: ActorKey; kind: OfferKind; value: number }
  | { t: 'APPROVE_OFFER'; by: ActorKey; value: number | null; target: 'current' | 'previous' | 'none' }
  | { t: 'REJECT_OFFER'; by: ActorKey; target: 'current' | 'previous' | 'none' }
  | { t: 'CUSTOMER_ACCEPTED' }
  | { t: 'CUSTOMER_DECLINED' }
  | { t: 'ISSUE'; times: number; key: string | null }
  | { t: 'REVERT'; by: ActorKey }
  | { t: 'RECORD_RECOVERY'; amount: number }
  | { t: 'SKIP_COMPENSATION' }
  | { t: 'FOLLOW_UP' }
  | { t: 'REOPEN' }
  | { t: 'EXPLAIN' };

/**
 * A guided step picks its command by the state the case is in when it runs, so that runs reach deep
 * (approved → accepted → issued → reverted → reopened …) instead of bouncing off the statechart. Each
 * state's choice still includes refusals: the requester deciding, a handler reverting, a second ISSUE.
 */
type Guided = { t: 'GUIDED'; byState: Record<GuidedState, Cmd> };
type Single = Cmd | Guided;
type Step = Single | { t: 'CONCURRENTLY'; a: Single; b: Single };

const GUIDED_STATES = ['explain', 'compensate.choosing', 'compensate.awaitingApproval', 'compensate.offered', 'compensate.accepted', 'followUp', 'resolved'] as const;
type GuidedState = (typeof GUIDED_STATES)[number];

const value = fc.oneof(fc.constantFrom(...EDGES), fc.integer({ min: 1, max: 2_200_000 }));
const anyActor = fc.constantFrom<ActorKey>(...ACTORS);
// Decisions come mostly from people who may decide, sometimes from the requester or a handler.
const decider = fc.constantFrom<ActorKey>('lead', 'limitedLead', 'admin', 'lead', 'limitedLead', 'admin', 'handler');
const target = fc.constantFrom<'current' | 'previous' | 'none'>('none', 'none', 'current', 'current', 'previous');

const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ t: fc.constant('OFFER' as const), by: fc.constantFrom<ActorKey>('handler', 'handler', 'handler', 'lead', 'limitedLead', 'admin', 'otherHandler'), kind: fc.constantFrom<OfferKind>('discount', 'credit', 'refund', 'extraService', 'gift'), value }) },
  { weight: 4, arbitrary: fc.record({ t: fc.constant('APPROVE_OFFER' as const), by: decider, value: fc.option(value, { nil: null }), target }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('REJECT_OFFER' as const), by: decider, target }) },
  { weight: 4, arbitrary: fc.constant({ t: 'CUSTOMER_ACCEPTED' as const }) },
  { weight: 1, arbitrary: fc.constant({ t: 'CUSTOMER_DECLINED' as const }) },
  { weight: 4, arbitrary: fc.record({ t: fc.constant('ISSUE' as const), times: fc.integer({ min: 1, max: 3 }), key: fc.option(fc.constantFrom('k1', 'k2'), { nil: null }) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('REVERT' as const), by: fc.constantFrom<ActorKey>('lead', 'admin', 'handler') }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('RECORD_RECOVERY' as const), amount: fc.integer({ min: 1, max: 500_000 }) }) },
  { weight: 1, arbitrary: fc.constant({ t: 'SKIP_COMPENSATION' as const }) },
  { weight: 1, arbitrary: fc.constant({ t: 'FOLLOW_UP' as const }) },
  { weight: 1, arbitrary: fc.constant({ t: 'REOPEN' as const }) },
  { weight: 1, arbitrary: fc.constant({ t: 'EXPLAIN' as const }) },
);

const offerCmd = fc.record({
  t: fc.constant('OFFER' as const),
  by: fc.constantFrom<ActorKey>('handler', 'handler', 'handler', 'lead', 'limitedLead', 'admin', 'otherHandler'),
  kind: fc.constantFrom<OfferKind>('discount', 'credit', 'refund', 'extraService', 'gift'),
  value,
});
const approveCmd = fc.record({ t: fc.constant('APPROVE_OFFER' as const), by: decider, value: fc.option(value, { nil: null }), target });
const rejectCmd = fc.record({ t: fc.constant('REJECT_OFFER' as const), by: decider, target });
const issueCmd = fc.record({ t: fc.constant('ISSUE' as const), times: fc.integer({ min: 1, max: 3 }), key: fc.option(fc.constantFrom('k1', 'k2'), { nil: null }) });
const revertCmd = fc.record({ t: fc.constant('REVERT' as const), by: fc.constantFrom<ActorKey>('lead', 'admin', 'handler') });
const recoveryCmd = fc.record({ t: fc.constant('RECORD_RECOVERY' as const), amount: fc.integer({ min: 1, max: 500_000 }) });
const c = <T extends Cmd>(x: T) => fc.constant(x);

const guided: fc.Arbitrary<Guided> = fc.record({
  t: fc.constant('GUIDED' as const),
  byState: fc.record({
    explain: fc.oneof({ weight: 5, arbitrary: c({ t: 'EXPLAIN' }) }, { weight: 1, arbitrary: revertCmd }),
    'compensate.choosing': fc.oneof({ weight: 8, arbitrary: offerCmd }, { weight: 1, arbitrary: c({ t: 'SKIP_COMPENSATION' }) }, { weight: 1, arbitrary: approveCmd }),
    'compensate.awaitingApproval': fc.oneof({ weight: 6, arbitrary: approveCmd }, { weight: 2, arbitrary: rejectCmd }, { weight: 1, arbitrary: offerCmd }, { weight: 1, arbitrary: c({ t: 'SKIP_COMPENSATION' }) }),
    'compensate.offered': fc.oneof({ weight: 6, arbitrary: c({ t: 'CUSTOMER_ACCEPTED' }) }, { weight: 2, arbitrary: c({ t: 'CUSTOMER_DECLINED' }) }, { weight: 1, arbitrary: approveCmd }, { weight: 1, arbitrary: issueCmd }),
    'compensate.accepted': fc.oneof({ weight: 8, arbitrary: issueCmd }, { weight: 1, arbitrary: c({ t: 'SKIP_COMPENSATION' }) }, { weight: 1, arbitrary: revertCmd }),
    followUp: fc.oneof({ weight: 3, arbitrary: revertCmd }, { weight: 2, arbitrary: recoveryCmd }, { weight: 3, arbitrary: c({ t: 'FOLLOW_UP' }) }, { weight: 2, arbitrary: issueCmd }),
    resolved: fc.oneof({ weight: 4, arbitrary: c({ t: 'REOPEN' }) }, { weight: 2, arbitrary: revertCmd }, { weight: 1, arbitrary: recoveryCmd }),
  }),
});

const single: fc.Arbitrary<Single> = fc.oneof({ weight: 3, arbitrary: guided }, { weight: 2, arbitrary: cmd });

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: single },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('CONCURRENTLY' as const), a: single, b: single }) },
  // Both at once with the same command: two ISSUEs, two decisions, two offers …
  { weight: 1, arbitrary: guided.map((g) => ({ t: 'CONCURRENTLY' as const, a: g, b: g })) },
);

const setupArb = fc.record({
  scenario: fc.constantFrom('late-arrival', 'property-damage'),
  tier: fc.constantFrom('free', 'paid', 'vip'),
});

/** Errors a well-formed command may meet: refused by role, by the state, by a lost race, or an unseen case. */
const EXPECTED_KINDS: ReadonlySet<ErrorKind> = new Set(['forbidden', 'eventNotAllowed', 'conflict', 'notFound']);

let engine: Engine;
let clock: FakeClock;
const users = new Map<ActorKey, TestUser>();
const roles = new Map<string, { role: Role; limit: Money | null }>();
let run = 0;
const stats = { runs: 0, applied: 0, refused: 0, issued: 0, approvedByOther: 0, selfDecisionRefused: 0, replays: 0, overBudgetChecks: 0 };

beforeAll(async () => {
  clock = new FakeClock();
  engine = await createEngine(testConfig(), clock.now);
  await migrateToLatest(engine.store.db);
  const spec: Record<ActorKey, [Role, Money | null]> = {
    handler: ['handler', rub(HANDLER_LIMIT)],
    otherHandler: ['handler', rub(10_000_000)],
    lead: ['lead', null],
    limitedLead: ['lead', rub(LIMITED_LEAD_LIMIT)],
    admin: ['admin', null],
  };
  for (const key of ACTORS) {
    const [role, limit] = spec[key];
    const u = await addUser(engine, key, role, limit);
    users.set(key, u);
    roles.set(u.id, { role, limit });
  }
});

afterAll(async () => {
  await engine?.store.close();
});

const user = (key: ActorKey): TestUser => {
  const u = users.get(key);
  if (!u) throw new Error(`no user ${key}`);
  return u;
};

/** Offer ids of the case in the order they were made. */
async function offerIds(caseId: string): Promise<string[]> {
  const ledger = await ledgerOfCase(engine.store.db, caseId);
  return ledger.filter((l) => l.entry === 'offered').map((l) => l.offerId as string);
}

async function pickOfferId(caseId: string, which: 'current' | 'previous' | 'none'): Promise<string | undefined> {
  if (which === 'none') return undefined;
  const ids = await offerIds(caseId);
  return which === 'current' ? ids.at(-1) : ids.at(-2);
}

/** Send one event; refusals (AppError of an expected kind) are part of the game, anything else fails the run. */
async function send(caseId: string, event: Record<string, unknown>, by: ActorKey, idempotency?: { key: string; requestHash: string }): Promise<boolean> {
  try {
    const result = await dispatch(engine, caseId, event, user(by).actor, { idempotency });
    if (result?.replayed) stats.replays++;
    else stats.applied++;
    return result !== null && !result.replayed;
  } catch (err) {
    // A recovery above what was paid out, or an approval above what was asked, is bad input the
    // generator makes on purpose: refused with 400, not a failure.
    const refusedAmount = err instanceof AppError && err.kind === 'validation' && (event.type === 'RECORD_RECOVERY' || event.type === 'APPROVE_OFFER');
    if (err instanceof AppError && (EXPECTED_KINDS.has(err.kind) || refusedAmount)) {
      stats.refused++;
      if ((event.type === 'APPROVE_OFFER' || event.type === 'REJECT_OFFER') && err.message.includes('their own')) stats.selfDecisionRefused++;
      return false;
    }
    throw new Error(`${String(event.type)} by ${by} failed unexpectedly: ${err instanceof Error ? err.stack : String(err)}`);
  }
}

async function execute(caseId: string, s: Single): Promise<void> {
  let c: Cmd;
  if (s.t === 'GUIDED') {
    const state = (await loadCase(engine.store.db, caseId))?.state;
    c = (GUIDED_STATES as readonly string[]).includes(state ?? '') ? s.byState[state as GuidedState] : s.byState['compensate.choosing'];
  } else {
    c = s;
  }
  switch (c.t) {
    case 'OFFER':
      await send(caseId, { type: 'OFFER', kind: c.kind, value: rub(c.value), ...(c.kind === 'discount' ? { percent: 15 } : {}) }, c.by);
      return;
    case 'APPROVE_OFFER': {
      const offerId = await pickOfferId(caseId, c.target);
      await send(caseId, { type: 'APPROVE_OFFER', comment: 'approved in the property run', ...(offerId ? { offerId } : {}), ...(c.value !== null ? { value: rub(c.value) } : {}) }, c.by);
      return;
    }
    case 'REJECT_OFFER': {
      const offerId = await pickOfferId(caseId, c.target);
      await send(caseId, { type: 'REJECT_OFFER', comment: 'rejected in the property run', ...(offerId ? { offerId } : {}) }, c.by);
      return;
    }
    case 'CUSTOMER_ACCEPTED':
      await send(caseId, { type: 'CUSTOMER_ACCEPTED' }, 'handler');
      return;
    case 'CUSTOMER_DECLINED':
      await send(caseId, { type: 'CUSTOMER_DECLINED', reason: 'not interested' }, 'handler');
      return;
    case 'ISSUE': {
      // Retries: the same request again, with the same Idempotency-Key when it has one.
      const idem = c.key === null ? undefined : { key: `${caseId}:${c.key}`, requestHash: 'POST /api/v1/cases/:id/events {"type":"ISSUE"}' };
      for (let i = 0; i < c.times; i++) await send(caseId, { type: 'ISSUE' }, 'handler', idem);
      return;
    }
    case 'REVERT':
      await send(caseId, { type: 'REVERT', reason: 'payment bounced' }, c.by);
      return;
    case 'RECORD_RECOVERY':
      await send(caseId, { type: 'RECORD_RECOVERY', executorId: 'exec-1', amount: rub(c.amount) }, 'lead');
      return;
    case 'SKIP_COMPENSATION':
      await send(caseId, { type: 'SKIP_COMPENSATION', reason: 'not a defect' }, 'handler');
      return;
    case 'FOLLOW_UP':
      await send(caseId, { type: 'FOLLOW_UP', text: 'all good?', rating: 'good' }, 'handler');
      return;
    case 'REOPEN':
      await send(caseId, { type: 'REOPEN', reason: 'customer called again' }, 'handler');
      return;
    case 'EXPLAIN':
      await send(caseId, { type: 'EXPLAIN', cause: 'traffic', prevention: 'leave earlier', text: 'we were late' }, 'handler');
      return;
  }
}

const sum = (rows: LedgerEntry[]) => rows.reduce((s, l) => s + (l.value?.minor ?? 0), 0);

/** The invariants, read back from the ledger and the case row. */
function checkInvariants(c: CaseRecord, ledger: LedgerEntry[]): void {
  const where = `case ${c.id} (${c.scenario}, budget ${c.budget.minor}) ledger ${JSON.stringify(ledger.map((l) => [l.entry, l.offerId?.slice(-4), l.value?.minor, l.actorId.slice(-4)]))}`;
  // Replay the ledger in order: what the case had spent when each offer was made.
  let running = 0;
  const spentWhenOffered = new Map<string, number>();
  for (const l of ledger) {
    expect(l.value === null || l.value.currency === c.budget.currency, where).toBe(true);
    if (l.entry === 'offered' && l.offerId) spentWhenOffered.set(l.offerId, running);
    if (l.entry === 'issued') running += l.value?.minor ?? 0;
    if (l.entry === 'reverted') running -= l.value?.minor ?? 0;
  }
  const issuedAll = ledger.filter((l) => l.entry === 'issued');
  const revertedAll = ledger.filter((l) => l.entry === 'reverted');
  const approvedAll = ledger.filter((l) => l.entry === 'approved');
  expect(c.spent.minor, `spent = issued − reverted; ${where}`).toBe(sum(issuedAll) - sum(revertedAll));
  expect(c.spent.minor, where).toBe(running);
  expect(c.spent.minor, `spent ≤ approved; ${where}`).toBeLessThanOrEqual(sum(approvedAll));
  expect(c.spent.minor, where).toBeGreaterThanOrEqual(0);

  const byOffer = new Map<string, LedgerEntry[]>();
  for (const l of ledger) {
    expect(l.offerId, `every ledger row names its offer; ${where}`).not.toBeNull();
    const list = byOffer.get(l.offerId as string) ?? [];
    list.push(l);
    byOffer.set(l.offerId as string, list);
  }

  let overBudgetWithoutApproval = false;
  for (const [offerId, rows] of byOffer) {
    const at = (kind: string) => rows.findIndex((l) => l.entry === kind);
    const all = (kind: string) => rows.filter((l) => l.entry === kind);
    const offered = all('offered');
    expect(offered, `one offered row per offer ${offerId}; ${where}`).toHaveLength(1);
    const offer = offered[0] as LedgerEntry;
    expect(at('offered'), where).toBe(0);
    const requester = offer.actorId;
    const requested = all('approvalRequested');
    const approved = all('approved');
    const issued = all('issued');
    const reverted = all('reverted');
    expect(requested.length, where).toBeLessThanOrEqual(1);
    expect(approved.length, `one approval per offer; ${where}`).toBeLessThanOrEqual(1);
    expect(approved.length + all('rejected').length, `one decision per offer; ${where}`).toBeLessThanOrEqual(1);
    expect(issued.length, `issued at most once; ${where}`).toBeLessThanOrEqual(1);
    expect(reverted.length, `reverted at most once; ${where}`).toBeLessThanOrEqual(1);
    expect(all('accepted').length, where).toBeLessThanOrEqual(1);

    if (issued.length === 1) {
      const issuedRow = issued[0] as LedgerEntry;
      const approvedRow = approved[0];
      expect(approvedRow, `issued without approval; ${where}`).toBeDefined();
      expect(issuedRow.value?.minor ?? 0, `issued ≤ approved; ${where}`).toBeLessThanOrEqual(approvedRow?.value?.minor ?? 0);
      expect(at('approved'), where).toBeLessThan(at('accepted'));
      expect(at('accepted'), where).toBeLessThan(at('issued'));
    }
    if (reverted.length === 1) {
      expect(issued, `reverted what was never issued; ${where}`).toHaveLength(1);
      expect(at('issued'), where).toBeLessThan(at('reverted'));
      expect(reverted[0]?.value, where).toEqual(issued[0]?.value);
      expect(roles.get(reverted[0]?.actorId as string)?.role, `only leads revert; ${where}`).not.toBe('handler');
    }

    if (requested.length === 0) {
      // Went to the customer on the requester's own authority: within their limit and the case budget then.
      const who = roles.get(requester);
      expect(who, where).toBeDefined();
      const v = offer.value?.minor ?? 0;
      if (who?.role === 'handler') {
        expect(who.limit, `a handler without a limit offered directly; ${where}`).not.toBeNull();
        expect(v, `above the handler's limit without approval; ${where}`).toBeLessThanOrEqual(who.limit?.minor ?? 0);
      } else if (who?.limit) {
        expect(v, `above the lead's own limit without approval; ${where}`).toBeLessThanOrEqual(who.limit.minor);
      }
      expect(v, `above the case's remaining budget without approval; ${where}`).toBeLessThanOrEqual(c.budget.minor - (spentWhenOffered.get(offerId) ?? 0));
      if (approved.length === 1) {
        expect(approved[0]?.actorId, where).toBe(requester);
        expect(approved[0]?.value, where).toEqual(offer.value);
      }
      if (issued.length === 1 && (spentWhenOffered.get(offerId) ?? 0) + v > c.budget.minor) overBudgetWithoutApproval = true;
    } else {
      expect(at('approvalRequested'), where).toBe(1);
      for (const decision of [...approved, ...all('rejected')]) {
        expect(decision.actorId, `the requester decided their own request; ${where}`).not.toBe(requester);
        expect(['lead', 'admin'], `a non-lead decided; ${where}`).toContain(roles.get(decision.actorId)?.role);
        expect(rows.indexOf(decision), where).toBeGreaterThan(at('approvalRequested'));
      }
    }
  }
  expect(overBudgetWithoutApproval, `over the case budget without approval; ${where}`).toBe(false);
  // Over the case budget only with a lead's say-so.
  if (c.spent.minor > c.budget.minor) {
    stats.overBudgetChecks++;
    const approvedOffers = new Set(ledger.filter((l) => l.entry === 'approvalRequested').map((l) => l.offerId));
    const live = issuedAll.filter((l) => !revertedAll.some((r) => r.offerId === l.offerId));
    expect(live.some((l) => approvedOffers.has(l.offerId)), `spent over budget without approval; ${where}`).toBe(true);
  }
}

async function readAndCheck(caseId: string): Promise<void> {
  const [c, ledger] = await Promise.all([loadCase(engine.store.db, caseId), ledgerOfCase(engine.store.db, caseId)]);
  if (!c) throw new Error(`case ${caseId} vanished`);
  checkInvariants(c, ledger);
}

describe('compensation ledger, property-based', () => {
  it('keeps its invariants over random offers, decisions, issues, retries and reverts', async () => {
    console.info(`ledger property: seed ${SEED} (replay with FC_SEED=${SEED}), ${RUNS} runs`);
    await fc.assert(
      fc.asyncProperty(setupArb, fc.array(step, { minLength: 3, maxLength: 20 }), async (setup, steps) => {
        run++;
        stats.runs++;
        const handler = user('handler');
        const { record } = await openCase(
          engine,
          {
            customer: customer({ id: `cust-${run}`, tier: setup.tier }),
            channel: 'phone',
            description: 'property run',
            scenario: setup.scenario,
          },
          handler.actor,
        );
        const id = record.id;
        await dispatch(engine, id, { type: 'APOLOGIZE', channel: 'phone', text: 'sorry' }, handler.actor);
        await dispatch(engine, id, { type: 'EXPLAIN', cause: 'c', prevention: 'p', text: 't' }, handler.actor);
        for (const s of steps) {
          if (s.t === 'CONCURRENTLY') await Promise.all([execute(id, s.a), execute(id, s.b)]);
          else await execute(id, s);
          await readAndCheck(id);
        }
        const ledger = await ledgerOfCase(engine.store.db, id);
        stats.issued += ledger.filter((l) => l.entry === 'issued').length;
        stats.approvedByOther += ledger.filter((l, i) => l.entry === 'approved' && ledger.slice(0, i).some((p) => p.offerId === l.offerId && p.entry === 'approvalRequested')).length;
      }),
      { numRuns: RUNS, seed: SEED },
    );
    // The runs did exercise the paths the invariants are about.
    expect(stats.runs).toBeGreaterThanOrEqual(RUNS);
    expect(stats.issued).toBeGreaterThan(0);
    expect(stats.approvedByOther).toBeGreaterThan(0);
    expect(stats.refused).toBeGreaterThan(0);
    console.info('ledger property stats', stats);
  });
});
