/**
 * The base statechart of a complaint: triage → apologize → explain → compensate → followUp → resolved,
 * with a personal call first for conflict cases, lead approval inside compensate, reopen, escalation,
 * reassignment and win-back.
 *
 * Pure: no database, no HTTP, no clock. The engine enriches each public event with what it knows
 * (the acting user, the new offer's id, whether it needs approval) and turns the named effect actions
 * (`alert`, `message`, `ledger`) into outbox and ledger rows in the same transaction.
 */
import { and, assign, setup } from 'xstate';
import type { Money } from '../src/domain/money.js';
import type { EventPayload, EventType } from '../src/domain/events.js';
import type { LedgerEntryKind, OfferKind } from '../src/domain/offers.js';

/** Bump when a change would strand stored snapshots; add a migration in src/engine/snapshots.ts. */
export const MACHINE_VERSION = 1;

export type Tone = 'constructive' | 'conflict';
export type Outcome = 'pending' | 'wonBack' | 'lost';

export interface OfferInPlay {
  id: string;
  kind: OfferKind;
  value: Money;
  percent: number | null;
  requestedBy: string;
  approved: Money | null;
  status: 'awaitingApproval' | 'offered' | 'accepted' | 'issued' | 'reverted';
}

export interface ComplaintContext {
  tone: Tone;
  ownerId: string | null;
  escalated: boolean;
  /** Steps whose deadline passed, in order. */
  breaches: string[];
  offer: OfferInPlay | null;
  skipReason: string | null;
  rating: 'good' | 'neutral' | 'bad' | null;
  reopened: number;
  outcome: Outcome;
  wonBackOrderId: string | null;
}

export interface ComplaintInput {
  tone: Tone;
  ownerId: string | null;
}

type By = { actorId: string };
// zod infers an empty strict object as Record<string, never>; treat it as "no payload".
type Payload<P> = string extends keyof P ? {} : P;
type E<T extends EventType> = { type: T } & Payload<EventPayload<T>> & By;

export type ComplaintEvent =
  | E<'ASSIGN'>
  | E<'REASSIGN'>
  | E<'CALL_LOGGED'>
  | E<'APOLOGIZE'>
  | E<'EXPLAIN'>
  // The engine resolves a discount without an estimate to zero, so the machine always sees a value.
  | ({ type: 'OFFER'; kind: OfferKind; value: Money; percent?: number; note?: string; offerId: string; needsApproval: boolean } & By)
  | ({ type: 'APPROVE_OFFER'; value: Money; comment: string; aboveCaseBudget?: boolean } & By)
  | E<'REJECT_OFFER'>
  | E<'CUSTOMER_ACCEPTED'>
  | E<'CUSTOMER_DECLINED'>
  | E<'ISSUE'>
  | E<'SKIP_COMPENSATION'>
  | E<'FOLLOW_UP'>
  | E<'REOPEN'>
  | E<'ESCALATE'>
  | E<'ORDER_PLACED'>
  | E<'CLOSE_LOST'>
  | E<'REVERT'>
  | ({ type: 'RECORD_RECOVERY'; executorId: string; amount: Money; note?: string } & By)
  | ({ type: 'PROPOSE_RECOVERY'; executorId: string; amount: Money; note?: string } & By)
  | E<'DEADLINE_MISSED'>
  | E<'WIN_BACK_EXPIRED'>
  | E<'RATING_RECEIVED'>
  | E<'RERATED'>;

/** Effects the engine turns into rows; the machine only names them. */
export type AlertParams = { kind: 'conflict' | 'escalated' | 'deadlineMissed' | 'approvalRequested' | 'recoveryProposed' | 'reopened'; reason: string; step?: string };
/**
 * A message to the customer. The engine renders the purpose's template in the customer's language and
 * channel unless the handler's own `text` replaces it; `silent` drops it (skip without a note).
 */
export type MessageParams = {
  purpose: 'apology' | 'explanation' | 'offer' | 'approval' | 'followUp' | 'notADefect' | 'reopen' | 'callNote';
  channel?: string | undefined;
  text?: string | undefined;
  template?: string | undefined;
  silent?: boolean | undefined;
};
export type LedgerParams = {
  entry: LedgerEntryKind;
  offerId: string | null;
  value: Money | null;
  note?: string;
  executorId?: string;
};

const offerOf = (context: ComplaintContext): OfferInPlay => {
  if (!context.offer) throw new Error('no offer in play');
  return context.offer;
};

export const complaintMachine = setup({
  types: {
    context: {} as ComplaintContext,
    events: {} as ComplaintEvent,
    input: {} as ComplaintInput,
  },
  guards: {
    hasOwner: ({ context }) => context.ownerId !== null,
    isConflict: ({ context }) => context.tone === 'conflict',
    needsApproval: ({ event }) => event.type === 'OFFER' && event.needsApproval,
    wasIssued: ({ context }) => context.offer?.status === 'issued',
    hasOfferInPlay: ({ context }) => context.offer !== null && context.offer.status !== 'issued' && context.offer.status !== 'reverted',
  },
  actions: {
    // Effect actions: bodies stay empty, the engine reads their params from transition().
    alert: (_, _params: AlertParams) => {},
    message: (_, _params: MessageParams) => {},
    ledger: (_, _params: LedgerParams) => {},
    // Nothing to do but be an accepted event: the engine journals the scores it carries.
    noteRating: () => {},
    setOwner: assign({
      ownerId: ({ event }) => (event.type === 'ASSIGN' || event.type === 'REASSIGN' ? event.ownerId : null),
    }),
    markEscalated: assign({ escalated: true }),
    recordBreach: assign({
      escalated: true,
      breaches: ({ context, event }) => (event.type === 'DEADLINE_MISSED' ? [...context.breaches, event.step] : context.breaches),
    }),
    openOffer: assign({
      offer: ({ event }) => {
        if (event.type !== 'OFFER') throw new Error('openOffer needs OFFER');
        return {
          id: event.offerId,
          kind: event.kind,
          value: event.value,
          percent: event.percent ?? null,
          requestedBy: event.actorId,
          approved: event.needsApproval ? null : event.value,
          status: event.needsApproval ? ('awaitingApproval' as const) : ('offered' as const),
        };
      },
    }),
    setOfferStatus: assign({
      offer: ({ context }, params: { status: OfferInPlay['status'] }) => ({ ...offerOf(context), status: params.status }),
    }),
    approveOffer: assign({
      offer: ({ context, event }) =>
        event.type === 'APPROVE_OFFER' ? { ...offerOf(context), approved: event.value, status: 'offered' as const } : context.offer,
    }),
  },
}).createMachine({
  id: 'complaint',
  context: ({ input }) => ({
    tone: input.tone,
    ownerId: input.ownerId,
    escalated: false,
    breaches: [],
    offer: null,
    skipReason: null,
    rating: null,
    reopened: 0,
    outcome: 'pending',
    wonBackOrderId: null,
  }),
  initial: 'triage',
  on: {
    REASSIGN: { actions: 'setOwner' },
    ESCALATE: {
      actions: ['markEscalated', { type: 'alert', params: ({ event }) => ({ kind: 'escalated', reason: event.reason }) }],
    },
    REVERT: {
      guard: 'wasIssued',
      actions: [
        { type: 'ledger', params: ({ context, event }) => ({ entry: 'reverted', offerId: offerOf(context).id, value: offerOf(context).approved, note: event.reason }) },
        { type: 'setOfferStatus', params: { status: 'reverted' } },
      ],
    },
    RECORD_RECOVERY: {
      guard: 'wasIssued',
      actions: {
        type: 'ledger',
        params: ({ context, event }) => ({ entry: 'recovered', offerId: offerOf(context).id, value: event.amount, note: event.note, executorId: event.executorId }),
      },
    },
    PROPOSE_RECOVERY: {
      // A handler proposes; charging the executor stays a lead's decision (RECORD_RECOVERY).
      guard: 'wasIssued',
      actions: {
        type: 'alert',
        params: ({ event }) => ({ kind: 'recoveryProposed', reason: `recovery of ${event.amount.minor} ${event.amount.currency} (minor units) from executor ${event.executorId} proposed` }),
      },
    },
    // A further rating of the same order: nothing changes but the journal, which keeps the scores.
    RATING_RECEIVED: { actions: 'noteRating' },
    DEADLINE_MISSED: {
      actions: [
        'recordBreach',
        { type: 'alert', params: ({ event }) => ({ kind: 'deadlineMissed', reason: `deadline missed: ${event.step}`, step: event.step }) },
      ],
    },
  },
  states: {
    triage: {
      description: 'Unassigned cases wait here; a case with an owner leaves at once.',
      always: [
        { guard: and(['hasOwner', 'isConflict']), target: 'personalCall' },
        { guard: 'hasOwner', target: 'apologize' },
      ],
      on: { ASSIGN: { actions: 'setOwner' } },
    },
    personalCall: {
      description: 'Conflict case: the owner calls the customer personally before anything is written.',
      entry: [
        { type: 'alert', params: { kind: 'conflict', reason: 'conflict case: personal call needed' } },
        { type: 'message', params: { purpose: 'callNote' } },
      ],
      on: { CALL_LOGGED: { target: 'apologize' } },
    },
    apologize: {
      on: {
        APOLOGIZE: {
          target: 'explain',
          actions: { type: 'message', params: ({ event }) => ({ purpose: 'apology', channel: event.channel, text: event.text }) },
        },
      },
    },
    explain: {
      description: 'What happened, why, and what changes so it does not happen again.',
      on: {
        EXPLAIN: {
          target: 'compensate',
          actions: { type: 'message', params: ({ event }) => ({ purpose: 'explanation', text: event.text }) },
        },
      },
    },
    compensate: {
      initial: 'choosing',
      on: {
        SKIP_COMPENSATION: [
          {
            // An offer still in play is withdrawn on the record, so the ledger never ends mid-way.
            guard: 'hasOfferInPlay',
            target: 'followUp',
            actions: [
              { type: 'ledger', params: ({ context, event }) => ({ entry: 'withdrawn', offerId: offerOf(context).id, value: null, note: event.reason }) },
              assign({ skipReason: ({ event }) => event.reason, offer: null }),
              { type: 'message', params: ({ event }) => notADefectNote(event) },
            ],
          },
          {
            target: 'followUp',
            actions: [
              assign({ skipReason: ({ event }) => event.reason, offer: ({ context }) => closeUnissued(context.offer) }),
              { type: 'message', params: ({ event }) => notADefectNote(event) },
            ],
          },
        ],
      },
      states: {
        choosing: {
          on: {
            OFFER: [
              {
                guard: 'needsApproval',
                target: 'awaitingApproval',
                actions: [
                  'openOffer',
                  { type: 'ledger', params: ({ event }) => ({ entry: 'offered', offerId: event.offerId, value: event.value, note: event.note }) },
                  { type: 'ledger', params: ({ event }) => ({ entry: 'approvalRequested', offerId: event.offerId, value: event.value }) },
                  { type: 'alert', params: ({ event }) => ({ kind: 'approvalRequested', reason: `approval requested for offer ${event.offerId}` }) },
                ],
              },
              {
                target: 'offered',
                actions: [
                  'openOffer',
                  { type: 'ledger', params: ({ event }) => ({ entry: 'offered', offerId: event.offerId, value: event.value, note: event.note }) },
                  // Within the handler's limit and the budget: the limit itself is the approval.
                  { type: 'ledger', params: ({ event }) => ({ entry: 'approved', offerId: event.offerId, value: event.value, note: 'within limit and budget' }) },
                  { type: 'message', params: ({ event }) => ({ purpose: 'offer', text: ownText(event) }) },
                ],
              },
            ],
          },
        },
        awaitingApproval: {
          description: 'The offer exceeds the handler limit, the case budget or the team budget: a lead decides.',
          on: {
            APPROVE_OFFER: {
              target: 'offered',
              actions: [
                'approveOffer',
                {
                  type: 'ledger',
                  params: ({ context, event }) => ({
                    entry: 'approved',
                    offerId: offerOf(context).id,
                    value: event.value,
                    note: event.aboveCaseBudget ? `above the case budget: ${event.comment}` : event.comment,
                  }),
                },
                { type: 'message', params: { purpose: 'approval' } },
              ],
            },
            REJECT_OFFER: {
              target: 'choosing',
              actions: [
                { type: 'ledger', params: ({ context, event }) => ({ entry: 'rejected', offerId: offerOf(context).id, value: null, note: event.comment }) },
                assign({ offer: null }),
              ],
            },
          },
        },
        offered: {
          description: 'The approved offer is with the customer.',
          on: {
            CUSTOMER_ACCEPTED: {
              target: 'accepted',
              actions: [
                { type: 'setOfferStatus', params: { status: 'accepted' } },
                { type: 'ledger', params: ({ context }) => ({ entry: 'accepted', offerId: offerOf(context).id, value: offerOf(context).approved }) },
              ],
            },
            CUSTOMER_DECLINED: {
              target: 'choosing',
              actions: [
                { type: 'ledger', params: ({ context, event }) => ({ entry: 'declined', offerId: offerOf(context).id, value: null, note: event.reason }) },
                assign({ offer: null }),
              ],
            },
          },
        },
        accepted: {
          on: {
            ISSUE: {
              target: '#complaint.followUp',
              actions: [
                { type: 'ledger', params: ({ context }) => ({ entry: 'issued', offerId: offerOf(context).id, value: offerOf(context).approved }) },
                { type: 'setOfferStatus', params: { status: 'issued' } },
              ],
            },
          },
        },
      },
    },
    followUp: {
      description: 'Ask how it went once the follow-up delay has passed.',
      on: {
        FOLLOW_UP: {
          target: 'resolved',
          actions: [
            assign({ rating: ({ event }) => event.rating ?? null }),
            { type: 'message', params: ({ event }) => ({ purpose: 'followUp', text: event.text }) },
          ],
        },
        ORDER_PLACED: { target: 'wonBack', actions: assign({ outcome: 'wonBack', wonBackOrderId: ({ event }) => event.orderId }) },
      },
    },
    resolved: {
      description: 'Done with the customer; waiting to see whether they order again.',
      on: {
        REOPEN: {
          target: 'explain',
          actions: [
            assign({ reopened: ({ context }) => context.reopened + 1 }),
            { type: 'message', params: ({ event }) => ({ purpose: 'reopen', text: event.text }) },
            { type: 'alert', params: ({ event }) => ({ kind: 'reopened', reason: event.reason }) },
          ],
        },
        ORDER_PLACED: { target: 'wonBack', actions: assign({ outcome: 'wonBack', wonBackOrderId: ({ event }) => event.orderId }) },
        WIN_BACK_EXPIRED: { target: 'lost', actions: assign({ outcome: 'lost' }) },
        CLOSE_LOST: { target: 'lost', actions: assign({ outcome: 'lost' }) },
        // The customer rates again after resolution: the latest verdict is the case's rating.
        RERATED: { actions: assign({ rating: ({ event }) => event.rating }) },
      },
    },
    wonBack: { type: 'final', description: 'The customer ordered again: the measure of success.' },
    lost: { type: 'final', description: 'The win-back window passed, or a lead closed the case as lost.' },
  },
});

/** The handler's own wording, for events whose payload may carry one. */
function ownText(event: ComplaintEvent): string | undefined {
  return 'text' in event && typeof event.text === 'string' ? event.text : undefined;
}

function notADefectNote(event: ComplaintEvent): MessageParams {
  if (event.type !== 'SKIP_COMPENSATION') throw new Error('the not-a-defect note needs SKIP_COMPENSATION');
  return { purpose: 'notADefect', text: event.text, silent: event.notify === false };
}

function closeUnissued(offer: OfferInPlay | null): OfferInPlay | null {
  return offer?.status === 'issued' ? offer : null;
}
