import { defineScenario } from './schema.js';

export default defineScenario({
  id: 'suspected-theft',
  title: { ru: 'Подозрение в краже', en: 'Suspected theft' },
  description: {
    ru: 'После визита у клиента пропали деньги или вещи, и он подозревает исполнителя. Нужна деликатная проверка без обвинений в обе стороны.',
    en: 'After the visit the customer misses money or belongings and suspects the provider. It needs a careful check that blames no one in advance.',
  },
  severity: 'critical',
  tone: 'conflict',
  recognise: {
    aspects: ['safety', 'trust'],
    keywords: {
      ru: ['украл', 'украли', 'кража', 'своровал', 'воровство', 'пропали деньги', 'пропали украшения', 'пропало кольцо', 'пропали часы', 'пропали серьги', 'стащил', 'вынес', 'пропал ноутбук', 'пропал телефон', 'пропала сумка', 'пропали вещи', 'после уборки пропал', 'ноутбук', 'кошелек', 'ювелирн', 'золотую', 'золото', 'цепочка', 'серьги', 'кольцо', 'украшения', 'браслет', 'из кошелька', 'кошелька', 'исчезли деньги', 'исчезли рублей'],
      en: ['stole', 'stolen', 'theft', 'thief', 'money is missing', 'cash is missing', 'cash missing', 'missing money', 'missing jewelry', 'missing jewellery', 'ring is missing', 'watch is missing', 'pocketed', 'disappeared after the cleaning', 'missing after the cleaning', 'missing since the visit', 'laptop', 'wallet', 'jewelry', 'jewellery', 'cash', 'gold', 'chain', 'necklace', 'earrings', 'bracelet', 'cannot find my', 'vanished from my wallet', 'from my wallet', 'vanished'],
    },
  },
  budget: { RUB: 1_000_000, EUR: 20_000, USD: 20_000 },
  offers: [
    { kind: 'refund', value: { RUB: 1_000_000, EUR: 20_000, USD: 20_000 }, title: { ru: 'Возмещение стоимости пропавшего по итогам проверки', en: 'Compensation for what went missing once the check is done' } },
    { kind: 'credit', value: { RUB: 100_000, EUR: 2_000, USD: 2_000 }, title: { ru: 'Бонусы на счёт за пережитое беспокойство', en: 'Account credit for the worry caused' } },
  ],
  deadlines: { personalCall: 'PT1H', apologize: 'PT2H', explain: 'P3D', compensate: 'P5D', followUp: 'P10D', overall: 'P14D' },
  followUpDelay: 'P3D',
  checklists: {
    triage: [
      { id: 'take', do: { ru: 'Назначьте руководителя смены ответственным', en: 'Make the shift lead the owner' } },
      { id: 'suspend', do: { ru: 'Снимите исполнителя с заказов у этого клиента до конца проверки', en: 'Take the provider off this customer’s orders until the check is over' } },
    ],
    personalCall: [
      { id: 'call', do: { ru: 'Позвоните клиенту лично {due}', en: 'Call the customer in person {due}' } },
      {
        id: 'listen',
        do: { ru: 'Запишите, что пропало, где лежало и когда видели в последний раз', en: 'Write down what is missing, where it was and when it was last seen' },
        say: {
          ru: 'Мы относимся к этому очень серьёзно и разберёмся. Расскажите, пожалуйста, что именно пропало.',
          en: 'We take this very seriously and will get to the bottom of it. Please tell me exactly what is missing.',
        },
      },
    ],
    apologize: [
      {
        id: 'acknowledge',
        do: { ru: 'Извинитесь за беспокойство, не споря и не обвиняя', en: 'Apologise for the worry without arguing or accusing anyone' },
        say: {
          ru: 'Простите, что вы столкнулись с этим после нашего визита. Мы отвечаем за своих исполнителей и всё проверим.',
          en: 'We are sorry you are facing this after our visit. We are responsible for our providers and will check everything.',
        },
      },
    ],
    explain: [
      { id: 'investigate', do: { ru: 'Поговорите с исполнителем и проверьте историю его заказов', en: 'Talk to the provider and review their order history' } },
      { id: 'result', do: { ru: 'Сообщите клиенту итог проверки {due}', en: 'Tell the customer the result of the check {due}' } },
      { id: 'police', do: { ru: 'Если клиент обращается в полицию, предложите помощь с документами', en: 'If the customer goes to the police, offer help with the paperwork' } },
    ],
    compensate: [
      { id: 'offer', do: { ru: 'Если пропажа подтвердилась, возместите её стоимость', en: 'If the loss is confirmed, pay its value' } },
      { id: 'approval', do: { ru: 'Сумма выше лимита уходит на согласование руководителю', en: 'Amounts above your limit go to a lead for approval' } },
    ],
    followUp: [{ id: 'ask', do: { ru: 'Спросите, нужна ли ещё помощь и готов ли клиент к новым заказам', en: 'Ask whether more help is needed and whether the customer is ready to order again' } }],
  },
  templates: { personalCall: 'call-note', apologize: 'apology', explain: 'explanation', compensate: 'offer', followUp: 'follow-up' },
  recovery: {
    description: { ru: 'Если кража подтверждена, исполнитель возмещает ущерб полностью.', en: 'If the theft is confirmed, the provider pays back the full loss.' },
    bands: [{ percent: 100 }],
  },
});
