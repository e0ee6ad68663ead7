import { defineScenario } from './schema.js';

export default defineScenario({
  id: 'refund-delay',
  title: { ru: 'Задержка возврата денег', en: 'Refund delay' },
  description: {
    ru: 'Клиенту обещали возврат, но деньги не пришли в срок или о возврате забыли.',
    en: 'The customer was promised a refund, but the money did not arrive in time or the refund was forgotten.',
  },
  severity: 'high',
  recognise: {
    aspects: ['billing', 'speed'],
    keywords: {
      ru: ['не вернули деньги', 'деньги не вернули', 'возврат не пришел', 'жду возврат', 'жду возврата', 'обещали вернуть', 'где мой возврат', 'возврат денег', 'до сих пор не вернули', 'возврат средств', 'не вернулись', 'не вернули', 'возврат', 'верните деньги', 'вернете деньги', 'когда вернете'],
      en: ['refund', 'still no refund', 'waiting for my refund', 'where is my refund', 'promised a refund', 'money back', 'not refunded', 'refund has not arrived', 'never got my money back', 'money for my return', 'my return', 'where is the money', 'where is my money'],
    },
  },
  budget: { RUB: 200_000, EUR: 4_000, USD: 4_000 },
  offers: [
    { kind: 'credit', value: { RUB: 50_000, EUR: 1_000, USD: 1_000 }, title: { ru: 'Бонусы на счёт за ожидание', en: 'Account credit for the wait' } },
    { kind: 'discount', percent: 10, title: { ru: 'Скидка 10% на следующий заказ', en: '10% off the next order' } },
  ],
  deadlines: { apologize: 'PT2H', explain: 'PT24H', compensate: 'P1D', followUp: 'P7D', overall: 'P10D' },
  // Billing and account staff work office hours: first answers and decisions count working time.
  businessHours: ['triage', 'apologize', 'compensate', 'approval'],
  followUpDelay: 'P5D',
  checklists: {
    triage: [
      { id: 'take', do: { ru: 'Назначьте ответственного', en: 'Assign an owner' } },
      { id: 'status', do: { ru: 'Проверьте статус возврата в платёжной системе', en: 'Check the refund’s status in the payment system' } },
    ],
    apologize: [
      { id: 'reply', do: { ru: 'Ответьте клиенту {due}', en: 'Reply to the customer {due}' } },
      {
        id: 'admit',
        do: { ru: 'Признайте, что мы не сдержали обещание', en: 'Admit that we did not keep our promise' },
        say: {
          ru: 'Мы обещали вернуть деньги и не сделали этого вовремя. Простите — это наша ошибка, и мы уже её исправляем.',
          en: 'We promised to refund you and did not do it on time. We are sorry; it is our mistake and we are already fixing it.',
        },
      },
    ],
    explain: [
      { id: 'cause', do: { ru: 'Выясните, на каком шаге застрял возврат', en: 'Find out at which step the refund got stuck' } },
      {
        id: 'date',
        do: { ru: 'Назовите точную дату и пришлите подтверждение платежа', en: 'Give an exact date and send the payment confirmation' },
        say: { ru: 'Возврат отправлен, деньги придут {due}. Вот подтверждение платежа.', en: 'The refund has been sent; the money will arrive {due}. Here is the payment confirmation.' },
      },
    ],
    compensate: [{ id: 'offer', do: { ru: 'Предложите бонусы за ожидание', en: 'Offer account credit for the wait' } }],
    followUp: [{ id: 'ask', do: { ru: 'Убедитесь, что деньги дошли', en: 'Make sure the money arrived' } }],
  },
  templates: { apologize: 'apology', explain: 'explanation', compensate: 'offer', followUp: 'follow-up' },
});
