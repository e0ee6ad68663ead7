import { defineScenario } from './schema.js';

export default defineScenario({
  id: 'no-show',
  title: { ru: 'Исполнитель не приехал', en: 'Provider no-show' },
  description: {
    ru: 'Исполнитель не приехал на заказ и не предупредил клиента: клиент потерял время, а работа не выполнена.',
    en: 'The provider never came to the job and did not warn the customer: the customer lost their time and the work was not done.',
  },
  severity: 'high',
  recognise: {
    aspects: ['punctuality', 'availability'],
    keywords: {
      ru: ['не пришёл', 'не пришел', 'не пришли', 'не приехал', 'никто не пришёл', 'никто не приехал', 'не явился', 'прождали весь день', 'сорвали заказ', 'не появился', 'не появилась', 'не пришла', 'не приехала', 'никого не было', 'не доехал', 'не доехала', 'не доехали'],
      en: ['no-show', 'no show', 'never came', 'never showed up', 'did not show up', "didn't show up", 'nobody came', 'never arrived', 'no one turned up', 'nobody turned up', 'no one came', 'did not turn up', "didn't turn up", 'never turned up', 'no one showed', 'nobody showed', 'never made it', 'did not make it', "didn't make it"],
    },
  },
  budget: { RUB: 300_000, EUR: 6_000, USD: 6_000 },
  offers: [
    { kind: 'extraService', value: { RUB: 150_000, EUR: 3000, USD: 3000 }, title: { ru: 'Бесплатный выезд в первую очередь в удобное время', en: 'A free priority visit at a time that suits you' } },
    { kind: 'refund', value: { RUB: 250_000, EUR: 5000, USD: 5000 }, title: { ru: 'Полный возврат оплаты за заказ', en: 'A full refund for the order' } },
    { kind: 'discount', percent: 25, title: { ru: 'Скидка 25% на следующий заказ', en: '25% off the next order' } },
  ],
  deadlines: { apologize: 'PT1H', explain: 'PT12H', compensate: 'P1D', followUp: 'P5D', overall: 'P7D' },
  followUpDelay: 'P3D',
  checklists: {
    triage: [
      { id: 'take', do: { ru: 'Назначьте ответственного', en: 'Assign an owner' } },
      {
        id: 'check-booking',
        do: { ru: 'Проверьте заказ: время, адрес и кто был назначен исполнителем', en: 'Check the booking: time, address and which provider was assigned' },
      },
    ],
    apologize: [
      { id: 'call-back', do: { ru: 'Позвоните клиенту {due}', en: 'Call the customer {due}' } },
      {
        id: 'admit',
        do: { ru: 'Признайте, что мы сорвали заказ, без оправданий', en: 'Admit that we let the customer down, without excuses' },
        say: {
          ru: 'Мы не приехали и даже не предупредили вас — это наша ошибка. Простите, что вы потратили время впустую.',
          en: 'We did not come and did not even warn you. That is our fault, and we are sorry you waited for nothing.',
        },
      },
      {
        id: 'rebook',
        do: { ru: 'Сразу предложите ближайшее удобное время для нового выезда', en: 'Offer the earliest convenient slot for a new visit straight away' },
        say: { ru: 'Когда вам удобно, чтобы мы приехали? Поставим ваш заказ в приоритет.', en: 'When would suit you for us to come? We will put your job first in line.' },
      },
    ],
    explain: [
      {
        id: 'cause',
        do: { ru: 'Выясните у исполнителя и диспетчера, почему выезд сорвался', en: 'Find out from the provider and the dispatcher why the visit fell through' },
      },
      {
        id: 'prevention',
        do: {
          ru: 'Расскажите, что изменим: подтверждение выезда накануне, замена исполнителя, уведомления клиенту',
          en: 'Say what changes: confirming the visit the day before, a stand-in provider, notifications to the customer',
        },
      },
    ],
    compensate: [
      { id: 'offer', do: { ru: 'Предложите бесплатный выезд, возврат оплаты или скидку', en: 'Offer a free visit, a refund or a discount' } },
      {
        id: 'refund-prepayment',
        do: {
          ru: 'Если клиент отказался от нового выезда, а заказ был оплачен заранее, верните деньги сразу, не дожидаясь просьбы',
          en: 'If the customer does not want a new visit and paid in advance, refund at once without waiting to be asked',
        },
      },
    ],
    followUp: [
      { id: 'ask', do: { ru: 'Убедитесь, что новый выезд состоялся и клиент доволен', en: 'Make sure the new visit took place and the customer is happy' } },
    ],
  },
  templates: { apologize: 'apology', explain: 'explanation', compensate: 'offer', followUp: 'follow-up' },
  recovery: {
    description: { ru: 'Исполнитель оплачивает 50% стоимости сорванного заказа.', en: 'The provider pays 50% of the value of the missed job.' },
    bands: [{ percent: 50 }],
  },
});
