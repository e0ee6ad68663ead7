import { defineScenario } from './schema.js';

export default defineScenario({
  id: 'cancellation-fee',
  title: { ru: 'Спор о штрафе за отмену', en: 'Cancellation fee dispute' },
  description: {
    ru: 'Клиент не согласен с удержанием за отмену или перенос заказа: отменял заранее, отменил не он или о штрафе не предупредили.',
    en: 'The customer disputes a fee for cancelling or moving an order: they cancelled in good time, did not cancel at all, or were never told about the fee.',
  },
  severity: 'medium',
  recognise: {
    aspects: ['billing', 'communication'],
    keywords: {
      ru: ['штраф за отмену', 'плата за отмену', 'удержали', 'штраф', 'отменил заранее', 'отменила заранее', 'за перенос', 'неустойка', 'взяли за отмену', 'списали за отмену', 'удержали за отмену', 'отменял заранее'],
      en: ['cancellation fee', 'cancelation fee', 'late cancellation', 'charged for cancelling', 'charged for canceling', 'cancelled in advance', 'canceled in advance', 'penalty', 'rescheduling fee', 'fee for cancelling', 'cancel fee', 'charged a fee', 'fee even though i cancelled', 'charged for cancellation', 'for moving my', 'moving my cleaning', 'rescheduling', 'reschedule', 'for moving', 'although i cancelled', 'even though i cancelled', 'kept the full amount', 'kept the money', 'although i canceled', 'even though i canceled'],
    },
  },
  budget: { RUB: 100_000, EUR: 2_000, USD: 2_000 },
  offers: [
    { kind: 'refund', value: { RUB: 100_000, EUR: 2_000, USD: 2_000 }, title: { ru: 'Возврат удержания за отмену', en: 'A refund of the cancellation fee' } },
    { kind: 'discount', percent: 10, title: { ru: 'Скидка 10% на следующий заказ', en: '10% off the next order' } },
  ],
  deadlines: { apologize: 'PT4H', explain: 'PT24H', compensate: 'P2D', followUp: 'P7D', overall: 'P10D' },
  followUpDelay: 'P3D',
  checklists: {
    triage: [
      { id: 'take', do: { ru: 'Назначьте ответственного', en: 'Assign an owner' } },
      { id: 'history', do: { ru: 'Проверьте, когда и кем отменён заказ и что видел клиент при отмене', en: 'Check when and by whom the order was cancelled and what the customer saw when cancelling' } },
    ],
    apologize: [
      { id: 'reply', do: { ru: 'Ответьте клиенту {due}', en: 'Reply to the customer {due}' } },
      {
        id: 'acknowledge',
        do: { ru: 'Извинитесь за то, что правила отмены оказались неожиданностью', en: 'Apologise that the cancellation rules came as a surprise' },
        say: {
          ru: 'Простите, что удержание стало для вас неожиданностью: мы должны были предупредить о нём понятно и заранее.',
          en: 'We are sorry the fee came as a surprise: we should have told you about it clearly and in advance.',
        },
      },
    ],
    explain: [
      { id: 'rule', do: { ru: 'Объясните правило отмены и как оно применилось к этому заказу', en: 'Explain the cancellation rule and how it applied to this order' } },
      { id: 'no-blame', do: { ru: 'Не говорите «вы сами отменили поздно»: говорите, что видно в истории заказа', en: 'Do not say “you cancelled too late”: say what the order history shows' } },
    ],
    compensate: [
      { id: 'refund', do: { ru: 'Если отмена была вовремя или по нашей вине, верните удержание полностью', en: 'If the cancellation was in time or our fault, refund the whole fee' } },
      { id: 'goodwill', do: { ru: 'Если удержание верное, предложите скидку на следующий заказ как жест доброй воли', en: 'If the fee was right, offer a discount on the next order as goodwill' } },
    ],
    followUp: [{ id: 'ask', do: { ru: 'Убедитесь, что клиент согласен с решением', en: 'Make sure the customer is fine with the outcome' } }],
  },
  templates: { apologize: 'apology', explain: 'explanation', compensate: 'offer', followUp: 'follow-up' },
});
