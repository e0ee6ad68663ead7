import { defineScenario } from './schema.js';

export default defineScenario({
  id: 'allergy-products',
  title: { ru: 'Аллергия на средства', en: 'Allergy to products' },
  description: {
    ru: 'После уборки у клиента или его близких началась аллергия или плохое самочувствие из-за средств: резкий запах, хлор, средство, о котором клиент предупреждал.',
    en: 'After the job the customer or their family had an allergy or felt unwell because of the products: a harsh smell, bleach, a product the customer had warned about.',
  },
  severity: 'high',
  recognise: {
    aspects: ['safety', 'quality'],
    keywords: {
      ru: ['аллергия', 'аллергическая реакция', 'хлорка', 'хлор', 'резкий запах', 'запах химии', 'сыпь', 'задыхаюсь', 'голова болит', 'гипоаллерген', 'просили не использовать', 'отравились', 'химия', 'зуд', 'покраснение', 'чешется', 'реакция на средство', 'на средство', 'чихаю', 'слезятся', 'кашлять', 'кашель', 'кашляет', 'каким-то средством', 'запах средства', 'от запаха', 'разболелась голова', 'голова'],
      en: ['allergy', 'allergic', 'allergic reaction', 'bleach', 'chemical smell', 'strong smell', 'rash', 'asthma', 'headache', 'hypoallergenic', 'asked not to use', 'fumes', 'chemicals', 'hives', 'itchy', 'itching', 'broke out', 'skin reaction', 'sneezing', 'watery eyes', 'reaction to', 'coughing', 'cough', 'wheezing', 'some product', 'smell of the', 'gave me a headache'],
    },
  },
  budget: { RUB: 300_000, EUR: 6_000, USD: 6_000 },
  offers: [
    { kind: 'refund', value: { RUB: 200_000, EUR: 4_000, USD: 4_000 }, title: { ru: 'Возврат оплаты за заказ', en: 'A refund for the order' } },
    { kind: 'extraService', value: { RUB: 100_000, EUR: 2_000, USD: 2_000 }, title: { ru: 'Бесплатная повторная уборка гипоаллергенными средствами', en: 'A free repeat clean with hypoallergenic products' } },
  ],
  deadlines: { apologize: 'PT1H', explain: 'PT24H', compensate: 'P2D', followUp: 'P5D', overall: 'P7D' },
  followUpDelay: 'P2D',
  checklists: {
    triage: [
      { id: 'take', do: { ru: 'Назначьте опытного ответственного', en: 'Assign an experienced owner' } },
      { id: 'products', do: { ru: 'Выясните у исполнителя, какими средствами он пользовался', en: 'Find out from the provider which products were used' } },
    ],
    apologize: [
      { id: 'call-back', do: { ru: 'Позвоните клиенту {due} и спросите о самочувствии', en: 'Call the customer {due} and ask how they feel' } },
      {
        id: 'admit',
        do: { ru: 'Признайте, что средства подобрали неправильно', en: 'Admit that the products were chosen wrongly' },
        say: {
          ru: 'Нам очень жаль, что после нашей уборки вам стало плохо. Мы должны были подобрать безопасные средства — это наша ошибка.',
          en: 'We are very sorry you felt unwell after our clean. We should have chosen safe products, and that is our mistake.',
        },
      },
      { id: 'health', do: { ru: 'Посоветуйте проветрить помещение и при ухудшении обратиться к врачу', en: 'Suggest airing the rooms and seeing a doctor if it gets worse' } },
    ],
    explain: [
      { id: 'composition', do: { ru: 'Пришлите клиенту названия и состав использованных средств', en: 'Send the customer the names and ingredients of the products used' } },
      { id: 'prevention', do: { ru: 'Отметьте аллергию в профиле клиента и расскажите об этом', en: 'Record the allergy in the customer’s profile and say you did' } },
    ],
    compensate: [
      { id: 'offer', do: { ru: 'Предложите возврат или бесплатную уборку гипоаллергенными средствами', en: 'Offer a refund or a free clean with hypoallergenic products' } },
      { id: 'approval', do: { ru: 'Сумма выше лимита уходит на согласование руководителю', en: 'Amounts above your limit go to a lead for approval' } },
    ],
    followUp: [{ id: 'ask', do: { ru: 'Спросите, как самочувствие и всё ли в порядке', en: 'Ask how the customer feels and whether all is well' } }],
  },
  templates: { apologize: 'apology', explain: 'explanation', compensate: 'offer', followUp: 'follow-up' },
  recovery: {
    description: { ru: 'Если исполнитель нарушил пометку об аллергии в заказе, он оплачивает 20% стоимости заказа.', en: 'If the provider ignored an allergy note in the order, they pay 20% of the job.' },
    bands: [{ percent: 20 }],
  },
});
