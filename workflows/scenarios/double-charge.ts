import { defineScenario } from './schema.js';

export default defineScenario({
  id: 'double-charge',
  title: { ru: 'Двойное списание', en: 'Double charge' },
  description: {
    ru: 'За один заказ или платёж с клиента списали деньги два раза или больше.',
    en: 'The customer was charged two or more times for one order or payment.',
  },
  severity: 'high',
  recognise: {
    aspects: ['billing'],
    keywords: {
      ru: ['списали дважды', 'сняли дважды', 'два раза списали', 'два списания', 'двойное списание', 'списали повторно', 'списали второй раз', 'оплата прошла дважды', 'снова списали', 'задвоился платеж', 'два раза', 'дважды', 'двойная оплата', 'две одинаковые операции', 'две операции', 'два платежа', 'два одинаковых'],
      en: ['charged twice', 'charged me twice', 'double charge', 'double-charged', 'double charged', 'two charges', 'charged again', 'duplicate charge', 'billed twice', 'paid twice', 'twice', 'two times', 'charged two times', 'two identical', 'two transactions', 'identical transactions', 'two payments'],
    },
  },
  budget: { RUB: 300_000, EUR: 6_000, USD: 6_000 },
  offers: [
    { kind: 'refund', value: { RUB: 300_000, EUR: 6_000, USD: 6_000 }, title: { ru: 'Возврат лишнего списания', en: 'A refund of the extra charge' } },
    { kind: 'credit', value: { RUB: 30_000, EUR: 600, USD: 600 }, title: { ru: 'Бонусы на счёт за неудобства', en: 'Account credit for the inconvenience' } },
  ],
  deadlines: { apologize: 'PT2H', explain: 'PT24H', compensate: 'P1D', followUp: 'P10D', overall: 'P14D' },
  // Billing and account staff work office hours: first answers and decisions count working time.
  businessHours: ['triage', 'apologize', 'compensate', 'approval'],
  followUpDelay: 'P7D',
  checklists: {
    triage: [
      { id: 'take', do: { ru: 'Назначьте ответственного', en: 'Assign an owner' } },
      { id: 'check-payments', do: { ru: 'Найдите в платёжной системе оба списания', en: 'Find both charges in the payment system' } },
    ],
    apologize: [
      { id: 'reply', do: { ru: 'Ответьте клиенту {due}', en: 'Reply to the customer {due}' } },
      {
        id: 'admit',
        do: { ru: 'Признайте ошибку и сразу пообещайте вернуть деньги', en: 'Admit the mistake and promise the refund straight away' },
        say: {
          ru: 'Мы списали с вас оплату дважды — это наша ошибка. Простите, лишнее мы вернём.',
          en: 'We charged you twice, and that is our mistake. We are sorry; we will refund the extra charge.',
        },
      },
    ],
    explain: [
      { id: 'cause', do: { ru: 'Выясните причину повтора: сбой платёжного шлюза, повторная отправка, ручная ошибка', en: 'Find why it repeated: a payment gateway glitch, a retried request, a manual mistake' } },
      {
        id: 'timeline',
        do: { ru: 'Назовите дату, когда деньги вернутся', en: 'Give the date the money will be back' },
        say: { ru: 'Возврат уже оформлен, деньги вернутся на карту {due}.', en: 'The refund is already issued; the money will be back on your card {due}.' },
      },
    ],
    compensate: [
      { id: 'refund', do: { ru: 'Верните всё лишнее списание', en: 'Refund the whole extra charge' } },
      { id: 'offer', do: { ru: 'Предложите бонусы за неудобства', en: 'Offer account credit for the inconvenience' } },
    ],
    followUp: [{ id: 'ask', do: { ru: 'Убедитесь, что деньги вернулись клиенту', en: 'Make sure the customer has the money back' } }],
  },
  templates: { apologize: 'apology', explain: 'explanation', compensate: 'offer', followUp: 'follow-up' },
});
