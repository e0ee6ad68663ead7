import { defineScenario } from './schema.js';

export default defineScenario({
  id: 'billing-error',
  title: { ru: 'Ошибка в оплате', en: 'Billing error' },
  description: {
    ru: 'С клиента списали неверную сумму или выставили неверный счёт (двойное списание — отдельный сценарий).',
    en: 'The customer was charged the wrong amount or sent a wrong invoice (a double charge has its own playbook).',
  },
  severity: 'medium',
  recognise: {
    aspects: ['billing'],
    keywords: {
      ru: ['лишнее списание', 'неправильная сумма', 'не та сумма', 'переплата', 'списали больше', 'сумма больше', 'завысили цену', 'неверный счет', 'ошибка в счете', 'счет на оплату', 'чек'],
      en: ['overcharged', 'wrong amount', 'billing error', 'wrong invoice', 'invoice', 'charged more', 'higher price', 'price was higher', 'receipt'],
    },
  },
  budget: { RUB: 300_000, EUR: 6_000, USD: 6_000 },
  offers: [
    { kind: 'refund', value: { RUB: 150_000, EUR: 3000, USD: 3000 }, title: { ru: 'Возврат ошибочно списанной суммы', en: 'A refund of the amount charged in error' } },
    { kind: 'credit', value: { RUB: 50_000, EUR: 1000, USD: 1000 }, title: { ru: 'Бонусы на счёт за неудобства', en: 'Account credit for the inconvenience' } },
  ],
  deadlines: { apologize: 'PT2H', explain: 'PT24H', compensate: 'P1D', followUp: 'P10D', overall: 'P14D' },
  // Billing and account staff work office hours: first answers and decisions count working time.
  businessHours: ['triage', 'apologize', 'compensate', 'approval'],
  followUpDelay: 'P7D',
  checklists: {
    triage: [
      { id: 'take', do: { ru: 'Назначьте ответственного', en: 'Assign an owner' } },
      {
        id: 'check-payments',
        do: { ru: 'Найдите все списания по заказу в платёжной системе', en: 'Find every charge for the order in the payment system' },
      },
    ],
    apologize: [
      {
        id: 'admit',
        do: { ru: 'Признайте ошибку и сразу пообещайте вернуть деньги', en: 'Admit the mistake and promise the refund straight away' },
        say: {
          ru: 'Мы списали с вас лишнее — это наша ошибка. Простите, деньги мы вернём.',
          en: 'We charged you more than we should have, and that is our mistake. We are sorry, and we will refund you.',
        },
      },
    ],
    explain: [
      { id: 'cause', do: { ru: 'Выясните причину: сбой оплаты, неверный тариф, ручная ошибка', en: 'Find the cause: a payment glitch, a wrong rate, a manual mistake' } },
      {
        id: 'timeline',
        do: { ru: 'Назовите точный срок возврата', en: 'Give an exact date for the refund' },
        say: {
          ru: 'Мы уже оформили возврат. Деньги вернутся на карту, как только их проведёт ваш банк.',
          en: 'We have already issued the refund. The money returns to your card as soon as your bank processes it.',
        },
      },
    ],
    compensate: [
      { id: 'refund', do: { ru: 'Верните всю ошибочно списанную сумму', en: 'Refund the full amount charged in error' } },
      { id: 'offer', do: { ru: 'Предложите бонусы за неудобства', en: 'Offer account credit for the inconvenience' } },
      { id: 'approval', do: { ru: 'Сумма выше лимита уходит на согласование руководителю', en: 'Amounts above your limit go to a lead for approval' } },
    ],
    followUp: [{ id: 'ask', do: { ru: 'Убедитесь, что деньги вернулись клиенту', en: 'Make sure the customer has received the money' } }],
  },
  templates: { apologize: 'apology', explain: 'explanation', compensate: 'offer', followUp: 'follow-up' },
});
