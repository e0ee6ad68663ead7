import { defineScenario } from './schema.js';

export default defineScenario({
  id: 'wrong-time-slot',
  title: { ru: 'Не то время визита', en: 'Wrong time slot' },
  description: {
    ru: 'Исполнитель пришёл не в выбранный клиентом интервал: раньше, в другой день или в перепутанное время.',
    en: 'The provider came outside the slot the customer chose: too early, on another day or at a mixed-up time.',
  },
  severity: 'medium',
  recognise: {
    aspects: ['punctuality', 'communication'],
    keywords: {
      ru: ['не в то время', 'перепутали время', 'перепутали дату', 'другое время', 'другой день', 'раньше времени', 'слишком рано', 'не в мой интервал', 'не в выбранный интервал', 'пришли рано', 'на день раньше', 'приехали раньше', 'пришли раньше'],
      en: ['wrong time', 'wrong slot', 'wrong day', 'wrong date', 'too early', 'came early', 'time slot', 'booked slot', 'different time', 'mixed up the time'],
    },
  },
  budget: { RUB: 100_000, EUR: 2_000, USD: 2_000 },
  offers: [
    { kind: 'discount', percent: 15, title: { ru: 'Скидка 15% на следующий заказ', en: '15% off the next order' } },
    { kind: 'extraService', value: { RUB: 80_000, EUR: 1_600, USD: 1_600 }, title: { ru: 'Бесплатный визит в удобное вам время', en: 'A free visit at the time that suits you' } },
  ],
  deadlines: { apologize: 'PT2H', explain: 'PT24H', compensate: 'P2D', followUp: 'P5D', overall: 'P7D' },
  followUpDelay: 'P3D',
  checklists: {
    triage: [
      { id: 'take', do: { ru: 'Назначьте ответственного', en: 'Assign an owner' } },
      { id: 'check-slot', do: { ru: 'Сверьте интервал в заказе с тем, что видел исполнитель', en: 'Compare the slot in the order with the one the provider saw' } },
    ],
    apologize: [
      { id: 'call-back', do: { ru: 'Перезвоните клиенту {due}', en: 'Call the customer back {due}' } },
      {
        id: 'admit',
        do: { ru: 'Признайте, что мы нарушили договорённость о времени', en: 'Admit that we broke the agreement about the time' },
        say: {
          ru: 'Вы выбрали другое время, а мы его не соблюли. Это наша ошибка, простите за неудобство.',
          en: 'You chose a different time and we did not keep to it. That is our mistake, and we are sorry for the trouble.',
        },
      },
    ],
    explain: [
      { id: 'cause', do: { ru: 'Выясните, где потерялся интервал: в приложении, у диспетчера или у исполнителя', en: 'Find out where the slot got lost: in the app, with the dispatcher or with the provider' } },
      { id: 'prevention', do: { ru: 'Расскажите, что изменим, чтобы время соблюдалось', en: 'Say what changes so the time is kept' } },
    ],
    compensate: [{ id: 'offer', do: { ru: 'Предложите скидку или бесплатный визит в удобное время', en: 'Offer a discount or a free visit at a convenient time' } }],
    followUp: [{ id: 'ask', do: { ru: 'Спросите, пришёл ли следующий исполнитель вовремя', en: 'Ask whether the next provider came on time' } }],
  },
  templates: { apologize: 'apology', explain: 'explanation', compensate: 'offer', followUp: 'follow-up' },
  recovery: {
    description: { ru: 'Исполнитель, пришедший не в своё время, оплачивает 10% стоимости заказа.', en: 'A provider who came at the wrong time pays 10% of the job.' },
    bands: [{ percent: 10 }],
  },
});
