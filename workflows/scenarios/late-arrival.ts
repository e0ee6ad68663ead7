import { defineScenario } from './schema.js';

export default defineScenario({
  id: 'late-arrival',
  title: { ru: 'Опоздание исполнителя', en: 'Late arrival' },
  description: {
    ru: 'Исполнитель приехал позже согласованного времени или не предупредил об опоздании.',
    en: 'The provider arrived after the agreed time or did not warn about the delay.',
  },
  severity: 'medium',
  recognise: {
    aspects: ['punctuality'],
    keywords: { ru: ['опоздал', 'опоздание', 'ждали', 'не пришёл вовремя', 'задержка', 'позже', 'на час позже', 'задержался', 'задержалась', 'приехал поздно', 'опоздали', 'не предупредил об опоздании', 'после назначенного времени', 'позже назначенного', 'после оговоренного', 'с опозданием'], en: ['late', 'delay', 'waited', 'not on time', 'lateness', 'running late', 'showed up late', 'turned up late', 'an hour past', 'past the agreed time', 'minutes after', 'hours after', 'hour after', 'delayed', 'after the scheduled time', 'after the agreed time', 'came late', 'arrived late'] },
  },
  budget: { RUB: 100_000, EUR: 2_000, USD: 2_000 },
  offers: [
    { kind: 'discount', percent: 15, title: { ru: 'Скидка 15% на следующий заказ', en: '15% off the next order' } },
    { kind: 'credit', value: { RUB: 50_000, EUR: 1000, USD: 1000 }, title: { ru: 'Бонусы на счёт', en: 'Account credit' } },
  ],
  deadlines: { apologize: 'PT2H', explain: 'PT24H', compensate: 'P2D', followUp: 'P5D', overall: 'P7D' },
  followUpDelay: 'P3D',
  checklists: {
    triage: [{ id: 'take', do: { ru: 'Назначьте ответственного', en: 'Assign an owner' } }],
    apologize: [
      { id: 'call-back', do: { ru: 'Перезвоните клиенту {due}', en: 'Call the customer back {due}' } },
      {
        id: 'admit',
        do: { ru: 'Признайте вину без оправданий', en: 'Admit the fault without excuses' },
        say: { ru: 'Мы опоздали, и это наша ошибка. Простите, что заставили вас ждать.', en: 'We were late, and that is our fault. We are sorry we kept you waiting.' },
      },
    ],
    explain: [
      { id: 'cause', do: { ru: 'Выясните у исполнителя причину опоздания', en: 'Find out from the provider why they were late' } },
      { id: 'prevention', do: { ru: 'Расскажите, что изменим, чтобы это не повторилось', en: 'Say what changes so it does not happen again' } },
    ],
    compensate: [{ id: 'offer', do: { ru: 'Предложите скидку на следующий заказ', en: 'Offer a discount on the next order' } }],
    followUp: [{ id: 'ask', do: { ru: 'Дайте клиенту время оценить результат, затем спросите, всё ли в порядке, — {due}', en: 'Give the customer time to see the result, then ask whether all is well — {due}' } }],
  },
  templates: { apologize: 'apology', explain: 'explanation', compensate: 'offer', followUp: 'follow-up' },
  recovery: {
    description: {
      ru: 'Исполнитель оплачивает 10% стоимости заказа при опоздании до 30 минут и 30% при большем.',
      en: 'The provider pays 10% of the job for lateness up to 30 minutes and 30% beyond.',
    },
    bands: [{ maxLateMinutes: 30, percent: 10 }, { percent: 30 }],
  },
});
