import { defineScenario } from './schema.js';

export default defineScenario({
  id: 'overtime',
  title: { ru: 'Работа заняла больше времени', en: 'Job overran' },
  description: {
    ru: 'Работа длилась намного дольше обещанного, и клиенту пришлось менять свои планы.',
    en: 'The job took much longer than promised, and the customer had to change their plans.',
  },
  severity: 'medium',
  recognise: {
    aspects: ['punctuality'],
    keywords: {
      ru: ['долго', 'затянули', 'дольше обещанного', 'весь день', 'вместо двух часов', 'до сих пор не закончили', 'заняла часов', 'заняло часов', 'часов вместо', 'работали часов'],
      en: ['took too long', 'took forever', 'longer than promised', 'all day', 'overran', 'still not finished', 'took hours', 'hours instead', 'hours instead of', 'took all day'],
    },
  },
  budget: { RUB: 100_000, EUR: 2_000, USD: 2_000 },
  offers: [
    { kind: 'refund', value: { RUB: 80_000, EUR: 1600, USD: 1600 }, title: { ru: 'Возврат оплаты за лишние часы', en: 'A refund for the extra hours' } },
    { kind: 'discount', percent: 10, title: { ru: 'Скидка 10% на следующий заказ', en: '10% off the next order' } },
  ],
  deadlines: { apologize: 'PT4H', explain: 'PT24H', compensate: 'P2D', followUp: 'P5D', overall: 'P7D' },
  followUpDelay: 'P3D',
  checklists: {
    triage: [
      { id: 'take', do: { ru: 'Назначьте ответственного', en: 'Assign an owner' } },
      {
        id: 'compare',
        do: { ru: 'Сравните обещанную длительность с фактической по отметкам исполнителя', en: 'Compare the promised duration with the actual one from the provider’s check-in and check-out' },
      },
    ],
    apologize: [
      {
        id: 'admit',
        do: { ru: 'Признайте, что мы не уложились в обещанное время', en: 'Admit that we did not keep to the time we promised' },
        say: {
          ru: 'Мы заняли у вас намного больше времени, чем обещали, — это наша ошибка. Простите, что нарушили ваши планы.',
          en: 'We took up far more of your time than we promised, and that is our fault. We are sorry we upset your plans.',
        },
      },
    ],
    explain: [
      {
        id: 'cause',
        do: { ru: 'Выясните, почему работа затянулась', en: 'Find out why the job overran' },
      },
      {
        id: 'own-estimate',
        do: {
          ru: 'Если объём работ недооценили при оформлении заказа, это ошибка нашей оценки, а не клиента',
          en: 'If the amount of work was underestimated at booking, that is our estimate’s mistake, not the customer’s',
        },
      },
      { id: 'prevention', do: { ru: 'Расскажите, как будем точнее оценивать время', en: 'Say how we will estimate time more accurately' } },
    ],
    compensate: [
      {
        id: 'no-extra-charge',
        do: { ru: 'Не берите плату за часы сверх обещанного, а уже списанное верните', en: 'Do not charge for hours beyond the promise, and refund any already charged' },
      },
      { id: 'offer', do: { ru: 'Предложите скидку на следующий заказ', en: 'Offer a discount on the next order' } },
    ],
    followUp: [{ id: 'ask', do: { ru: 'Дайте клиенту время оценить результат, затем спросите, всё ли в порядке, — {due}', en: 'Give the customer time to see the result, then ask whether all is well — {due}' } }],
  },
  templates: { apologize: 'apology', explain: 'explanation', compensate: 'offer', followUp: 'follow-up' },
  recovery: {
    description: {
      ru: 'Если работа затянулась по вине исполнителя, он оплачивает 10% стоимости заказа при превышении до 60 минут и 25% при большем.',
      en: 'If the overrun is the provider’s fault, they pay 10% of the job for up to 60 minutes over and 25% beyond.',
    },
    bands: [{ maxLateMinutes: 60, percent: 10 }, { percent: 25 }],
  },
});
